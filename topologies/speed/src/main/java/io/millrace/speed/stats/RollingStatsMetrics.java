package io.millrace.speed.stats;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * The lateness counters of each window family of the rolling statistics, as Kafka Streams metrics (so JMX and
 * Prometheus read them with the rest): group {@value #GROUP}, tag {@value #STORE_TAG} = {@link #tag the family}
 * ({@code tumbling} or {@code hopping}), plus Streams' {@code thread-id}.
 * <ul>
 *   <li>{@code late-records-total} / {@code -rate}: events that arrived after at least one window of the family
 *       that holds them had closed. They are kept, apart, in the window slices (see {@link SliceStatistics}),
 *       unless also expired.</li>
 *   <li>{@code expired-records-total} / {@code -rate}: the late events whose slice of the family was older than
 *       its retention: not in the family's windows at all. The batch layer, which recomputes every
 *       window from {@code valid-events}, still counts them.</li>
 *   <li>{@code unreadable-records-total} / {@code -rate}, tag {@value #VALID_EVENTS_TAG}: {@code valid-events}
 *       records that did not read as events, dead-lettered.</li>
 * </ul>
 * Registered when the processor starts, so a store without late events reads 0 rather than missing.
 */
final class RollingStatsMetrics {
    static final String SCOPE = "millrace-rolling-stats";
    static final String GROUP = "stream-millrace-rolling-stats-metrics";
    static final String STORE_TAG = SCOPE + "-id";
    static final String LATE = "late-records";
    static final String EXPIRED = "expired-records";
    static final String UNREADABLE = "unreadable-records";
    /** The tag value of the counters about the {@code valid-events} records themselves rather than one store. */
    static final String VALID_EVENTS_TAG = "valid-events";

    final Sensor late;
    final Sensor expired;

    private RollingStatsMetrics(Sensor late, Sensor expired) {
        this.late = late;
        this.expired = expired;
    }

    /** The tag value of a family's counters. */
    static String tag(RollingStatsQueries.Windows family) {
        return family.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Registers (or finds, per stream thread) the sensors tagged {@code store}. */
    static RollingStatsMetrics register(StreamsMetrics metrics, String store) {
        return new RollingStatsMetrics(
                metrics.addRateTotalSensor(SCOPE, store, LATE, Sensor.RecordingLevel.INFO),
                metrics.addRateTotalSensor(SCOPE, store, EXPIRED, Sensor.RecordingLevel.INFO));
    }

    /** Registers (or finds, per stream thread) the counter of {@code valid-events} records that are not events. */
    static Sensor unreadable(StreamsMetrics metrics) {
        return metrics.addRateTotalSensor(SCOPE, VALID_EVENTS_TAG, UNREADABLE, Sensor.RecordingLevel.INFO);
    }
}

package io.millrace.speed.ingest;

import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * One counter per ingest outcome, as Kafka Streams metrics so JMX and Prometheus exporters read them with
 * the rest: group {@value #GROUP}, metrics {@code records-total} and {@code records-rate}, tag
 * {@value #OUTCOME_TAG} = {@value #VALID}, {@value #REKEYED} or the {@link RejectReason} name, plus Streams' {@code thread-id}.
 * Every outcome is registered up front, so a reason that never happened reads 0 rather than missing.
 *
 * <p>The sensors are thread-level: tasks on the same stream thread share them (Kafka returns the existing
 * sensor), so none is removed when one task closes.
 */
final class IngestMetrics {
    /** Scope of the custom metrics; Kafka Streams names the group {@code stream-<scope>-metrics}. */
    static final String SCOPE = "millrace-ingest";
    static final String GROUP = "stream-millrace-ingest-metrics";
    static final String OUTCOME_TAG = SCOPE + "-id";
    static final String OPERATION = "records";
    static final String VALID = "VALID";
    /**
     * Valid events (counted in {@value #VALID} too) that ingest read from another {@code events} partition than the
     * one holding their entity, and sent through {@code rekeyed-events}: null keys, another partitioner, or a
     * partition count of {@code events} other than the speed layer's.
     */
    static final String REKEYED = "REKEYED";

    private final Sensor valid;
    private final Sensor rekeyed;
    private final Map<RejectReason, Sensor> rejected;

    private IngestMetrics(Sensor valid, Sensor rekeyed, Map<RejectReason, Sensor> rejected) {
        this.valid = valid;
        this.rekeyed = rekeyed;
        this.rejected = rejected;
    }

    /** Registers (or finds) the sensors of the current stream thread. */
    static IngestMetrics register(StreamsMetrics metrics) {
        Map<RejectReason, Sensor> rejected = new EnumMap<>(RejectReason.class);
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, sensor(metrics, reason.name()));
        }
        return new IngestMetrics(sensor(metrics, VALID), sensor(metrics, REKEYED), rejected);
    }

    private static Sensor sensor(StreamsMetrics metrics, String outcome) {
        return metrics.addRateTotalSensor(SCOPE, outcome, OPERATION, Sensor.RecordingLevel.INFO);
    }

    void recordValid() {
        valid.record();
    }

    void recordRekeyed() {
        rekeyed.record();
    }

    void recordRejected(RejectReason reason) {
        rejected.get(reason).record();
    }
}

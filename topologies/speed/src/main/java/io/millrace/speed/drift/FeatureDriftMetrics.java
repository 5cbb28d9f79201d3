package io.millrace.speed.drift;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * The drift watch's counters, as Kafka Streams metrics (JMX and Prometheus read them with the rest): group
 * {@value #GROUP}, tag {@value #DETECTOR_TAG} = the detector ({@code psi}, {@code ks}), plus Streams'
 * {@code thread-id}.
 * <ul>
 *   <li>{@code checks-total} / {@code -rate}: a feature judged on a window;</li>
 *   <li>{@code unjudged-total} / {@code -rate}: a feature with a reference left unjudged on a window, because
 *       the window or the reference held fewer than {@code minCount} of its values;</li>
 *   <li>{@code alerts-total} / {@code -rate}: alerts raised (a feature turned drifted).</li>
 * </ul>
 * Registered when the processor starts, so a detector that never fired reads 0 rather than missing.
 */
final class FeatureDriftMetrics {
    static final String SCOPE = "millrace-feature-drift";
    static final String GROUP = "stream-millrace-feature-drift-metrics";
    static final String DETECTOR_TAG = SCOPE + "-id";
    static final String CHECKS = "checks";
    static final String UNJUDGED = "unjudged";
    static final String ALERTS = "alerts";

    private final Map<String, Sensor> sensors = new HashMap<>();

    private FeatureDriftMetrics() {
    }

    /** Registers (or finds, per stream thread) the sensors of every detector. */
    static FeatureDriftMetrics register(StreamsMetrics metrics) {
        FeatureDriftMetrics registered = new FeatureDriftMetrics();
        for (String detector : DriftTests.DETECTORS) {
            for (String operation : new String[] {CHECKS, UNJUDGED, ALERTS}) {
                registered.sensors.put(detector + "/" + operation,
                        metrics.addRateTotalSensor(SCOPE, detector, operation, Sensor.RecordingLevel.INFO));
            }
        }
        return registered;
    }

    void count(String detector, String operation) {
        sensors.get(detector + "/" + operation).record();
    }
}

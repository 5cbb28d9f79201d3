package io.millrace.speed.model;

import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * One counter per {@link ModelCounter}, as Kafka Streams metrics: group {@value #GROUP}, metrics
 * {@code records-total} and {@code records-rate}, tag {@value #OUTCOME_TAG} = the counter's name, plus Streams'
 * {@code thread-id}. All are registered up front, so an outcome that never happened reads 0 rather than missing.
 */
public final class ModelMetrics {
    static final String SCOPE = "millrace-model";
    /** The metric group Kafka Streams gives the counters. */
    public static final String GROUP = "stream-millrace-model-metrics";
    /** The tag naming the counter. */
    public static final String OUTCOME_TAG = SCOPE + "-id";
    static final String OPERATION = "records";

    private final Map<ModelCounter, Sensor> sensors;

    private ModelMetrics(Map<ModelCounter, Sensor> sensors) {
        this.sensors = sensors;
    }

    /** Registers (or finds) the sensors of the current thread. */
    public static ModelMetrics register(StreamsMetrics metrics) {
        Map<ModelCounter, Sensor> sensors = new EnumMap<>(ModelCounter.class);
        for (ModelCounter counter : ModelCounter.values()) {
            sensors.put(counter, metrics.addRateTotalSensor(SCOPE, counter.name(), OPERATION, Sensor.RecordingLevel.INFO));
        }
        return new ModelMetrics(sensors);
    }

    public void count(ModelCounter counter) {
        sensors.get(counter).record();
    }
}

package io.millrace.bench.speed;

import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * The speed layer's own outcome counters read from an application's Kafka Streams metrics, summed over its stream
 * threads: ingest outcomes ({@code ingest.VALID}, {@code ingest.<reject reason>}) and model outcomes
 * ({@code model.EVENT_SCORED}, {@code model.LABEL_JOINED}, {@code model.EXAMPLE_LEARNED}, ...). They show what a
 * run did, beside how fast: that every event was validated, how many were scored and learned from.
 */
final class Counters {

    /** Group and tag of {@code io.millrace.speed.ingest.IngestMetrics}. */
    static final String INGEST_GROUP = "stream-millrace-ingest-metrics";
    static final String INGEST_TAG = "millrace-ingest-id";
    /** Group and tag of {@code io.millrace.speed.model.ModelMetrics}. */
    static final String MODEL_GROUP = "stream-millrace-model-metrics";
    static final String MODEL_TAG = "millrace-model-id";
    static final String TOTAL = "records-total";

    private Counters() {
    }

    /** Every non-zero counter, by {@code ingest.<outcome>} or {@code model.<outcome>}, in name order. */
    static Map<String, Long> read(Map<MetricName, ? extends Metric> metrics) {
        Map<String, Long> counters = new TreeMap<>();
        metrics.forEach((name, metric) -> {
            if (!name.name().equals(TOTAL)) {
                return;
            }
            String key = null;
            if (name.group().equals(INGEST_GROUP)) {
                key = "ingest." + name.tags().get(INGEST_TAG);
            } else if (name.group().equals(MODEL_GROUP)) {
                key = "model." + name.tags().get(MODEL_TAG);
            }
            if (key != null && metric.metricValue() instanceof Number value && value.longValue() > 0) {
                counters.merge(key, value.longValue(), Long::sum);
            }
        });
        return counters;
    }
}

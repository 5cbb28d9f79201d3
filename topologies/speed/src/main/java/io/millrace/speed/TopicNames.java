package io.millrace.speed;

import java.util.List;
import java.util.Objects;

/**
 * The names of Millrace's topics: one common prefix ({@code millrace.} by default) before each
 * documented name, so several Millrace deployments can share a cluster.
 */
public record TopicNames(String prefix) {

    public static final String DEFAULT_PREFIX = "millrace.";

    public static final String EVENTS = "events";
    public static final String LABELS = "labels";
    public static final String VALID_EVENTS = "valid-events";
    public static final String DEAD_LETTERS = "dead-letters";
    public static final String PREDICTIONS = "predictions";
    public static final String MODELS = "models";
    public static final String DRIFT_ALERTS = "drift-alerts";
    public static final String BATCH_VIEWS = "batch-views";

    public TopicNames {
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.isEmpty() && !prefix.matches("[a-zA-Z0-9._-]+")) {
            throw new IllegalArgumentException("topic prefix may hold only letters, digits, '.', '_' and '-': '" + prefix + "'");
        }
    }

    public static TopicNames defaults() {
        return new TopicNames(DEFAULT_PREFIX);
    }

    public String events() {
        return prefix + EVENTS;
    }

    public String labels() {
        return prefix + LABELS;
    }

    public String validEvents() {
        return prefix + VALID_EVENTS;
    }

    public String deadLetters() {
        return prefix + DEAD_LETTERS;
    }

    public String predictions() {
        return prefix + PREDICTIONS;
    }

    public String models() {
        return prefix + MODELS;
    }

    public String driftAlerts() {
        return prefix + DRIFT_ALERTS;
    }

    public String batchViews() {
        return prefix + BATCH_VIEWS;
    }

    /** Every topic, in data-flow order. */
    public List<String> all() {
        return List.of(events(), labels(), validEvents(), deadLetters(), predictions(), models(), driftAlerts(), batchViews());
    }

    /** The compacted ones: the model registry and the batch views keep the latest value per key. */
    public boolean isCompacted(String topic) {
        return topic.equals(models()) || topic.equals(batchViews());
    }
}

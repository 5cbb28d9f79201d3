package io.millrace.speed;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
    /**
     * Scored events waiting for their label, keyed by event id: the speed layer's own hand-over from scoring
     * (partitioned by entity) to the label join (partitioned by event id, like {@code labels}). It must have as
     * many partitions as {@code labels}; {@link TopicSetup} creates both with the same count.
     */
    public static final String SCORED_EVENTS = "scored-events";
    /**
     * Valid events that ingest read from another {@code events} partition than the one holding their entity (a null
     * key, another partitioner, another partition count), keyed by entity, on their way to the task that owns it. It
     * must have as many partitions as {@code valid-events}; {@link TopicSetup} creates both with the same count.
     */
    public static final String REKEYED_EVENTS = "rekeyed-events";
    /** Labelled examples keyed by model name: every example of one model reaches its one trainer task. */
    public static final String TRAINING_EXAMPLES = "training-examples";

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

    public String rekeyedEvents() {
        return prefix + REKEYED_EVENTS;
    }

    public String scoredEvents() {
        return prefix + SCORED_EVENTS;
    }

    public String trainingExamples() {
        return prefix + TRAINING_EXAMPLES;
    }

    /** Every topic, in data-flow order: the documented ones, then the speed layer's three hand-over topics. */
    public List<String> all() {
        return List.of(events(), labels(), validEvents(), deadLetters(), predictions(), models(), driftAlerts(), batchViews(),
                rekeyedEvents(), scoredEvents(), trainingExamples());
    }

    /**
     * The topic whose partition count {@code topic} must have, for the speed layer's hand-over topics:
     * {@code valid-events} for {@code rekeyed-events} (both keyed by entity, read by the same tasks), {@code labels}
     * for {@code scored-events} (the label join co-partitions them); empty for the rest.
     */
    public Optional<String> partner(String topic) {
        if (topic.equals(rekeyedEvents())) {
            return Optional.of(validEvents());
        }
        if (topic.equals(scoredEvents())) {
            return Optional.of(labels());
        }
        return Optional.empty();
    }

    /** The compacted ones: the model registry and the batch views keep the latest value per key. */
    public boolean isCompacted(String topic) {
        return topic.equals(models()) || topic.equals(batchViews());
    }
}

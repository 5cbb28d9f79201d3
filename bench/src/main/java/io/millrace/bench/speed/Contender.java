package io.millrace.bench.speed;

/**
 * The topologies the speed-layer benchmark runs side by side, each reading the same input topics from the
 * beginning with the same Kafka Streams settings.
 */
public enum Contender {

    /** {@code events} bytes to an output topic, untouched: what exactly-once Kafka Streams costs by itself. */
    PASS_THROUGH("pass-through", "Kafka Streams pass-through, bytes in, bytes out"),
    /** The whole layer's reads and writes with no work: {@link TopicShape}. */
    TOPIC_SHAPE("topic-shape", "the whole layer's topics with no work: reads events and labels, writes each event to "
        + "4 topics and reads 2 of them back, bytes in, bytes out, no state"),
    /** The speed layer with no model: deserialise through the registry, validate, re-encode to valid-events. */
    INGEST_ONLY("speed-layer-no-model", "speed layer without a model: ingest, validation and rolling statistics"),
    /** The whole speed layer with one model: ingest, score, join the delayed labels, learn, watch for drift. */
    WHOLE("speed-layer-", "whole speed layer, one %s model over the payments: ingest, score, label join, learn, drift");

    private final String id;
    private final String description;

    Contender(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /**
     * The name in the table and the JSON, also part of each run's application id: the whole layer's names its
     * model's learner ({@code speed-layer-hoeffding-tree}).
     */
    public String id(String learner) {
        return this == WHOLE ? id + learner : id;
    }

    /** Whether it runs a plain topology of the benchmark's own, writing topics it creates for the run. */
    public boolean isPlain() {
        return this == PASS_THROUGH || this == TOPIC_SHAPE;
    }

    /** Whether it reads the labels besides the events. */
    public boolean readsLabels() {
        return this == TOPIC_SHAPE || this == WHOLE;
    }

    public String description(String learner) {
        return this == WHOLE ? String.format(description, learner) : description;
    }
}

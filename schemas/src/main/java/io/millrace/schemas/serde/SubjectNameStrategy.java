package io.millrace.schemas.serde;

import org.apache.avro.Schema;

/**
 * How a topic and a record schema map to the registry subject whose versions the schema joins, as in
 * Confluent's serdes. {@link #TOPIC_NAME} (one schema lineage per topic, checked for compatibility) is the
 * default and what Millrace's topics use.
 */
public enum SubjectNameStrategy {
    /** {@code <topic>-key} or {@code <topic>-value}. */
    TOPIC_NAME,
    /** The record's full name: one lineage per record type, across topics. */
    RECORD_NAME,
    /** {@code <topic>-<record full name>}: several record types on one topic, each with its own lineage. */
    TOPIC_RECORD_NAME;

    /** The subject for a record with {@code schema} on {@code topic}. */
    public String subject(String topic, boolean key, Schema schema) {
        return switch (this) {
            case TOPIC_NAME -> topic + (key ? "-key" : "-value");
            case RECORD_NAME -> schema.getFullName();
            case TOPIC_RECORD_NAME -> topic + "-" + schema.getFullName();
        };
    }

    /**
     * Parses a strategy by its name here ({@code TOPIC_NAME}) or by the simple or full class name Confluent
     * configurations use ({@code io.confluent.kafka.serializers.subject.TopicNameStrategy}).
     */
    public static SubjectNameStrategy parse(String text) {
        String simple = text.trim().substring(text.trim().lastIndexOf('.') + 1);
        for (SubjectNameStrategy strategy : values()) {
            String camel = switch (strategy) {
                case TOPIC_NAME -> "TopicNameStrategy";
                case RECORD_NAME -> "RecordNameStrategy";
                case TOPIC_RECORD_NAME -> "TopicRecordNameStrategy";
            };
            if (simple.equalsIgnoreCase(strategy.name()) || simple.equals(camel)) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("unknown subject name strategy '" + text
                + "': use TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy");
    }
}

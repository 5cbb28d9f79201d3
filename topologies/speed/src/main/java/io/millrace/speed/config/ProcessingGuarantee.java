package io.millrace.speed.config;

import org.apache.kafka.streams.StreamsConfig;

/**
 * Kafka Streams' {@code processing.guarantee}. Millrace runs {@link #EXACTLY_ONCE_V2} by default: every
 * record read, every state change and every record written commit in one transaction, so a crash never
 * counts an event twice or loses one. {@link #AT_LEAST_ONCE} is there for brokers without transactions.
 */
public enum ProcessingGuarantee {
    EXACTLY_ONCE_V2(StreamsConfig.EXACTLY_ONCE_V2),
    AT_LEAST_ONCE(StreamsConfig.AT_LEAST_ONCE);

    private final String streamsValue;

    ProcessingGuarantee(String streamsValue) {
        this.streamsValue = streamsValue;
    }

    /** The value Kafka Streams expects for {@code processing.guarantee}. */
    public String streamsValue() {
        return streamsValue;
    }
}

package io.millrace.speed.serde;

import io.millrace.schemas.serde.WireFormatException;
import java.util.Optional;
import org.apache.kafka.common.errors.RecordDeserializationException;

/**
 * Finds the typed {@link WireFormatException} inside what Kafka throws, and gives it the partition and
 * offset that only Kafka knows: a consumer's {@link RecordDeserializationException}, or the record that a
 * Kafka Streams deserialization exception handler receives. The speed layer's dead-letter handling
 * starts here.
 */
public final class WireFormatFailures {
    private WireFormatFailures() {
    }

    /** The wire-format failure in {@code failure}'s cause chain, if there is one. */
    public static Optional<WireFormatException> find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof WireFormatException wire) {
                return Optional.of(wire);
            }
        }
        return Optional.empty();
    }

    /** The wire-format failure in {@code failure}, located at {@code partition} and {@code offset}. */
    public static Optional<WireFormatException> locate(Throwable failure, int partition, long offset) {
        return find(failure).map(e -> e.atSource(partition, offset));
    }

    /** The wire-format failure a consumer reported, located where the consumer says it failed. */
    public static Optional<WireFormatException> locate(RecordDeserializationException failure) {
        return locate(failure.getCause(), failure.topicPartition().partition(), failure.offset());
    }
}

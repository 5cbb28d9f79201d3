package io.millrace.speed;

import io.millrace.schemas.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * Builds the {@link DeadLetter} of a record the speed layer refuses after ingest: the reason, and the record's key
 * and value bytes exactly as read with the topic, partition and offset they were read at.
 */
public final class DeadLetterRecords {

    private DeadLetterRecords() {
    }

    public static DeadLetter of(String reasonCode, String reason, String errorClass, byte[] key, byte[] value,
                                String topic, int partition, long offset, Instant failedAt) {
        return DeadLetter.newBuilder()
                .setReasonCode(reasonCode)
                .setReason(reason)
                .setErrorClass(errorClass)
                .setOriginalKey(key == null ? null : ByteBuffer.wrap(key))
                .setOriginalValue(value == null ? null : ByteBuffer.wrap(value))
                .setSourceTopic(topic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setFailedAt(failedAt)
                .build();
    }
}

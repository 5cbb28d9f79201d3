package io.millrace.speed.ingest;

import io.millrace.schemas.DeadLetter;
import io.millrace.speed.DeadLetterRecords;
import java.time.Instant;

/** Builds the {@link DeadLetter} for a refused record: the reason, and the record exactly as it was read and where. */
final class DeadLetters {
    private DeadLetters() {
    }

    /**
     * The dead letter for the record read from {@code topic}/{@code partition}/{@code offset} with these key
     * and value bytes, refused at {@code failedAt}. The bytes are kept as they are, not copied or re-encoded.
     */
    static DeadLetter of(Rejection rejection, String topic, int partition, long offset, byte[] key, byte[] value,
                         Instant failedAt) {
        return DeadLetterRecords.of(rejection.reason().name(), rejection.detail(), rejection.errorClass(), key, value,
                topic, partition, offset, failedAt);
    }
}

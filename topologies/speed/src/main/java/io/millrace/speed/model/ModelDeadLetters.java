package io.millrace.speed.model;

import io.millrace.speed.serde.SourceOffset;
import io.millrace.schemas.DeadLetter;
import io.millrace.speed.DeadLetterRecords;
import java.time.Instant;

/**
 * The dead letters of the model topology, with their reason codes. Each keeps the refused record's key and
 * value bytes exactly as read and where they were read.
 */
final class ModelDeadLetters {
    /** A label whose event was never scored within the join window (or was labelled already). */
    static final String ORPHAN_LABEL = "ORPHAN_LABEL";
    /** A label that arrived after its event's join window closed. */
    static final String LABEL_TOO_LATE = "LABEL_TOO_LATE";
    /** A second label for an event that has one waiting. */
    static final String DUPLICATE_LABEL = "DUPLICATE_LABEL";
    /** A label whose key is not the event id it names. */
    static final String KEY_MISMATCH = "KEY_MISMATCH";
    /** A label whose value is not one of a model's classes, or not a number for a regression model. */
    static final String INVALID_LABEL = "INVALID_LABEL";
    /** A tombstone on the labels topic. */
    static final String TOMBSTONE = "TOMBSTONE";
    /** An event whose features a model's feature spec refuses (a categorical feature given a number, ...). */
    static final String INVALID_FEATURES = "INVALID_FEATURES";
    /**
     * A {@code training-examples} record that does not read as a trainer input: only the speed layer writes there, so a
     * bug or another writer; dead-lettered so that it neither stops the trainer nor is lost.
     */
    static final String UNREADABLE_TRAINER_INPUT = "UNREADABLE_TRAINER_INPUT";

    private ModelDeadLetters() {
    }

    static DeadLetter of(String reasonCode, String reason, String errorClass, byte[] key, byte[] value,
                         SourceOffset source, Instant failedAt) {
        return DeadLetterRecords.of(reasonCode, reason, errorClass, key, value, source.topic(), source.partition(),
                source.offset(), failedAt);
    }
}

package io.millrace.speed.ingest;

import io.millrace.schemas.serde.WireFormatException;
import java.util.Optional;

/**
 * Why ingest sent a record to {@code dead-letters}. The name is the stable {@code reason_code} of the
 * {@link io.millrace.schemas.DeadLetter} and the label of the per-reason counter; never rename one.
 *
 * <p>The first group are records that do not read as an {@code Event} at all; the second are events that
 * read but fail a check of {@link EventChecks}, listed in the order the checks run (the first failing check
 * names the reason).
 */
public enum RejectReason {
    /** Null value: a tombstone means nothing on an event stream. */
    TOMBSTONE(true),
    /** Empty bytes, fewer than 5 header bytes, or a first byte other than the magic byte 0 (JSON, plain Avro). */
    NOT_WIRE_FORMAT(true),
    /** The header names a schema id the registry has never issued. */
    UNKNOWN_SCHEMA_ID(true),
    /** The Avro body ends before the record does. */
    TRUNCATED_BODY(true),
    /** The Avro body is not a valid encoding under its writer schema, or bytes are left over. */
    CORRUPT_BODY(true),
    /** The writer schema cannot be read as an {@code Event} (an incompatible producer schema). */
    INCOMPATIBLE_SCHEMA(true),

    /** {@code id} or {@code entity} is blank, or {@code features} or {@code event_time} is absent. */
    MISSING_FIELD(false),
    /** The record key is set and differs from the event's {@code entity}. */
    KEY_MISMATCH(false),
    /** A feature has a blank name or a value that is not a double, a string or null. */
    INVALID_FEATURE(false),
    /** A numeric feature or a numeric label is NaN or infinite. */
    NON_FINITE(false),
    /** The label is a blank string or neither a number nor a string. */
    INVALID_LABEL(false),
    /** {@code event_time} lies further ahead of the validating clock than the configured skew allows. */
    EVENT_TIME_IN_FUTURE(false),
    /** {@code event_time} lies further behind the validating clock than the configured age allows. */
    EVENT_TIME_TOO_OLD(false);

    private final boolean unreadable;

    RejectReason(boolean unreadable) {
        this.unreadable = unreadable;
    }

    /** True for records that did not read as an {@code Event}; false for events that failed a check. */
    public boolean isUnreadable() {
        return unreadable;
    }

    /**
     * The reason for a deserialization failure that is the data's fault, or empty when it is not: the
     * registry unavailable ({@link WireFormatException.Reason#REGISTRY_UNAVAILABLE}) or answering with an
     * error other than "not found" ({@link WireFormatException.Reason#REGISTRY_ERROR}: authentication,
     * authorisation, a broken registry). Those say nothing about the bytes, which will read once the
     * registry is back, so ingest fails instead of dead-lettering good data.
     */
    public static Optional<RejectReason> of(WireFormatException.Reason reason) {
        return switch (reason) {
            case NOT_WIRE_FORMAT -> Optional.of(NOT_WIRE_FORMAT);
            case UNKNOWN_SCHEMA_ID -> Optional.of(UNKNOWN_SCHEMA_ID);
            case TRUNCATED_BODY -> Optional.of(TRUNCATED_BODY);
            case INCOMPATIBLE_SCHEMA -> Optional.of(INCOMPATIBLE_SCHEMA);
            // INVALID_RECORD and SCHEMA_NOT_REGISTERED arise only when writing; read, they mean a bad body.
            case CORRUPT_BODY, INVALID_RECORD, SCHEMA_NOT_REGISTERED -> Optional.of(CORRUPT_BODY);
            case REGISTRY_UNAVAILABLE, REGISTRY_ERROR -> Optional.empty();
        };
    }
}

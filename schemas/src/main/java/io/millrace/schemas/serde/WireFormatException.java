package io.millrace.schemas.serde;

import java.util.Objects;

/**
 * A record could not be turned into Confluent wire-format bytes, or such bytes into a record. Says why
 * ({@link Reason}), on which topic, key or value, the schema id when the header was readable, and the
 * partition and offset once the Kafka layer, which knows them, {@linkplain #atSource attaches} them.
 *
 * <p>The speed layer turns data errors into dead letters; {@link Reason#REGISTRY_UNAVAILABLE} is not a data
 * error (the same bytes will read once the registry is back) and {@link #isRetryable()} says so.
 */
public class WireFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the bytes or the record were refused. */
    public enum Reason {
        /** Null or empty bytes, fewer than the 5 header bytes, or a first byte other than the magic byte 0. */
        NOT_WIRE_FORMAT,
        /** The header names a schema id the registry does not know. */
        UNKNOWN_SCHEMA_ID,
        /** The Avro body ends before the record the writer schema describes. */
        TRUNCATED_BODY,
        /** The Avro body is not a valid encoding under the writer schema, or bytes are left after the record. */
        CORRUPT_BODY,
        /** The writer schema cannot be read with the reader schema, or the registry refused a schema as incompatible. */
        INCOMPATIBLE_SCHEMA,
        /** Auto-registration is off and the subject does not hold the record's schema. */
        SCHEMA_NOT_REGISTERED,
        /** The record does not fit its own schema (a null in a non-null field, a value outside a union). */
        INVALID_RECORD,
        /** The registry could not be reached: not a data error, retry later. */
        REGISTRY_UNAVAILABLE,
        /** The registry answered with another error (authentication, invalid request). */
        REGISTRY_ERROR
    }

    /** Which direction failed. */
    public enum Operation {
        SERIALIZE, DESERIALIZE
    }

    private final Reason reason;
    private final Operation operation;
    private final String topic;
    private final boolean key;
    private final int schemaId;
    private final String detail;
    private int partition = -1;
    private long offset = -1;

    public WireFormatException(Reason reason, Operation operation, String topic, boolean key, int schemaId,
                               String detail, Throwable cause) {
        super(detail, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.operation = Objects.requireNonNull(operation, "operation");
        this.topic = topic;
        this.key = key;
        this.schemaId = schemaId;
        this.detail = detail;
    }

    /**
     * Records where the bytes came from; the Kafka layer calls this when it knows. Returns this exception,
     * so a handler can write {@code throw e.atSource(record.partition(), record.offset())}.
     */
    public WireFormatException atSource(int partition, long offset) {
        this.partition = partition;
        this.offset = offset;
        return this;
    }

    public Reason reason() {
        return reason;
    }

    public Operation operation() {
        return operation;
    }

    /** The topic the record was read from or written to; null when the caller did not say. */
    public String topic() {
        return topic;
    }

    /** True for the record key, false for the value. */
    public boolean isKey() {
        return key;
    }

    /** The schema id from the header or the registry, or -1 when unknown. */
    public int schemaId() {
        return schemaId;
    }

    /** The partition of the source record, or -1 until {@link #atSource} was called. */
    public int partition() {
        return partition;
    }

    /** The offset of the source record, or -1 until {@link #atSource} was called. */
    public long offset() {
        return offset;
    }

    /** What was wrong, without the topic and position. */
    public String detail() {
        return detail;
    }

    /** True only when the registry was unavailable: the same bytes may succeed later. */
    public boolean isRetryable() {
        return reason == Reason.REGISTRY_UNAVAILABLE;
    }

    @Override
    public String getMessage() {
        StringBuilder message = new StringBuilder()
                .append(operation == Operation.SERIALIZE ? "Cannot serialize the " : "Cannot deserialize the ")
                .append(key ? "key" : "value")
                .append(operation == Operation.SERIALIZE ? " for topic '" : " of topic '")
                .append(topic).append('\'');
        if (partition >= 0) {
            message.append(" partition ").append(partition);
        }
        if (offset >= 0) {
            message.append(" offset ").append(offset);
        }
        if (schemaId >= 0) {
            message.append(" (schema id ").append(schemaId).append(')');
        }
        return message.append(": ").append(reason).append(": ").append(detail).toString();
    }
}

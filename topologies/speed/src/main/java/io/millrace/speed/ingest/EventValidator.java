package io.millrace.speed.ingest;

import io.millrace.schemas.Event;
import io.millrace.schemas.registry.SchemaRegistry;
import io.millrace.schemas.serde.AvroWireDeserializer;
import io.millrace.schemas.serde.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Judges one record of the events topic from its raw bytes: reads the value as an {@link Event} through
 * the schema registry (Confluent wire format), then runs {@link EventChecks}. Working on the bytes, not on
 * a record Kafka already deserialized, is what lets a dead letter keep them exactly as they were read.
 *
 * <p>A registry that is unavailable or answers with an error is not the record's fault: that
 * {@link WireFormatException} is thrown (located at the record's partition and offset), never turned into a
 * dead letter. Thread-safe.
 */
final class EventValidator {
    private final AvroWireDeserializer<Event> reader;
    private final EventChecks checks;

    EventValidator(SchemaRegistry registry, EventChecks checks) {
        this.reader = AvroWireDeserializer.specific(registry, Event.class, false);
        this.checks = Objects.requireNonNull(checks, "checks");
    }

    /**
     * The outcome for the record at {@code topic}/{@code partition}/{@code offset} with these key and value
     * bytes (either may be null), judged at {@code now}.
     *
     * @throws WireFormatException when the registry failed, not the data
     */
    IngestOutcome validate(String topic, int partition, long offset, byte[] key, byte[] value, Instant now) {
        if (value == null) {
            return new IngestOutcome.Rejected(Rejection.of(RejectReason.TOMBSTONE, "the record has a null value"));
        }
        Event event;
        try {
            event = reader.deserialize(topic, value);
        } catch (WireFormatException e) {
            e.atSource(partition, offset);
            RejectReason reason = RejectReason.of(e.reason()).orElseThrow(() -> e);
            return new IngestOutcome.Rejected(new Rejection(reason, e.getMessage(), e.getClass().getName()));
        }
        String keyText = key == null ? null : new String(key, StandardCharsets.UTF_8);
        Optional<Rejection> rejection = checks.check(event, keyText, now);
        if (rejection.isPresent()) {
            return new IngestOutcome.Rejected(rejection.get());
        }
        return new IngestOutcome.Accepted(event.getEntity(), event);
    }
}

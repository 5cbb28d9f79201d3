package io.millrace.speed.serde;

import io.millrace.schemas.Event;
import io.millrace.schemas.registry.SchemaRegistry;
import io.millrace.schemas.serde.AvroWireDeserializer;
import io.millrace.schemas.serde.WireFormatException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads {@code valid-events} values into {@link ValidEvent}s: the event, or the bytes and the reason they are not
 * one. Bad data never throws here, so that the first processor can dead-letter it with its source offset; a
 * registry that cannot be reached, or answers with an error, does throw: that says nothing about the record,
 * the task fails and {@link io.millrace.speed.RetryOnRegistryOutage} decides (the record is read again under
 * exactly-once).
 */
public final class ValidEventDeserializer implements Deserializer<ValidEvent> {
    private final AvroWireDeserializer<Event> reader;

    public ValidEventDeserializer(SchemaRegistry registry) {
        this.reader = AvroWireDeserializer.specific(registry, Event.class, false);
    }

    @Override
    public ValidEvent deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return ValidEvent.unreadable(null, ValidEvent.TOMBSTONE, "a tombstone on " + topic, null);
        }
        try {
            return ValidEvent.of(bytes, reader.deserialize(topic, bytes));
        } catch (WireFormatException e) {
            if (e.isRetryable() || e.reason() == WireFormatException.Reason.REGISTRY_ERROR) {
                throw e;
            }
            return ValidEvent.unreadable(bytes, e.reason().name(), e.getMessage(), e.getClass().getName());
        }
    }
}

package io.millrace.speed.serde;

import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a {@link ValidEvent} as the bytes it carries: ingest encodes each valid event once, and the same bytes go
 * to {@code valid-events} (and, for an event that moves partition, to {@code rekeyed-events} first).
 */
public final class ValidEventBytes implements Serializer<ValidEvent> {

    @Override
    public byte[] serialize(String topic, ValidEvent value) {
        return value == null ? null : value.bytes();
    }
}

package io.millrace.cli.demo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import io.millrace.schemas.serde.WireFormatException.Reason;

/**
 * Records that are not valid Avro in the wire format, as a misconfigured or broken producer writes
 * them: the demo injects them to show that each is caught, named and located, never silently dropped.
 */
final class BadRecords {

    /** One injected bad record and what a reader must say about it. */
    record BadRecord(String key, byte[] value, Reason expectedReason) {
    }

    private BadRecords() {
    }

    /**
     * Three kinds of bad input: plain JSON (no magic byte), a schema id the registry never issued, and
     * a valid record cut short.
     */
    static List<BadRecord> of(byte[] validEventBytes) {
        byte[] json = "{\"id\":\"not-avro\",\"amount\":12.5}".getBytes(StandardCharsets.UTF_8);
        byte[] unknownId = ByteBuffer.allocate(5 + 4).put((byte) 0).putInt(987_654).putInt(42).array();
        byte[] truncated = Arrays.copyOf(validEventBytes, Math.max(6, validEventBytes.length / 2));
        return List.of(
            new BadRecord("bad-json", json, Reason.NOT_WIRE_FORMAT),
            new BadRecord("bad-schema-id", unknownId, Reason.UNKNOWN_SCHEMA_ID),
            new BadRecord("bad-truncated", truncated, Reason.TRUNCATED_BODY));
    }
}

package io.millrace.cli.produce;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.millrace.schemas.Event;
import io.millrace.schemas.serde.WireFormatException.Reason;
import io.millrace.speed.ingest.RejectReason;

/**
 * Bad records as broken or careless producers write them, injected on purpose to show that each one is
 * caught, named and kept, never silently dropped. Three are not even readable Avro in the wire format;
 * three are readable events that break Millrace's validation rules.
 */
public final class BadRecords {

    /** Kinds of bad record, in the order {@link #make} cycles through them. */
    public enum Kind {
        NOT_WIRE_FORMAT(RejectReason.NOT_WIRE_FORMAT),
        UNKNOWN_SCHEMA_ID(RejectReason.UNKNOWN_SCHEMA_ID),
        TRUNCATED_BODY(RejectReason.TRUNCATED_BODY),
        NON_FINITE_FEATURE(RejectReason.NON_FINITE),
        MISSING_ENTITY(RejectReason.MISSING_FIELD),
        FUTURE_EVENT_TIME(RejectReason.EVENT_TIME_IN_FUTURE);

        private final RejectReason expectedReason;

        Kind(RejectReason expectedReason) {
            this.expectedReason = expectedReason;
        }

        /** Whether this kind is unreadable bytes (versus a readable but invalid event). */
        public boolean unreadable() {
            return ordinal() <= TRUNCATED_BODY.ordinal();
        }

        /** The reason code the speed layer's ingest gives a record of this kind on the dead-letters topic. */
        public RejectReason expectedReason() {
            return expectedReason;
        }
    }

    /** An unreadable record, for the demo's read-back check: its bytes and the reason a reader must give. */
    public record Unreadable(String key, byte[] value, Reason expectedReason) {
    }

    /** A schema id no registry issues in practice. */
    static final int UNKNOWN_SCHEMA_ID = 987_654;

    private BadRecords() {
    }

    /** The three unreadable kinds, made from the wire-format bytes of one valid event. */
    public static List<Unreadable> unreadable(byte[] validEventBytes) {
        return List.of(
            new Unreadable("bad-json", json(), Reason.NOT_WIRE_FORMAT),
            new Unreadable("bad-schema-id", unknownSchemaId(), Reason.UNKNOWN_SCHEMA_ID),
            new Unreadable("bad-truncated", truncated(validEventBytes), Reason.TRUNCATED_BODY));
    }

    /** A bad record of {@code kind}, derived from a valid {@code event} and its serializer. */
    static Outgoing make(Kind kind, Event event, Function<Event, byte[]> serializer) {
        String key = event.getEntity();
        return switch (kind) {
            case NOT_WIRE_FORMAT -> new Outgoing.RawRecord(key, json(), kind);
            case UNKNOWN_SCHEMA_ID -> new Outgoing.RawRecord(key, unknownSchemaId(), kind);
            case TRUNCATED_BODY -> new Outgoing.RawRecord(key, truncated(serializer.apply(event)), kind);
            case NON_FINITE_FEATURE -> new Outgoing.InvalidEventRecord(withFeature(event, "amount", Double.NaN), kind);
            case MISSING_ENTITY -> new Outgoing.InvalidEventRecord(Event.newBuilder(event).setId(event.getId() + "-bad").setEntity("").build(), kind);
            case FUTURE_EVENT_TIME -> new Outgoing.InvalidEventRecord(Event.newBuilder(event).setId(event.getId() + "-bad")
                .setEventTime(Instant.ofEpochMilli(event.getEventTime().toEpochMilli()).plus(Duration.ofDays(400))).build(), kind);
        };
    }

    private static Event withFeature(Event event, String name, double value) {
        Map<String, Object> features = new LinkedHashMap<>(event.getFeatures());
        String feature = features.containsKey(name) ? name : features.keySet().stream().findFirst().orElse(name);
        features.put(feature, value);
        return Event.newBuilder(event).setId(event.getId() + "-bad").setFeatures(features).build();
    }

    private static byte[] json() {
        return "{\"id\":\"not-avro\",\"amount\":12.5}".getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] unknownSchemaId() {
        return ByteBuffer.allocate(5 + 4).put((byte) 0).putInt(UNKNOWN_SCHEMA_ID).putInt(42).array();
    }

    private static byte[] truncated(byte[] valid) {
        return Arrays.copyOf(valid, Math.max(6, valid.length / 2));
    }
}

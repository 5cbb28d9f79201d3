package io.millrace.speed.ingest;

import static io.millrace.speed.ingest.IngestDriver.NOW;
import static io.millrace.speed.ingest.IngestDriver.RECORD_TIME;
import static io.millrace.speed.ingest.IngestDriver.event;
import static io.millrace.speed.ingest.IngestDriver.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.schemas.DeadLetter;
import io.millrace.schemas.Event;
import io.millrace.schemas.registry.InMemorySchemaRegistry;
import io.millrace.schemas.serde.WireFormat;
import io.millrace.schemas.serde.WireFormatException;
import io.millrace.speed.config.ValidationBounds;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Ingest under TopologyTestDriver: what passes, what is dead-lettered and why, and that nothing is lost. */
class IngestTopologyTest {

    @TempDir
    Path stateDir;

    private InMemorySchemaRegistry registry;
    private IngestDriver ingest;

    @BeforeEach
    void start() {
        registry = new InMemorySchemaRegistry();
        ingest = new IngestDriver(registry, stateDir);
    }

    @AfterEach
    void stop() {
        ingest.close();
    }

    @Test
    void aValidEventPassesThroughUnchangedKeyedByEntityWithItsTimestampAndHeaders() {
        Event event = event("e-1").setEntity("acct-9").setLabel("fraud").build();
        ingest.events.pipeInput(new TestRecord<>(utf8("acct-9"), ingest.encode(event),
                new org.apache.kafka.common.header.internals.RecordHeaders().add("trace", utf8("t-1")), RECORD_TIME));

        List<TestRecord<String, Event>> valid = ingest.valid();
        assertThat(valid).hasSize(1);
        assertThat(valid.get(0).key()).isEqualTo("acct-9");
        assertThat(valid.get(0).value()).isEqualTo(event);
        assertThat(valid.get(0).getRecordTime()).isEqualTo(RECORD_TIME);
        assertThat(valid.get(0).headers().lastHeader("trace").value()).isEqualTo(utf8("t-1"));
        assertThat(ingest.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void aNullKeyIsAcceptedAndReplacedByTheEntity() {
        Event event = event("e-2").setEntity("acct-3").build();
        ingest.send(null, ingest.encode(event));

        TestRecord<String, Event> valid = ingest.validEvents.readRecord();
        assertThat(valid.key()).isEqualTo("acct-3");
        assertThat(valid.value()).isEqualTo(event);
    }

    @Test
    void missingValuesNullFeaturesAndAnEmptyFeatureMapAreValid() {
        Map<String, Object> features = new HashMap<>();
        features.put("amount", null);
        features.put("country", "NZ");
        Event withNull = event("e-3").setFeatures(features).build();
        Event empty = event("e-4").setFeatures(Map.of()).setLabel(1.0).build();
        ingest.send(withNull);
        ingest.send(empty);

        assertThat(ingest.valid()).extracting(TestRecord::value).containsExactly(withNull, empty);
    }

    /** Bytes that never read as an Event: each with the reason it must be given. */
    static Stream<Arguments> unreadable() {
        return Stream.of(
                Arguments.of("JSON instead of Avro", RejectReason.NOT_WIRE_FORMAT,
                        (Function<IngestDriver, byte[]>) d -> "{\"id\":\"e\",\"amount\":1}".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("empty bytes", RejectReason.NOT_WIRE_FORMAT, (Function<IngestDriver, byte[]>) d -> new byte[0]),
                Arguments.of("a header cut short", RejectReason.NOT_WIRE_FORMAT, (Function<IngestDriver, byte[]>) d -> new byte[] {0, 0, 1}),
                Arguments.of("a schema id the registry never issued", RejectReason.UNKNOWN_SCHEMA_ID,
                        (Function<IngestDriver, byte[]>) d -> ByteBuffer.allocate(9).put((byte) 0).putInt(987_654).putInt(42).array()),
                Arguments.of("a valid record cut in half", RejectReason.TRUNCATED_BODY,
                        (Function<IngestDriver, byte[]>) d -> {
                            byte[] valid = d.encode(event("cut").build());
                            return Arrays.copyOf(valid, valid.length / 2);
                        }),
                Arguments.of("a valid record with a byte appended", RejectReason.CORRUPT_BODY,
                        (Function<IngestDriver, byte[]>) d -> {
                            byte[] valid = d.encode(event("long").build());
                            return Arrays.copyOf(valid, valid.length + 1);
                        }),
                Arguments.of("a null value (tombstone)", RejectReason.TOMBSTONE, (Function<IngestDriver, byte[]>) d -> null));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("unreadable")
    void unreadableBytesAreDeadLetteredWithTheirBytesAndPosition(String what, RejectReason reason,
                                                                 Function<IngestDriver, byte[]> bytes) {
        ingest.send(event("before").build());
        byte[] key = utf8("key-of-" + reason);
        byte[] value = bytes.apply(ingest);
        ingest.send(key, value);

        List<TestRecord<byte[], DeadLetter>> dead = ingest.dead();
        assertThat(dead).hasSize(1);
        DeadLetter letter = dead.get(0).value();
        assertThat(letter.getReasonCode()).isEqualTo(reason.name());
        assertThat(bytes(letter.getOriginalKey())).isEqualTo(key);
        assertThat(bytes(letter.getOriginalValue())).isEqualTo(value);
        assertThat(dead.get(0).key()).isEqualTo(key);
        assertThat(letter.getSourceTopic()).isEqualTo("test.events");
        assertThat(letter.getSourcePartition()).isZero();
        assertThat(letter.getSourceOffset()).isEqualTo(1L);
        assertThat(letter.getFailedAt()).isEqualTo(NOW);
        assertThat(letter.getErrorClass()).isEqualTo(reason == RejectReason.TOMBSTONE ? null : WireFormatException.class.getName());
        if (reason != RejectReason.TOMBSTONE) {
            assertThat(letter.getReason()).contains(reason.name()).contains("partition 0 offset 1");
        }
        assertThat(ingest.valid()).hasSize(1);
    }

    @Test
    void aProducerSchemaThatCannotBeReadAsAnEventIsIncompatible() throws IOException {
        // A producer widened the feature values with booleans: BACKWARD-compatible for the registry, but
        // an Event reader cannot resolve a boolean branch.
        Schema widened = new Schema.Parser().parse("""
                {"type": "record", "name": "Event", "namespace": "io.millrace.schemas", "fields": [
                  {"name": "id", "type": "string"},
                  {"name": "entity", "type": "string"},
                  {"name": "event_time", "type": {"type": "long", "logicalType": "timestamp-millis"}},
                  {"name": "features", "type": {"type": "map", "values": ["null", "double", "string", "boolean"]}},
                  {"name": "label", "type": ["null", "double", "string"], "default": null}]}""");
        int id = registry.register("test.events-value", widened);
        GenericRecord record = new GenericData.Record(widened);
        record.put("id", "w-1");
        record.put("entity", "acct-1");
        record.put("event_time", NOW.toEpochMilli());
        record.put("features", Map.of("flag", true));
        record.put("label", null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WireFormat.writeHeader(out, id);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(widened).write(record, encoder);
        encoder.flush();
        ingest.send(utf8("acct-1"), out.toByteArray());

        DeadLetter letter = ingest.deadLetters.readValue();
        assertThat(letter.getReasonCode()).isEqualTo(RejectReason.INCOMPATIBLE_SCHEMA.name());
        assertThat(bytes(letter.getOriginalValue())).isEqualTo(out.toByteArray());
    }

    /** Events that read but fail a check. */
    static Stream<Arguments> invalid() {
        Map<String, Object> nan = new HashMap<>(Map.of("amount", Double.NaN));
        return Stream.of(
                Arguments.of("a blank id", RejectReason.MISSING_FIELD, event("x").setId(" ").build(), null),
                Arguments.of("a blank entity", RejectReason.MISSING_FIELD, event("x").setEntity("").build(), null),
                Arguments.of("a key other than the entity", RejectReason.KEY_MISMATCH, event("x").setEntity("acct-1").build(), "acct-2"),
                Arguments.of("a NaN feature", RejectReason.NON_FINITE, event("x").setFeatures(nan).build(), null),
                Arguments.of("an infinite feature", RejectReason.NON_FINITE,
                        event("x").setFeatures(Map.of("amount", Double.POSITIVE_INFINITY)).build(), null),
                Arguments.of("an infinite label", RejectReason.NON_FINITE, event("x").setLabel(Double.NEGATIVE_INFINITY).build(), null),
                Arguments.of("a blank label", RejectReason.INVALID_LABEL, event("x").setLabel("  ").build(), null),
                Arguments.of("a blank feature name", RejectReason.INVALID_FEATURE, event("x").setFeatures(Map.of(" ", 1.0)).build(), null),
                Arguments.of("an event time a day and a second ahead", RejectReason.EVENT_TIME_IN_FUTURE,
                        event("x").setEventTime(NOW.plus(Duration.ofDays(1)).plusSeconds(1)).build(), null),
                Arguments.of("an event time in 1970", RejectReason.EVENT_TIME_TOO_OLD,
                        event("x").setEventTime(java.time.Instant.EPOCH).build(), null));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("invalid")
    void invalidEventsAreDeadLetteredWithTheReasonAndTheExactBytes(String what, RejectReason reason, Event event, String key) {
        byte[] keyBytes = utf8(key != null ? key : event.getEntity());
        byte[] value = ingest.encode(event);
        ingest.send(keyBytes, value);

        TestRecord<byte[], DeadLetter> dead = ingest.deadLetters.readRecord();
        assertThat(dead.value().getReasonCode()).isEqualTo(reason.name());
        assertThat(dead.value().getErrorClass()).isNull();
        assertThat(bytes(dead.value().getOriginalKey())).isEqualTo(keyBytes);
        assertThat(bytes(dead.value().getOriginalValue())).isEqualTo(value);
        assertThat(dead.value().getSourceOffset()).isZero();
        assertThat(dead.getRecordTime()).isEqualTo(RECORD_TIME);
        assertThat(ingest.validEvents.isEmpty()).isTrue();
        assertThat(ingest.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void eventTimesExactlyOnTheBoundsPassAndTheClockIsTheStreamThreadsWallClock() {
        Event ahead = event("ahead").setEventTime(NOW.plus(ValidationBounds.DEFAULT_MAX_FUTURE_SKEW)).build();
        Event old = event("old").setEventTime(NOW.minus(ValidationBounds.DEFAULT_MAX_PAST_AGE)).build();
        ingest.send(ahead);
        ingest.send(old);
        ingest.driver.advanceWallClockTime(Duration.ofSeconds(1));
        ingest.send(old);

        assertThat(ingest.valid()).extracting(TestRecord::value).containsExactly(ahead, old);
        DeadLetter late = ingest.deadLetters.readValue();
        assertThat(late.getReasonCode()).isEqualTo(RejectReason.EVENT_TIME_TOO_OLD.name());
        assertThat(late.getFailedAt()).isEqualTo(NOW.plusSeconds(1));
    }

    @Test
    void theBoundsComeFromTheConfiguration() {
        ingest.close();
        ingest = new IngestDriver(registry, ingest.config.withValidation(new ValidationBounds(Duration.ofMinutes(5), Duration.ofHours(1))));
        ingest.send(event("soon").setEventTime(NOW.plus(Duration.ofMinutes(6))).build());
        ingest.send(event("hour").setEventTime(NOW.minus(Duration.ofMinutes(61))).build());
        ingest.send(event("fine").setEventTime(NOW.minus(Duration.ofMinutes(59))).build());

        assertThat(ingest.dead()).extracting(r -> r.value().getReasonCode())
                .containsExactly(RejectReason.EVENT_TIME_IN_FUTURE.name(), RejectReason.EVENT_TIME_TOO_OLD.name());
        assertThat(ingest.valid()).extracting(r -> r.value().getId()).containsExactly("fine");
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }
}

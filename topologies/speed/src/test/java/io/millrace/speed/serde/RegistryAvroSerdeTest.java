package io.millrace.speed.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.schemas.Event;
import io.millrace.schemas.registry.InMemorySchemaRegistry;
import io.millrace.schemas.serde.WireFormat;
import io.millrace.schemas.serde.WireFormatException;
import io.millrace.schemas.serde.WireFormatException.Reason;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Kafka adapters configured the way producers, consumers and Streams configure them, over an in-memory scope. */
class RegistryAvroSerdeTest {
    private static final String SCOPE = "speed-serde-test";
    private static final Map<String, Object> CONFIG = Map.of(RegistrySerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE);

    @AfterEach
    void dropScope() {
        InMemorySchemaRegistry.dropScope(SCOPE);
    }

    static Event event(String id) {
        return Event.newBuilder().setId(id).setEntity("acct-1").setEventTime(Instant.ofEpochMilli(42))
                .setFeatures(Map.of("amount", 3.0)).setLabel(null).build();
    }

    @Test
    void configuredByClassNameAsAProducerAndConsumerWould() {
        Serializer<Event> serializer = new RegistryAvroSerializer<>();
        serializer.configure(CONFIG, false);
        Deserializer<Event> deserializer = new RegistryAvroDeserializer<>();
        deserializer.configure(Map.of(RegistrySerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE,
                RegistrySerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, Event.class.getName()), false);

        byte[] bytes = serializer.serialize("events", event("e1"));
        assertThat(deserializer.deserialize("events", new RecordHeaders(), ByteBuffer.wrap(bytes))).isEqualTo(event("e1"));
        assertThat(InMemorySchemaRegistry.forScope(SCOPE).latestVersion("events-value").id())
                .isEqualTo(WireFormat.schemaId(bytes, "events", false));
    }

    @Test
    void withoutATypeTheDeserializerGivesGenericRecords() {
        Serde<GenericRecord> serde = new RegistryAvroSerde<>();
        serde.configure(CONFIG, false);
        Serializer<Event> serializer = new RegistryAvroSerializer<>();
        serializer.configure(CONFIG, false);
        GenericRecord record = serde.deserializer().deserialize("events", serializer.serialize("events", event("e2")));
        assertThat(record.get("id")).isEqualTo("e2");
    }

    @Test
    void aSpecificSerdeRoundTripsKeysUnderTheKeySubject() {
        Serde<Event> serde = RegistryAvroSerde.specific(Event.class);
        serde.configure(CONFIG, true);
        byte[] bytes = serde.serializer().serialize("events", event("k"));
        assertThat(serde.deserializer().deserialize("events", bytes)).isEqualTo(event("k"));
        assertThat(InMemorySchemaRegistry.forScope(SCOPE).latestVersion("events-key").version()).isEqualTo(1);
    }

    @Test
    void aReadySerdeNeedsNoConfiguration() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        Serde<Event> serde = RegistryAvroSerde.specific(registry, Event.class, false);
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", event("r")))).isEqualTo(event("r"));
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", (byte[]) null)).isNull();
    }

    @Test
    void autoRegistrationCanBeTurnedOff() {
        Serializer<Event> serializer = new RegistryAvroSerializer<>();
        serializer.configure(Map.of(RegistrySerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE,
                RegistrySerdeConfig.AUTO_REGISTER_SCHEMAS, "false"), false);
        assertThatThrownBy(() -> serializer.serialize("events", event("x")))
                .isInstanceOfSatisfying(WireFormatException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.SCHEMA_NOT_REGISTERED));
    }

    @Test
    void usedBeforeConfigureIsAnError() {
        assertThatThrownBy(() -> new RegistryAvroSerializer<Event>().serialize("t", event("x")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new RegistryAvroDeserializer<Event>().deserialize("t", new byte[] {0}))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aConsumersDeserializationFailureIsLocatedAtItsPartitionAndOffset() {
        Deserializer<Event> deserializer = RegistryAvroDeserializer.specific(new InMemorySchemaRegistry(), Event.class, false);
        WireFormatException cause = catchWireFormat(() -> deserializer.deserialize("events", new byte[] {'{', '}'}));
        RecordDeserializationException wrapped = new RecordDeserializationException(
                RecordDeserializationException.DeserializationExceptionOrigin.VALUE, new TopicPartition("events", 4), 977L,
                0L, TimestampType.CREATE_TIME, null, ByteBuffer.wrap(new byte[] {'{', '}'}), new RecordHeaders(),
                "Error deserializing VALUE for partition events-4 at offset 977", cause);

        WireFormatException located = WireFormatFailures.locate(wrapped).orElseThrow();
        assertThat(located.reason()).isEqualTo(Reason.NOT_WIRE_FORMAT);
        assertThat(located.getMessage()).startsWith("Cannot deserialize the value of topic 'events' partition 4 offset 977: ");
        assertThat(WireFormatFailures.find(new RuntimeException("other"))).isEmpty();
    }

    private static WireFormatException catchWireFormat(Runnable action) {
        try {
            action.run();
        } catch (WireFormatException e) {
            return e;
        }
        throw new AssertionError("expected a WireFormatException");
    }
}

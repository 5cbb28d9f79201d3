package io.millrace.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.schemas.Event;
import io.millrace.schemas.Label;
import io.millrace.schemas.ModelVersion;
import io.millrace.schemas.OffsetRange;
import io.millrace.schemas.Provenance;
import io.millrace.schemas.Stage;
import io.millrace.schemas.registry.InMemorySchemaRegistry;
import io.millrace.schemas.registry.SchemaRegistryClient;
import io.millrace.schemas.registry.SchemaRegistryConfig;
import io.millrace.schemas.serde.WireFormatException.Operation;
import io.millrace.schemas.serde.WireFormatException.Reason;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.junit.jupiter.api.Test;

/** The wire format end to end against the in-memory registry: framing, round trips and every bad input. */
class AvroWireSerdeTest {
    private static final String TOPIC = "millrace.events";

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroWireSerializer<Event> serializer = AvroWireSerializer.forValues(registry);
    private final AvroWireDeserializer<Event> deserializer = AvroWireDeserializer.specific(registry, Event.class, false);

    static Event event(String id) {
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("amount", 12.5);
        features.put("country", "NZ");
        features.put("age", null);
        return Event.newBuilder().setId(id).setEntity("account-7").setEventTime(Instant.ofEpochMilli(1_700_000_000_123L))
                .setFeatures(features).setLabel("fraud").build();
    }

    static ModelVersion modelVersion() {
        OffsetRange range = OffsetRange.newBuilder().setTopic("millrace.valid-events").setPartition(2)
                .setFromOffset(100).setToOffset(2_000).build();
        Provenance provenance = Provenance.newBuilder().setInputOffsets(List.of(range)).setSchemaIds(List.of(1, 4))
                .setCodeVersion("0.1.0").setParentVersion(3).setTrainedBy("batch").setExamplesSeen(1_900).build();
        return ModelVersion.newBuilder().setModelName("fraud").setVersion(4).setStage(Stage.CANARY).setCanaryShare(0.1)
                .setLearnerKind("hoeffding-tree").setParameters(Map.of("grace_period", "200"))
                .setState(ByteBuffer.wrap(new byte[] {1, 2, 3, 0, -1})).setMetrics(Map.of("accuracy", 0.93))
                .setProvenance(provenance).setCreatedAt(Instant.ofEpochMilli(1_700_000_500_000L)).build();
    }

    @Test
    void framesWithMagicByteAndTheRegisteredIdAndRoundTrips() {
        Event event = event("e-1");
        byte[] bytes = serializer.serialize(TOPIC, event);

        int id = registry.latestVersion(TOPIC + "-value").id();
        assertThat(Arrays.copyOf(bytes, 5)).containsExactly(WireFormat.header(id));
        assertThat(deserializer.deserialize(TOPIC, bytes)).isEqualTo(event);
    }

    @Test
    void registersUnderTopicKeyOrValueSubjects() {
        AvroWireSerializer<Event> keys = new AvroWireSerializer<>(registry, AvroSerdeConfig.forKeys());
        keys.serialize("t", event("k"));
        serializer.serialize("t", event("v"));
        assertThat(registry.latestVersion("t-key").schema()).isEqualTo(Event.getClassSchema());
        assertThat(registry.latestVersion("t-value").schema()).isEqualTo(Event.getClassSchema());
    }

    @Test
    void nestedRecordsEnumsBytesAndLogicalTypesRoundTrip() {
        AvroWireSerializer<ModelVersion> out = AvroWireSerializer.forValues(registry);
        AvroWireDeserializer<ModelVersion> in = AvroWireDeserializer.specific(registry, ModelVersion.class, false);
        ModelVersion version = modelVersion();
        assertThat(in.deserialize("millrace.models", out.serialize("millrace.models", version))).isEqualTo(version);
    }

    @Test
    void genericRecordsReadWithTheWriterSchema() {
        byte[] bytes = serializer.serialize(TOPIC, event("e-2"));
        GenericRecord generic = AvroWireDeserializer.generic(registry, false).deserialize(TOPIC, bytes);
        assertThat(generic.getSchema()).isEqualTo(Event.getClassSchema());
        assertThat(generic.get("id")).isEqualTo("e-2");
        assertThat(generic.get("event_time")).isEqualTo(1_700_000_000_123L);

        AvroWireSerializer<GenericRecord> genericOut = AvroWireSerializer.forValues(registry);
        Event back = deserializer.deserialize(TOPIC, genericOut.serialize(TOPIC, generic));
        assertThat(back).isEqualTo(event("e-2"));
    }

    @Test
    void tombstonesAreNullBothWays() {
        assertThat(serializer.serialize(TOPIC, null)).isNull();
        assertThat(deserializer.deserialize(TOPIC, null)).isNull();
    }

    @Test
    void evolvedSchemasReadBothWays() {
        Schema v2 = withExtraField(Event.getClassSchema(), "channel", "web");
        byte[] oldBytes = serializer.serialize(TOPIC, event("old"));
        GenericRecord newRecord = new GenericRecordBuilder(v2).set("id", "new").set("entity", "a")
                .set("event_time", 5L).set("features", Map.of()).set("channel", "app").build();
        byte[] newBytes = AvroWireSerializer.<GenericRecord>forValues(registry).serialize(TOPIC, newRecord);
        assertThat(registry.latestVersion(TOPIC + "-value").version()).isEqualTo(2);

        GenericRecord oldReadAsNew = AvroWireDeserializer.generic(registry, v2, false).deserialize(TOPIC, oldBytes);
        assertThat(oldReadAsNew.get("channel").toString()).isEqualTo("web");
        assertThat(oldReadAsNew.get("id").toString()).isEqualTo("old");

        Event newReadAsOld = deserializer.deserialize(TOPIC, newBytes);
        assertThat(newReadAsOld.getId()).isEqualTo("new");
        assertThat(newReadAsOld.getEventTime()).isEqualTo(Instant.ofEpochMilli(5));
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void unknownSchemaId() {
        byte[] bytes = WireFormatTest.concat(WireFormat.header(4242), new byte[] {2, 'a'});
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
                .isInstanceOfSatisfying(WireFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_SCHEMA_ID);
                    assertThat(e.schemaId()).isEqualTo(4242);
                    assertThat(e.getMessage()).contains("topic '" + TOPIC + "'").contains("4242");
                });
    }

    @Test
    void everyTruncationOfTheBodyIsTruncatedBody() {
        byte[] whole = serializer.serialize(TOPIC, event("e-3"));
        for (int length = WireFormat.HEADER_SIZE; length < whole.length; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            assertThatThrownBy(() -> deserializer.deserialize(TOPIC, cut))
                    .as("cut to %d of %d bytes", length, whole.length)
                    .isInstanceOfSatisfying(WireFormatException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.TRUNCATED_BODY);
                        assertThat(e.operation()).isEqualTo(Operation.DESERIALIZE);
                        assertThat(e.getMessage()).contains("topic '" + TOPIC + "'");
                    });
        }
    }

    @Test
    void trailingBytesAreCorruptBody() {
        byte[] whole = serializer.serialize(TOPIC, event("e-4"));
        byte[] padded = WireFormatTest.concat(whole, new byte[] {7, 7, 7});
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, padded))
                .isInstanceOfSatisfying(WireFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CORRUPT_BODY);
                    assertThat(e.getMessage()).contains("3 byte(s) left after the record");
                });
    }

    @Test
    void aBadUnionIndexOrNegativeLengthIsCorruptBody() {
        Schema schema = SchemaBuilder.record("R").namespace("t").fields()
                .name("u").type().unionOf().nullType().and().stringType().endUnion().nullDefault()
                .endRecord();
        int id = registry.register("r-value", schema);
        AvroWireDeserializer<GenericRecord> generic = AvroWireDeserializer.generic(registry, false);
        byte[] badUnion = WireFormatTest.concat(WireFormat.header(id), new byte[] {10}); // branch 5 of 2
        byte[] negativeLength = WireFormatTest.concat(WireFormat.header(id), new byte[] {2, 3}); // string length -2
        for (byte[] bytes : List.of(badUnion, negativeLength)) {
            assertThatThrownBy(() -> generic.deserialize("r", bytes))
                    .isInstanceOfSatisfying(WireFormatException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT_BODY));
        }
    }

    @Test
    void aCollectionCountLargerThanTheBodyFailsWithoutAllocatingIt() {
        Schema schema = SchemaBuilder.record("Xs").namespace("t").fields()
                .name("xs").type().array().items().longType().noDefault().endRecord();
        int id = registry.register("xs-value", schema);
        // zig-zag varint of 2,000,000,000: an array claiming two billion items in a 5-byte body
        byte[] body = {(byte) 0x80, (byte) 0xd0, (byte) 0xac, (byte) 0xf3, 0x0e};
        byte[] bytes = WireFormatTest.concat(WireFormat.header(id), body);
        assertThatThrownBy(() -> AvroWireDeserializer.generic(registry, false).deserialize("xs", bytes))
                .isInstanceOfSatisfying(WireFormatException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED_BODY));
    }

    @Test
    void aRecordOfAnotherTypeIsIncompatibleForASpecificReader() {
        AvroWireSerializer<Label> labels = AvroWireSerializer.forValues(registry);
        Label label = Label.newBuilder().setEventId("e").setLabel(1.0).setLabelTime(Instant.EPOCH).build();
        byte[] bytes = labels.serialize(TOPIC, label);
        for (int i = 0; i < 2; i++) { // the second answer comes from the cached verdict
            assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
                    .isInstanceOfSatisfying(WireFormatException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.INCOMPATIBLE_SCHEMA);
                        assertThat(e.getMessage()).contains("io.millrace.schemas.Label")
                                .contains("io.millrace.schemas.Event");
                    });
        }
    }

    @Test
    void anIncompatibleSchemaIsRefusedWhenSerializing() {
        serializer.serialize(TOPIC, event("e-5"));
        Schema breaking = withRequiredField(Event.getClassSchema(), "merchant");
        GenericRecord record = new GenericRecordBuilder(breaking).set("id", "x").set("entity", "a")
                .set("event_time", 5L).set("features", Map.of()).set("merchant", "m").build();
        assertThatThrownBy(() -> AvroWireSerializer.<GenericRecord>forValues(registry).serialize(TOPIC, record))
                .isInstanceOfSatisfying(WireFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INCOMPATIBLE_SCHEMA);
                    assertThat(e.operation()).isEqualTo(Operation.SERIALIZE);
                    assertThat(e.getMessage()).startsWith("Cannot serialize the value for topic '" + TOPIC + "'")
                            .contains("merchant");
                });
    }

    @Test
    void withoutAutoRegistrationAnUnregisteredSchemaIsRefused() {
        AvroWireSerializer<Event> lookupOnly = new AvroWireSerializer<>(registry,
                AvroSerdeConfig.forValues().withAutoRegister(false));
        assertThatThrownBy(() -> lookupOnly.serialize(TOPIC, event("e-6")))
                .isInstanceOfSatisfying(WireFormatException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.SCHEMA_NOT_REGISTERED));

        int id = registry.register(TOPIC + "-value", Event.getClassSchema());
        byte[] bytes = lookupOnly.serialize(TOPIC, event("e-6"));
        assertThat(WireFormat.schemaId(bytes, TOPIC, false)).isEqualTo(id);
    }

    @Test
    void aRecordThatDoesNotFitItsSchemaIsInvalidRecord() {
        GenericRecord missingId = new GenericData.Record(Event.getClassSchema());
        missingId.put("entity", "a");
        missingId.put("event_time", 1L);
        missingId.put("features", Map.of());
        assertThatThrownBy(() -> AvroWireSerializer.<GenericRecord>forValues(registry).serialize(TOPIC, missingId))
                .isInstanceOfSatisfying(WireFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_RECORD);
                    assertThat(e.getMessage()).contains("id");
                });
    }

    @Test
    void anUnreachableRegistryIsRegistryUnavailableOnBothSides() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        SchemaRegistryClient down = new SchemaRegistryClient(SchemaRegistryConfig.of("http://localhost:" + port)
                .withRetries(2, Duration.ofMillis(5), Duration.ofMillis(10)));
        assertThatThrownBy(() -> AvroWireSerializer.<Event>forValues(down).serialize(TOPIC, event("e-7")))
                .isInstanceOfSatisfying(WireFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.REGISTRY_UNAVAILABLE);
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.getMessage()).contains("topic '" + TOPIC + "'").contains("2 attempt(s)");
                });
        byte[] bytes = WireFormatTest.concat(WireFormat.header(1), new byte[] {0});
        assertThatThrownBy(() -> AvroWireDeserializer.specific(down, Event.class, false).deserialize(TOPIC, bytes))
                .isInstanceOfSatisfying(WireFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.REGISTRY_UNAVAILABLE);
                    assertThat(e.schemaId()).isEqualTo(1);
                });
    }

    static Schema withExtraField(Schema base, String name, String defaultValue) {
        List<Schema.Field> fields = copyFields(base);
        fields.add(new Schema.Field(name, Schema.create(Schema.Type.STRING), "added in v2", defaultValue));
        return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
    }

    static Schema withRequiredField(Schema base, String name) {
        List<Schema.Field> fields = copyFields(base);
        fields.add(new Schema.Field(name, Schema.create(Schema.Type.STRING), "required, no default", (Object) null));
        return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
    }

    private static List<Schema.Field> copyFields(Schema base) {
        List<Schema.Field> fields = new java.util.ArrayList<>();
        for (Schema.Field f : base.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        return fields;
    }
}

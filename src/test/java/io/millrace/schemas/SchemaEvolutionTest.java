package io.millrace.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.devcluster.DevCluster;
import io.millrace.devcluster.DevClusterExtension;
import io.millrace.schemas.registry.CompatibilityLevel;
import io.millrace.schemas.registry.SchemaRegistryClient;
import io.millrace.schemas.registry.SchemaRegistryException;
import io.millrace.schemas.serde.AvroWireDeserializer;
import io.millrace.schemas.serde.AvroWireSerializer;
import io.millrace.schemas.serde.WireFormat;
import io.millrace.schemas.serde.WireFormatException;
import io.millrace.schemas.serde.WireFormatException.Operation;
import io.millrace.schemas.serde.WireFormatException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Schema evolution under the registry's BACKWARD level: a field added with a default registers, and data
 * written before and after reads with either schema; a field added without one is refused, and the
 * registry's words reach the caller.
 */
@ExtendWith(DevClusterExtension.class)
class SchemaEvolutionTest {
    private static final Schema EVENT_V1 = Event.getClassSchema();
    private static final Schema EVENT_V2 = withField(EVENT_V1,
            new Schema.Field("channel", Schema.create(Schema.Type.STRING), "Where the event came from.", "web"));

    private SchemaRegistryClient registry;
    private String topic;

    @BeforeEach
    void setUp(DevCluster cluster) {
        registry = SchemaRegistryClient.of(cluster.registryUrl());
        topic = "it-evolution-" + System.nanoTime();
    }

    @Test
    void aFieldWithADefaultRegistersAndOldAndNewDataReadBothWays() {
        assertThat(registry.compatibility(topic + "-value")).isEqualTo(CompatibilityLevel.BACKWARD);
        byte[] oldBytes = AvroWireSerializer.<Event>forValues(registry).serialize(topic, SampleRecords.event("old"));

        GenericRecord newEvent = new GenericRecordBuilder(EVENT_V2).set("id", "new").set("entity", "account-1")
                .set("event_time", 1_700_000_000_000L).set("features", Map.of("amount", 5.0)).set("channel", "app").build();
        byte[] newBytes = AvroWireSerializer.<GenericRecord>forValues(registry).serialize(topic, newEvent);

        assertThat(registry.versions(topic + "-value")).containsExactly(1, 2);
        assertThat(WireFormat.schemaId(newBytes, topic, false)).isNotEqualTo(WireFormat.schemaId(oldBytes, topic, false));

        // consumers upgraded to v2 read data written with v1: the new field takes its default
        AvroWireDeserializer<GenericRecord> v2Reader = AvroWireDeserializer.generic(registry, EVENT_V2, false);
        GenericRecord oldAsNew = v2Reader.deserialize(topic, oldBytes);
        assertThat(oldAsNew.get("id").toString()).isEqualTo("old");
        assertThat(oldAsNew.get("channel").toString()).isEqualTo("web");
        assertThat(v2Reader.deserialize(topic, newBytes).get("channel").toString()).isEqualTo("app");

        // consumers still on v1 (the generated class) read data written with v2: the new field is skipped
        AvroWireDeserializer<Event> v1Reader = AvroWireDeserializer.specific(registry, Event.class, false);
        Event newAsOld = v1Reader.deserialize(topic, newBytes);
        assertThat(newAsOld.getId()).isEqualTo("new");
        assertThat(newAsOld.getFeatures()).containsEntry("amount", 5.0);
        assertThat(v1Reader.deserialize(topic, oldBytes)).isEqualTo(SampleRecords.event("old"));
    }

    @Test
    void aRequiredNewFieldIsRefusedWithTheRegistrysMessage() {
        AvroWireSerializer.<Event>forValues(registry).serialize(topic, SampleRecords.event("first"));
        Schema breaking = withField(EVENT_V1,
                new Schema.Field("merchant_id", Schema.create(Schema.Type.STRING), "Required, no default.", (Object) null));
        GenericRecord record = new GenericRecordBuilder(breaking).set("id", "x").set("entity", "a")
                .set("event_time", 1L).set("features", Map.of()).set("merchant_id", "m-1").build();

        assertThatThrownBy(() -> AvroWireSerializer.<GenericRecord>forValues(registry).serialize(topic, record))
                .isInstanceOfSatisfying(WireFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INCOMPATIBLE_SCHEMA);
                    assertThat(e.operation()).isEqualTo(Operation.SERIALIZE);
                    assertThat(e.getMessage()).contains("topic '" + topic + "'").contains("merchant_id");
                    assertThat(e.getCause()).isInstanceOfSatisfying(SchemaRegistryException.class,
                            cause -> assertThat(cause.status()).isEqualTo(409));
                });
        assertThat(registry.versions(topic + "-value")).containsExactly(1);
    }

    @Test
    void aChangedFieldTypeIsRefusedToo() {
        AvroWireSerializer.<Event>forValues(registry).serialize(topic, SampleRecords.event("first"));
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : EVENT_V1.getFields()) {
            Schema type = f.name().equals("event_time") ? Schema.create(Schema.Type.STRING) : f.schema();
            fields.add(new Schema.Field(f, type));
        }
        Schema retyped = Schema.createRecord(EVENT_V1.getName(), EVENT_V1.getDoc(), EVENT_V1.getNamespace(), false, fields);
        assertThatThrownBy(() -> registry.register(topic + "-value", retyped))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.isIncompatible()).isTrue();
                    // Apicurio points at "/fields/2/type"; the client adds the field's name
                    assertThat(e.registryMessage()).contains("/fields/2").contains("event_time");
                });
    }

    private static Schema withField(Schema base, Schema.Field extra) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : base.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        fields.add(extra);
        return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
    }
}

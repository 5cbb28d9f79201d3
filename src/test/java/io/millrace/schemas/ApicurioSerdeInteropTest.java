package io.millrace.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.millrace.devcluster.DevCluster;
import io.millrace.devcluster.DevClusterExtension;
import io.millrace.schemas.registry.SchemaRegistryClient;
import io.millrace.schemas.serde.AvroWireDeserializer;
import io.millrace.schemas.serde.AvroWireSerializer;
import io.millrace.schemas.serde.WireFormat;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Interop with Apicurio's own Kafka serdes (3.1.7), configured for the Confluent framing: what ours write,
 * theirs read, and the other way round, through the same registry.
 */
@ExtendWith(DevClusterExtension.class)
class ApicurioSerdeInteropTest {
    private SchemaRegistryClient registry;
    private String topic;
    private Map<String, Object> apicurioConfig;
    private AvroKafkaSerializer<Event> theirSerializer;
    private AvroKafkaDeserializer<Object> theirDeserializer;

    @BeforeEach
    void setUp(DevCluster cluster) {
        registry = SchemaRegistryClient.of(cluster.registryUrl());
        topic = "it-interop-" + System.nanoTime();
        apicurioConfig = new HashMap<>();
        apicurioConfig.put("apicurio.registry.url", "http://localhost:" + cluster.registryPort() + "/apis/registry/v3");
        // The Confluent framing: magic byte, 4-byte id in the payload (not in headers), the id being the content id
        // that the ccompat API hands out as "id".
        apicurioConfig.put("apicurio.registry.headers.enabled", false);
        apicurioConfig.put("apicurio.registry.id-handler", "io.apicurio.registry.serde.Default4ByteIdHandler");
        apicurioConfig.put("apicurio.registry.use-id", "contentId");
        apicurioConfig.put("apicurio.registry.auto-register", true);
        theirSerializer = new AvroKafkaSerializer<>();
        theirSerializer.configure(apicurioConfig, false);
        theirDeserializer = new AvroKafkaDeserializer<>();
        theirDeserializer.configure(apicurioConfig, false);
    }

    @AfterEach
    void close() {
        theirSerializer.close();
        theirDeserializer.close();
    }

    @Test
    void apicuriosDeserializerReadsWhatOursWrote() {
        Event event = SampleRecords.event("ours");
        byte[] bytes = AvroWireSerializer.<Event>forValues(registry).serialize(topic, event);

        Object read = theirDeserializer.deserialize(topic, bytes);

        assertThat(read).isInstanceOf(GenericRecord.class);
        GenericRecord record = (GenericRecord) read;
        assertThat(record.get("id").toString()).isEqualTo("ours");
        assertThat(record.get("entity").toString()).isEqualTo(event.getEntity());
        assertThat(record.get("event_time")).isEqualTo(event.getEventTime().toEpochMilli());
        assertThat(record.get("label").toString()).isEqualTo("fraud");
    }

    @Test
    void oursReadWhatApicuriosSerializerWrote() {
        Event event = SampleRecords.event("theirs");
        byte[] bytes = theirSerializer.serialize(topic, event);

        assertThat(bytes[0]).isEqualTo(WireFormat.MAGIC_BYTE);
        int id = WireFormat.schemaId(bytes, topic, false);
        assertThat(registry.latestVersion(topic + "-value").id()).isEqualTo(id);
        assertThat(AvroWireDeserializer.specific(registry, Event.class, false).deserialize(topic, bytes)).isEqualTo(event);
        assertThat(AvroWireDeserializer.generic(registry, false).deserialize(topic, bytes).get("id")).hasToString("theirs");
    }

    @Test
    void bothSidesAgreeOnTheIdOfTheSameSchema() {
        byte[] theirs = theirSerializer.serialize(topic, SampleRecords.event("a"));
        byte[] ours = AvroWireSerializer.<Event>forValues(registry).serialize(topic, SampleRecords.event("a"));
        assertThat(WireFormat.schemaId(ours, topic, false)).isEqualTo(WireFormat.schemaId(theirs, topic, false));
        assertThat(ours).isEqualTo(theirs);
    }
}

package io.millrace.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.devcluster.DevCluster;
import io.millrace.devcluster.DevClusterExtension;
import io.millrace.schemas.registry.SchemaRegistryClient;
import io.millrace.schemas.serde.AvroWireDeserializer;
import io.millrace.schemas.serde.AvroWireSerializer;
import io.millrace.schemas.serde.WireFormat;
import io.millrace.speed.serde.RegistryAvroDeserializer;
import io.millrace.speed.serde.RegistryAvroSerializer;
import io.millrace.speed.serde.RegistrySerdeConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every record type registered in the real registry and read back; Avro events through the real broker. */
@ExtendWith(DevClusterExtension.class)
class WireFormatRoundTripTest {

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void everyRecordTypeRegistersUnderItsTopicSubjectAndRoundTrips(DevCluster cluster) {
        SchemaRegistryClient registry = SchemaRegistryClient.of(cluster.registryUrl());
        SchemaRegistryClient freshClient = SchemaRegistryClient.of(cluster.registryUrl());
        AvroWireSerializer<SpecificRecord> serializer = AvroWireSerializer.forValues(registry);
        for (SpecificRecord record : SampleRecords.oneOfEach()) {
            String topic = "it-roundtrip-" + record.getSchema().getName() + "-" + System.nanoTime();
            byte[] bytes = serializer.serialize(topic, record);

            int id = WireFormat.schemaId(bytes, topic, false);
            assertThat(freshClient.latestVersion(topic + "-value").id()).as(topic).isEqualTo(id);
            AvroWireDeserializer<SpecificRecord> specific =
                    AvroWireDeserializer.specific(freshClient, (Class) record.getClass(), false);
            assertThat(specific.deserialize(topic, bytes)).as(topic).isEqualTo(record);
            GenericRecord generic = AvroWireDeserializer.generic(freshClient, false).deserialize(topic, bytes);
            assertThat(generic.getSchema().getFullName()).isEqualTo(record.getSchema().getFullName());
            assertThat(generic.toString()).isNotBlank();
        }
    }

    @Test
    void producersAndConsumersExchangeAvroEventsThroughTheBroker(DevCluster cluster) throws Exception {
        String topic = "it-events-" + System.nanoTime();
        TestTopics.create(cluster.bootstrapServers(), topic, 3);
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, RegistryAvroSerializer.class.getName(),
                RegistrySerdeConfig.SCHEMA_REGISTRY_URL, cluster.registryUrl());
        List<Event> sent = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try (KafkaProducer<String, Event> producer = new KafkaProducer<>(producerConfig)) {
            for (int i = 0; i < 300; i++) {
                Event event = SampleRecords.event("e-" + i);
                sent.add(event);
                acks.add(producer.send(new ProducerRecord<>(topic, event.getEntity(), event)));
            }
            producer.flush();
        }
        for (Future<RecordMetadata> ack : acks) {
            ack.get(); // every send succeeded
        }

        Map<String, Object> consumerConfig = new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-events-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, RegistryAvroDeserializer.class.getName(),
                RegistrySerdeConfig.SCHEMA_REGISTRY_URL, cluster.registryUrl(),
                RegistrySerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, Event.class.getName()));
        List<Event> received = new ArrayList<>();
        try (KafkaConsumer<String, Event> consumer = new KafkaConsumer<>(consumerConfig)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (received.size() < sent.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Event> record : consumer.poll(Duration.ofMillis(200))) {
                    assertThat(record.key()).isEqualTo(record.value().getEntity());
                    received.add(record.value());
                }
            }
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
    }
}

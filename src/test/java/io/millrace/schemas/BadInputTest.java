package io.millrace.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.devcluster.DevCluster;
import io.millrace.devcluster.DevClusterExtension;
import io.millrace.schemas.registry.SchemaRegistryClient;
import io.millrace.schemas.registry.SchemaRegistryConfig;
import io.millrace.schemas.serde.AvroWireDeserializer;
import io.millrace.schemas.serde.AvroWireSerializer;
import io.millrace.schemas.serde.WireFormat;
import io.millrace.schemas.serde.WireFormatException;
import io.millrace.schemas.serde.WireFormatException.Reason;
import io.millrace.speed.serde.RegistryAvroDeserializer;
import io.millrace.speed.serde.RegistrySerdeConfig;
import io.millrace.speed.serde.WireFormatFailures;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each kind of bad input against the real registry and broker: a typed exception naming the topic, and
 * partition and offset once Kafka knows them. Never a silent null.
 */
@ExtendWith(DevClusterExtension.class)
class BadInputTest {
    private SchemaRegistryClient registry;
    private AvroWireDeserializer<Event> deserializer;
    private String topic;
    private byte[] good;

    @BeforeEach
    void setUp(DevCluster cluster) {
        registry = SchemaRegistryClient.of(cluster.registryUrl());
        deserializer = AvroWireDeserializer.specific(registry, Event.class, false);
        topic = "it-bad-input-" + System.nanoTime();
        good = AvroWireSerializer.<Event>forValues(registry).serialize(topic, SampleRecords.event("good"));
    }

    @Test
    void bytesNotInTheWireFormat() {
        byte[] json = "{\"id\":\"e-1\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(failure(json).reason()).isEqualTo(Reason.NOT_WIRE_FORMAT);
        assertThat(failure(new byte[0]).reason()).isEqualTo(Reason.NOT_WIRE_FORMAT);
        assertThat(failure(Arrays.copyOf(good, 3)).getMessage()).contains("3 byte(s)");
    }

    @Test
    void anUnknownSchemaId() {
        byte[] bytes = good.clone();
        bytes[1] = 0x40; // id 0x40000000 + the real id: far beyond anything registered
        WireFormatException e = failure(bytes);
        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_SCHEMA_ID);
        assertThat(e.getMessage()).contains(Integer.toString(WireFormat.schemaId(bytes, topic, false)));
    }

    @Test
    void aTruncatedBodyAndTrailingBytes() {
        assertThat(failure(Arrays.copyOf(good, good.length - 4)).reason()).isEqualTo(Reason.TRUNCATED_BODY);
        assertThat(failure(Arrays.copyOf(good, good.length + 2)).reason()).isEqualTo(Reason.CORRUPT_BODY);
    }

    @Test
    void aRegistryThatIsDown() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        SchemaRegistryClient down = new SchemaRegistryClient(SchemaRegistryConfig.of("http://localhost:" + port + "/apis/ccompat/v7")
                .withRetries(3, Duration.ofMillis(10), Duration.ofMillis(40)));
        WireFormatException e = catchWireFormat(() -> AvroWireDeserializer.specific(down, Event.class, false).deserialize(topic, good));
        assertThat(e.reason()).isEqualTo(Reason.REGISTRY_UNAVAILABLE);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("topic '" + topic + "'").contains("3 attempt(s)");
        WireFormatException onWrite = catchWireFormat(() -> AvroWireSerializer.<Event>forValues(down).serialize(topic, SampleRecords.event("x")));
        assertThat(onWrite.reason()).isEqualTo(Reason.REGISTRY_UNAVAILABLE);
    }

    @Test
    void aConsumerLocatesEachBadRecordAtItsPartitionAndOffset(DevCluster cluster) throws Exception {
        TestTopics.create(cluster.bootstrapServers(), topic, 1);
        byte[] unknownId = good.clone();
        unknownId[1] = 0x40;
        List<byte[]> values = List.of(good, "not avro".getBytes(StandardCharsets.UTF_8), unknownId,
                Arrays.copyOf(good, good.length - 1), good);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(topic, "k", value)).get();
            }
        }

        List<String> outcomes = new ArrayList<>();
        try (KafkaConsumer<String, Event> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, RegistryAvroDeserializer.class.getName(),
                RegistrySerdeConfig.SCHEMA_REGISTRY_URL, cluster.registryUrl(),
                RegistrySerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, Event.class.getName()))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (outcomes.size() < values.size() && System.nanoTime() < deadline) {
                try {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> outcomes.add(r.offset() + " ok " + r.value().getId()));
                } catch (RecordDeserializationException e) {
                    WireFormatException located = WireFormatFailures.locate(e).orElseThrow(() -> e);
                    assertThat(located.getMessage()).contains("topic '" + topic + "' partition " + e.topicPartition().partition() + " offset " + e.offset());
                    outcomes.add(e.offset() + " " + located.reason());
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
            }
        }
        assertThat(outcomes).containsExactly("0 ok good", "1 NOT_WIRE_FORMAT", "2 UNKNOWN_SCHEMA_ID",
                "3 TRUNCATED_BODY", "4 ok good");
    }

    private WireFormatException failure(byte[] bytes) {
        WireFormatException e = catchWireFormat(() -> deserializer.deserialize(topic, bytes));
        assertThat(e.topic()).isEqualTo(topic);
        assertThat(e.getMessage()).startsWith("Cannot deserialize the value of topic '" + topic + "'");
        return e;
    }

    private static WireFormatException catchWireFormat(Runnable action) {
        try {
            action.run();
        } catch (WireFormatException e) {
            return e;
        }
        throw new AssertionError("expected a WireFormatException, and nothing (not null) was returned silently");
    }
}

package io.millrace.devcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.millrace.speed.TopicSetup;

@ExtendWith(DevClusterExtension.class)
class DevClusterTest {

    @Test
    void brokerTakesTransactionalWritesAndServesThemBack(DevCluster cluster) throws Exception {
        String topic = "dev-cluster-roundtrip";
        createTopic(cluster, topic);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(cluster))) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 50; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i));
            }
            producer.commitTransaction();
        }
        List<ConsumerRecord<String, String>> records = readAll(cluster.bootstrapServers(), topic, 50);
        assertThat(records).hasSize(50);
        assertThat(records).extracting(ConsumerRecord::value).contains("value-0", "value-49");
    }

    @Test
    void registrySpeaksTheConfluentApiWithBackwardCompatibility(DevCluster cluster) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> config = http.send(HttpRequest.newBuilder(URI.create(cluster.registryUrl() + "/config")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body()).contains("BACKWARD");

        String schema = "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Probe\\\",\\\"fields\\\":[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"int\\\"}]}\"}";
        HttpResponse<String> registered = http.send(HttpRequest.newBuilder(URI.create(cluster.registryUrl() + "/subjects/probe-value/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(schema)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).isEqualTo(200);
        assertThat(registered.body()).matches("\\{\"id\":\\d+}");
    }

    @Test
    void closeStopsBothPartsAndRemovesTheTemporaryData() throws Exception {
        DevCluster cluster = DevCluster.start(DevClusterConfig.defaults());
        Path dataDir = cluster.brokerDataDir();
        int registryPort = cluster.registryPort();
        int brokerPort = Integer.parseInt(cluster.bootstrapServers().split(":")[1]);
        assertThat(dataDir).isDirectory();
        assertThat(listening(registryPort)).isTrue();

        cluster.close();

        assertThat(dataDir).doesNotExist();
        assertThat(listening(registryPort)).isFalse();
        assertThat(listening(brokerPort)).isFalse();
    }

    @Test
    void aGivenDataDirectoryKeepsTopicsAcrossRestarts(@TempDir Path dataDir) throws Exception {
        String topic = "survives-restart";
        try (DevCluster first = DevCluster.start(DevClusterConfig.defaults().withDataDir(dataDir))) {
            createTopic(first, topic);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(first))) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(topic, "k", "kept"));
                producer.commitTransaction();
            }
        }
        assertThat(Files.list(dataDir)).isNotEmpty();
        try (DevCluster second = DevCluster.start(DevClusterConfig.defaults().withDataDir(dataDir))) {
            assertThat(readAll(second.bootstrapServers(), topic, 1)).extracting(ConsumerRecord::value).containsExactly("kept");
        }
    }

    @Test
    void aMissingRegistryIsAClearError(@TempDir Path empty) {
        DevClusterConfig config = new DevClusterConfig(0, 0, null, 0, empty.resolve("nowhere"), 1);
        assertThatThrownBy(() -> DevCluster.start(config))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("schema registry not found")
            .hasMessageContaining("mvn -DskipTests package");
    }

    @Test
    void topicsAreNeverCreatedImplicitly(DevCluster cluster) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            assertThat(admin.describeCluster().nodes().get()).hasSize(1);
        }
        Map<String, Object> config = new java.util.HashMap<>(producerConfig(cluster));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.initTransactions();
            producer.beginTransaction();
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("no-such-topic", "k", "v")).get())
                .hasMessageContaining("not present in metadata");
        }
    }

    private static void createTopic(DevCluster cluster, String topic) {
        TopicSetup.ensure(cluster.bootstrapServers(), List.of(new NewTopic(topic, 2, (short) 1)));
    }

    private static Map<String, Object> producerConfig(DevCluster cluster) {
        return Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG, "dev-cluster-test-" + System.nanoTime(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    }

    private static List<ConsumerRecord<String, String>> readAll(String bootstrap, String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dev-cluster-test-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

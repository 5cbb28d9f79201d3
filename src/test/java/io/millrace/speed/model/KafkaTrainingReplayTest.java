package io.millrace.speed.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.devcluster.DevCluster;
import io.millrace.devcluster.DevClusterExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A trainer's replay of {@code training-examples} on the real broker: committed records of its model only, in offset
 * order, between the two offsets, aborted transactions skipped as the trainer skipped them, and a clear error when the
 * records are gone.
 */
@ExtendWith(DevClusterExtension.class)
class KafkaTrainingReplayTest {

    @Test
    void replaysTheCommittedRecordsOfItsModelBetweenTwoOffsets(DevCluster cluster) throws Exception {
        TopicPartition partition = topic(cluster, "replay-committed");
        try (KafkaProducer<String, String> producer = transactionalProducer(cluster, "replay-committed-tx")) {
            producer.initTransactions();
            send(producer, partition, true, "a:1", "b:1", "a:2");      // offsets 0-2, marker 3
            send(producer, partition, false, "a:lost", "b:lost");     // offsets 4-5 aborted, marker 6
            send(producer, partition, true, "a:3", "a:4", "b:2");     // offsets 7-9, marker 10
            send(producer, partition, true, "a:5");                   // offset 11, marker 12
        }
        KafkaTrainingReplay replay = new KafkaTrainingReplay(appConfigs(cluster));

        assertThat(values(replay, partition, 0, 13, "a")).containsExactly("a:1", "a:2", "a:3", "a:4", "a:5");
        assertThat(values(replay, partition, 1, 11, "a")).as("to is exclusive").containsExactly("a:2", "a:3", "a:4");
        assertThat(values(replay, partition, 2, 13, "b")).containsExactly("b:2");
        assertThat(values(replay, partition, 7, 7, "a")).isEmpty();
        assertThat(values(replay, partition, 9, 7, "a")).as("offsets behind the snapshot: nothing").isEmpty();
    }

    @Test
    void examplesGoneFromTheTopicAreAnErrorNotASilentGap(DevCluster cluster) throws Exception {
        TopicPartition partition = topic(cluster, "replay-gone");
        try (KafkaProducer<String, String> producer = transactionalProducer(cluster, "replay-gone-tx")) {
            producer.initTransactions();
            send(producer, partition, true, "a:1", "a:2", "a:3", "a:4");
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            admin.deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(2))).all().get();
        }
        KafkaTrainingReplay replay = new KafkaTrainingReplay(appConfigs(cluster));

        assertThat(values(replay, partition, 2, 4, "a")).containsExactly("a:3", "a:4");
        assertThatThrownBy(() -> values(replay, partition, 0, 4, "a"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("replay-gone-0 from offset 0 to 4")
                .hasMessageContaining("retention");
    }

    @Test
    void theConsumerTakesTheClusterAndSecurityButNoGroupFromTheStreamsConfiguration() {
        Map<String, Object> config = KafkaTrainingReplay.consumerConfig(Map.of(
                StreamsConfig.APPLICATION_ID_CONFIG, "app",
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092",
                "security.protocol", "SASL_SSL",
                StreamsConfig.MAIN_CONSUMER_PREFIX + ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 77,
                ConsumerConfig.GROUP_ID_CONFIG, "someone-elses",
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2));

        assertThat(config).containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 77)
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .containsEntry(ConsumerConfig.CLIENT_ID_CONFIG, "app-training-replay")
                .doesNotContainKeys(ConsumerConfig.GROUP_ID_CONFIG, StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
    }

    private static List<String> values(KafkaTrainingReplay replay, TopicPartition partition, long from, long to, String model) {
        List<String> values = new ArrayList<>();
        replay.forEach(partition, from, to, model, bytes -> values.add(new String(bytes, StandardCharsets.UTF_8)));
        return values;
    }

    /** One transaction of records keyed by the text before their colon, committed or aborted. */
    private static void send(KafkaProducer<String, String> producer, TopicPartition partition, boolean commit,
                             String... records) throws Exception {
        producer.beginTransaction();
        for (String record : records) {
            producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), record.substring(0, record.indexOf(':')),
                    record)).get();
        }
        if (commit) {
            producer.commitTransaction();
        } else {
            producer.abortTransaction();
        }
    }

    private static TopicPartition topic(DevCluster cluster, String name) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();
        }
        return new TopicPartition(name, 0);
    }

    private static KafkaProducer<String, String> transactionalProducer(DevCluster cluster, String transactionalId) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new KafkaProducer<>(properties);
    }

    private static Map<String, Object> appConfigs(DevCluster cluster) {
        return Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "replay-test",
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    }
}

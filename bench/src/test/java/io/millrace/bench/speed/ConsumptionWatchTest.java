package io.millrace.bench.speed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.millrace.devcluster.DevClusterConfig;
import io.millrace.devcluster.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's clock stops when {@link ConsumptionWatch} finds every source consumed; on a real broker, an
 * intermediate topic with records past its last stable offset (a transaction not yet settled) is not consumed,
 * however far the group's offsets are, and becomes so once the transaction commits and the group reads past it.
 */
class ConsumptionWatchTest {

    private static final String TOPIC = "intermediate";
    private static final String GROUP = "watched-app";

    private static EmbeddedKafkaBroker broker;
    private static Admin admin;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.start(DevClusterConfig.defaults().withPartitions(1));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
        admin.createTopics(List.of(new NewTopic(TOPIC, Optional.of(1), Optional.empty()))).all().get();
    }

    @AfterAll
    static void stopBroker() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void anIntermediateTopicWithAnUnsettledTransactionIsNotConsumedUntilItSettlesAndIsRead() throws Exception {
        ConsumptionWatch.Sources sources = new ConsumptionWatch.Sources(Map.of(), List.of(TOPIC));
        try (ConsumptionWatch watch = new ConsumptionWatch(broker.bootstrapServers());
             KafkaProducer<String, String> producer = transactionalProducer()) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "key-" + i, "value-" + i));
            }
            producer.flush();

            // written but not stable: its last stable offset is still 0, which alone would read as "nothing to consume"
            assertThatThrownBy(() -> watch.awaitConsumed(GROUP, sources, System.nanoTime(), Duration.ofMillis(500),
                () -> false, consumed -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stable 0/written 5");

            producer.commitTransaction();
            // committed: the marker reaches the partition a moment later, and until then it is still unsettled
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (watch.endOffsets(List.of(TOPIC)).get(partition) < 6 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            // settled (5 records and the marker) but unread by the group
            assertThatThrownBy(() -> watch.awaitConsumed(GROUP, sources, System.nanoTime(), Duration.ofMillis(500),
                () -> false, consumed -> { }))
                .hasMessageContaining("0/6");

            admin.alterConsumerGroupOffsets(GROUP, Map.of(partition, new OffsetAndMetadata(5))).all().get();
            Map<String, Double> caughtUp = watch.awaitConsumed(GROUP, sources, System.nanoTime(), Duration.ofSeconds(10),
                () -> false, consumed -> { });
            assertThat(caughtUp.keySet()).isEqualTo(Set.of(TOPIC));
        }
    }

    private static KafkaProducer<String, String> transactionalProducer() {
        return new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG, "watch-test",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }
}

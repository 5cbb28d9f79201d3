package io.millrace.speed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.millrace.cli.produce.ProduceRun;
import io.millrace.cli.produce.ProduceSummary;
import io.millrace.devcluster.DevCluster;
import io.millrace.devcluster.DevClusterExtension;
import io.millrace.schemas.DeadLetter;
import io.millrace.schemas.Event;
import io.millrace.schemas.registry.SchemaRegistryClient;
import io.millrace.schemas.serde.AvroWireDeserializer;
import io.millrace.speed.config.SpeedLayerConfig;
import io.millrace.speed.stats.RollingStatsQueries;

/**
 * Two speed-layer instances with one application id share the partitions; when one leaves, the other
 * takes them over. Across both phases every event is validated exactly once: valid-events holds each
 * produced event once and dead-letters each injected bad record once, and the rolling statistics the leaving
 * instance kept are taken over whole: they count every valid event once.
 */
@ExtendWith(DevClusterExtension.class)
class SpeedLayerScaleOutTest {

    private static final Duration START = Duration.ofSeconds(90);

    @Test
    void instancesShareThePartitionsAndNothingIsLostOrCountedTwice(DevCluster cluster, @TempDir Path stateA,
                                                                   @TempDir Path stateB) throws Exception {
        TopicNames topics = new TopicNames("scale-out.");
        SpeedLayerConfig config = SpeedLayerConfig.defaults()
            .withBootstrapServers(cluster.bootstrapServers())
            .withSchemaRegistryUrl(cluster.registryUrl())
            .withApplicationId("scale-out-test")
            .withTopics(topics);
        TopicSetup.ensureTopics(cluster.bootstrapServers(), topics, 3, (short) 1);
        ProduceRun produce = new ProduceRun(cluster.bootstrapServers(), cluster.registryUrl(), topics);

        ProduceSummary first = produce.fromGenerator("payments", Map.of(), 300, 11, null, 0, 0.05);
        try (SpeedLayer a = SpeedLayer.start(config.withStateDir(stateA))) {
            try (SpeedLayer b = SpeedLayer.start(config.withStateDir(stateB))) {
                a.awaitRunning(START);
                b.awaitRunning(START);
                awaitBalanced(a, b);
                assertThat(a.assignedPartitions()).isNotEmpty().doesNotContainAnyElementsOf(b.assignedPartitions());
                assertThat(union(a, b)).containsExactlyInAnyOrder("scale-out.events-0", "scale-out.events-1", "scale-out.events-2",
                    "scale-out.rekeyed-events-0", "scale-out.rekeyed-events-1", "scale-out.rekeyed-events-2");
                awaitCounts(cluster, topics, first.events(), first.badTotal());
                // the producer keys events by entity with Kafka's default partitioner: ingest took every one in place
                assertThat(read(cluster, topics.rekeyedEvents())).isEmpty();
            }
            ProduceSummary second = produce.fromGenerator("sea", Map.of(), 200, 12, null, 0, 0.05);
            awaitCounts(cluster, topics, first.events() + second.events(), first.badTotal() + second.badTotal());
            assertThat(a.assignedPartitions()).hasSize(6);
            // the statistics b kept moved to a through their changelogs: every payment counted once (SEA events have no amount)
            assertThat(awaitRollingCount(a, config, first.events())).isEqualTo(first.events());
        }
    }

    /** The count of {@code amount} over all accounts in the tumbling windows of the last and next two days, once it reaches {@code expected} or a minute passed. */
    private static long awaitRollingCount(SpeedLayer layer, SpeedLayerConfig config, long expected) throws InterruptedException {
        RollingStatsQueries queries = new RollingStatsQueries(layer.streams(), config);
        Instant now = Instant.now();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long count = -1;
        while (count != expected && System.nanoTime() < deadline) {
            try {
                count = queries.mergedFeatureStats("amount", RollingStatsQueries.Windows.TUMBLING, now.minus(Duration.ofDays(2)),
                    now.plus(Duration.ofDays(2))).map(stats -> stats.all().count()).orElse(0L);
            } catch (InvalidStateStoreException e) {
                count = -1;
            }
            if (count != expected) {
                Thread.sleep(200);
            }
        }
        return count;
    }

    private static Set<String> union(SpeedLayer a, SpeedLayer b) {
        Set<String> all = new HashSet<>(a.assignedPartitions());
        all.addAll(b.assignedPartitions());
        return all;
    }

    private static void awaitBalanced(SpeedLayer a, SpeedLayer b) throws InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline && (a.assignedPartitions().isEmpty() || b.assignedPartitions().isEmpty()
            || union(a, b).size() < 3)) {
            Thread.sleep(100);
        }
    }

    /** Waits until valid-events and dead-letters hold the expected counts, then checks nothing is duplicated. */
    private static void awaitCounts(DevCluster cluster, TopicNames topics, long validExpected, long deadExpected) {
        AvroWireDeserializer<Event> events = AvroWireDeserializer.specific(SchemaRegistryClient.of(cluster.registryUrl()), Event.class, false);
        AvroWireDeserializer<DeadLetter> deadLetters = AvroWireDeserializer.specific(SchemaRegistryClient.of(cluster.registryUrl()), DeadLetter.class, false);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> validIds;
        List<DeadLetter> dead;
        do {
            validIds = read(cluster, topics.validEvents()).stream().map(v -> events.deserialize(topics.validEvents(), v).getId()).toList();
            dead = read(cluster, topics.deadLetters()).stream().map(v -> deadLetters.deserialize(topics.deadLetters(), v)).toList();
        } while ((validIds.size() < validExpected || dead.size() < deadExpected) && System.nanoTime() < deadline);
        assertThat(validIds).hasSize((int) validExpected).doesNotHaveDuplicates();
        assertThat(validIds).noneMatch(id -> id.endsWith("-bad"));
        assertThat(dead).hasSize((int) deadExpected);
        assertThat(dead.stream().map(d -> d.getSourcePartition() + "@" + d.getSourceOffset()).toList()).doesNotHaveDuplicates();
    }

    private static List<byte[]> read(DevCluster cluster, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "scale-out-reader-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<byte[]> values = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            int quiet = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (quiet < 5 && System.nanoTime() < deadline) {
                var records = consumer.poll(Duration.ofMillis(200));
                quiet = records.isEmpty() && !consumer.assignment().isEmpty() ? quiet + 1 : 0;
                for (ConsumerRecord<String, byte[]> record : records) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}

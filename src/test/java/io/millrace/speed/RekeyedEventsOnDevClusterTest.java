package io.millrace.speed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.devcluster.DevCluster;
import io.millrace.devcluster.DevClusterExtension;
import io.millrace.schemas.Event;
import io.millrace.schemas.registry.SchemaRegistry;
import io.millrace.schemas.serde.AvroSerdeConfig;
import io.millrace.schemas.serde.AvroWireDeserializer;
import io.millrace.speed.config.SpeedLayerConfig;
import io.millrace.speed.ingest.EntityPartitions;
import io.millrace.speed.serde.RegistryAvroSerializer;
import io.millrace.speed.serde.RegistrySerdeConfig;
import io.millrace.speed.stats.RollingStatsQueries;
import io.millrace.speed.stats.RollingStatsQueries.Windows;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The speed layer on the real broker with events that are not where their entity's state lives: keyed by entity but
 * written to another partition, and without a key. Ingest sends those through {@code rekeyed-events} and takes the
 * rest in place; either way each is written to {@code valid-events} once, in its entity's partition, and counted once
 * in its entity's rolling statistics.
 */
@ExtendWith(DevClusterExtension.class)
class RekeyedEventsOnDevClusterTest {
    private static final int PARTITIONS = 3;
    private static final int EACH_WAY = 30;
    private static final List<String> ENTITIES = List.of("acct-0", "acct-1", "acct-2", "acct-3", "acct-4", "acct-5");
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path stateDir;

    @Test
    void eventsOutsideTheirEntitysPartitionAreRekeyedAndCountedOnce(DevCluster cluster) throws Exception {
        String run = "rekeyed-it-" + System.nanoTime();
        TopicNames topics = new TopicNames(run + ".");
        TopicSetup.ensureTopics(cluster.bootstrapServers(), topics, PARTITIONS, (short) 1);
        SpeedLayerConfig config = SpeedLayerConfig.defaults().withApplicationId(run)
                .withBootstrapServers(cluster.bootstrapServers()).withSchemaRegistryUrl(cluster.registryUrl())
                .withTopics(topics).withStateDir(stateDir).withRocksDbMemoryBytes(16L * 1024 * 1024);
        SchemaRegistry registry = RegistrySerdeConfig.registry(config.registryConfigs());
        EntityPartitions partitions = new EntityPartitions(PARTITIONS);
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30));

        int misplaced = produce(cluster, topics, registry, partitions, start);
        List<Event> sent = new ArrayList<>();
        for (int i = 0; i < 3 * EACH_WAY; i++) {
            sent.add(event(i, start));
        }
        try (SpeedLayer layer = SpeedLayer.start(config)) {
            layer.awaitRunning(DEADLINE);

            assertEachOnceInItsEntitysPartition(cluster, topics, registry, partitions, sent);
            assertThat(readAtLeast(cluster, topics.rekeyedEvents(), misplaced)).hasSize(misplaced);
            assertThat(ingestCounter(layer, "REKEYED")).isEqualTo((double) misplaced);

            Map<String, Long> expected = sent.stream().collect(Collectors.groupingBy(Event::getEntity, Collectors.counting()));
            RollingStatsQueries queries = new RollingStatsQueries(layer.streams(), config);
            for (String entity : ENTITIES) {
                assertThat(awaitCount(queries, entity, start, expected.get(entity))).as(entity).isEqualTo(expected.get(entity));
            }
        }
    }

    @Test
    void anEventsTopicWithMorePartitionsThanTheSpeedLayersIsRekeyedWhereNeededAndCountedOnce(DevCluster cluster)
            throws Exception {
        String run = "rekeyed-wider-" + System.nanoTime();
        TopicNames topics = new TopicNames(run + ".");
        TopicSetup.ensure(cluster.bootstrapServers(), List.of(new NewTopic(topics.events(), PARTITIONS + 2, (short) 1)));
        TopicSetup.ensureTopics(cluster.bootstrapServers(), topics, PARTITIONS, (short) 1);
        SpeedLayerConfig config = SpeedLayerConfig.defaults().withApplicationId(run)
                .withBootstrapServers(cluster.bootstrapServers()).withSchemaRegistryUrl(cluster.registryUrl())
                .withTopics(topics).withStateDir(stateDir).withRocksDbMemoryBytes(16L * 1024 * 1024)
                .withExtraProperty("application.server", "localhost:7071"); // what serving sets; key metadata needs it
        SchemaRegistry registry = RegistrySerdeConfig.registry(config.registryConfigs());
        RegistryAvroSerializer<Event> serializer = new RegistryAvroSerializer<>(registry, AvroSerdeConfig.forValues());
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30));
        List<Event> sent = new ArrayList<>();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 2 * EACH_WAY; i++) {
                Event event = event(i, start);
                sent.add(event);
                producer.send(new ProducerRecord<>(topics.events(), event.getEntity().getBytes(StandardCharsets.UTF_8),
                        serializer.serialize(topics.events(), event))).get();
            }
        }
        EntityPartitions partitions = new EntityPartitions(PARTITIONS);
        try (SpeedLayer layer = SpeedLayer.start(config)) {
            layer.awaitRunning(DEADLINE);

            assertEachOnceInItsEntitysPartition(cluster, topics, registry, partitions, sent);
            assertThat(ingestCounter(layer, "REKEYED")).isPositive();
            Map<String, Long> expected = sent.stream().collect(Collectors.groupingBy(Event::getEntity, Collectors.counting()));
            RollingStatsQueries queries = new RollingStatsQueries(layer.streams(), config, layer.entityPartitions());
            for (String entity : ENTITIES) {
                assertThat(awaitCount(queries, entity, start, expected.get(entity))).as(entity).isEqualTo(expected.get(entity));
                // an entity's queries go to its statistics' partition, not its key's among the wider events topic's
                assertThat(queries.ownerOf(entity).partition()).as(entity).isEqualTo(partitions.of(entity));
            }
            assertThat(ENTITIES).as("some entity's key falls elsewhere among five partitions than among three")
                    .anyMatch(entity -> new EntityPartitions(PARTITIONS + 2).of(entity) != partitions.of(entity));
        }
    }

    @Test
    void anInstanceRefusesToStartWhenRekeyedEventsAndValidEventsDifferInPartitions(DevCluster cluster) {
        String run = "rekeyed-mismatch-" + System.nanoTime();
        TopicNames topics = new TopicNames(run + ".");
        TopicSetup.ensure(cluster.bootstrapServers(), List.of(new NewTopic(topics.validEvents(), 3, (short) 1),
                new NewTopic(topics.rekeyedEvents(), 2, (short) 1)));
        SpeedLayerConfig config = SpeedLayerConfig.defaults().withApplicationId(run)
                .withBootstrapServers(cluster.bootstrapServers()).withSchemaRegistryUrl(cluster.registryUrl())
                .withTopics(topics).withStateDir(stateDir);

        assertThatThrownBy(() -> SpeedLayer.start(config)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(topics.validEvents() + " has 3 partitions and " + topics.rekeyedEvents() + " 2");
    }

    /** {@code valid-events} holds each of {@code sent} once, in the partition of its entity. */
    private static void assertEachOnceInItsEntitysPartition(DevCluster cluster, TopicNames topics, SchemaRegistry registry,
                                                            EntityPartitions partitions, List<Event> sent) {
        AvroWireDeserializer<Event> reader = AvroWireDeserializer.specific(registry, Event.class, false);
        List<ConsumerRecord<byte[], byte[]>> valid = readAtLeast(cluster, topics.validEvents(), sent.size());
        assertThat(valid).extracting(record -> reader.deserialize(topics.validEvents(), record.value()).getId())
                .containsExactlyInAnyOrderElementsOf(sent.stream().map(Event::getId).toList());
        assertThat(valid).allSatisfy(record -> {
            String entity = new String(record.key(), StandardCharsets.UTF_8);
            assertThat(record.partition()).as(entity).isEqualTo(partitions.of(entity));
        });
    }

    /**
     * Sends three ways: keyed and in the partition Kafka's partitioner picks, keyed but to the next partition, and
     * without a key to partition i mod 3. Returns how many are not in their entity's partition.
     */
    private static int produce(DevCluster cluster, TopicNames topics, SchemaRegistry registry, EntityPartitions partitions,
                               Instant start) throws Exception {
        RegistryAvroSerializer<Event> serializer = new RegistryAvroSerializer<>(registry, AvroSerdeConfig.forValues());
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        int misplaced = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 3 * EACH_WAY; i++) {
                Event event = event(i, start);
                byte[] key = event.getEntity().getBytes(StandardCharsets.UTF_8);
                byte[] value = serializer.serialize(topics.events(), event);
                int own = partitions.of(event.getEntity());
                ProducerRecord<byte[], byte[]> record = switch (i % 3) {
                    case 0 -> new ProducerRecord<>(topics.events(), key, value);
                    case 1 -> new ProducerRecord<>(topics.events(), (own + 1) % PARTITIONS, key, value);
                    default -> new ProducerRecord<>(topics.events(), i % PARTITIONS, null, value);
                };
                int partition = producer.send(record).get().partition();
                if (partition != own) {
                    misplaced++;
                }
            }
        }
        assertThat(misplaced).as("events away from their entity's partition").isBetween(EACH_WAY, 2 * EACH_WAY - 1);
        return misplaced;
    }

    private static Event event(int i, Instant start) {
        Map<String, Object> features = new HashMap<>();
        features.put("amount", 5.0 + i);
        return Event.newBuilder().setId("rekey-" + i).setEntity(ENTITIES.get(i % ENTITIES.size()))
                .setEventTime(start.plusSeconds(10L * i)).setFeatures(features).setLabel(null).build();
    }

    private static long awaitCount(RollingStatsQueries queries, String entity, Instant start, long expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        long count = -1;
        while (count != expected && System.nanoTime() < deadline) {
            try {
                count = queries.mergedEntityStats(entity, "amount", Windows.TUMBLING, start.minus(Duration.ofHours(1)),
                        start.plus(Duration.ofHours(1))).map(stats -> stats.all().count()).orElse(0L);
            } catch (InvalidStateStoreException e) {
                count = -1;
            }
            if (count != expected) {
                Thread.sleep(200);
            }
        }
        return count;
    }

    /** The committed records of {@code topic}, read until at least {@code expected} came and a few polls were quiet. */
    private static List<ConsumerRecord<byte[], byte[]>> readAtLeast(DevCluster cluster, String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "rekeyed-reader-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            int quiet = 0;
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while ((records.size() < expected || quiet < 5) && System.nanoTime() < deadline) {
                int before = records.size();
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                quiet = records.size() == before ? quiet + 1 : 0;
            }
        }
        return records;
    }

    private static double ingestCounter(SpeedLayer layer, String outcome) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> entry : layer.streams().metrics().entrySet()) {
            MetricName name = entry.getKey();
            if (name.group().equals("stream-millrace-ingest-metrics") && name.name().equals("records-total")
                    && outcome.equals(name.tags().get("millrace-ingest-id"))) {
                total += ((Number) entry.getValue().metricValue()).doubleValue();
            }
        }
        return total;
    }
}

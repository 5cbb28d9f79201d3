package io.millrace.speed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.millrace.devcluster.DevCluster;
import io.millrace.devcluster.DevClusterExtension;
import io.millrace.schemas.Event;
import io.millrace.schemas.registry.SchemaRegistry;
import io.millrace.schemas.serde.AvroSerdeConfig;
import io.millrace.speed.config.RollingStatsConfig;
import io.millrace.speed.config.SpeedLayerConfig;
import io.millrace.speed.config.WindowSpec;
import io.millrace.speed.ingest.IngestTopology;
import io.millrace.speed.serde.RegistryAvroSerializer;
import io.millrace.speed.serde.RegistrySerdeConfig;
import io.millrace.speed.stats.RollingStatsQueries;
import io.millrace.speed.stats.RollingStatsQueries.Windows;
import io.millrace.speed.stats.RollingStatsTopology;
import io.millrace.speed.stats.StatsSummary;
import io.millrace.speed.stats.WindowedStats;
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
import java.util.Random;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest and rolling statistics in one real KafkaStreams instance (exactly-once, RocksDB) on the embedded
 * broker and registry: a few thousand events over two hours of event time, some of them far out of order,
 * go in; the statistics read back through interactive queries equal, window by window, the exact values
 * the test computes from what it produced, and the late ones are exactly those that arrived after their
 * window closed in their partition.
 */
@ExtendWith(DevClusterExtension.class)
class RollingStatsOnDevClusterTest {
    private static final int EVENTS = 3_000;
    private static final int PARTITIONS = 3;
    private static final String[] ENTITIES = {"acct-0", "acct-1", "acct-2", "acct-3", "acct-4", "acct-5", "acct-6"};
    private static final Duration SPAN = Duration.ofHours(2);
    private static final Duration DEADLINE = Duration.ofSeconds(40);

    @TempDir
    Path stateDir;

    /** One produced event and the partition it went to. */
    private record Sent(Event event, int partition) {
    }

    @Test
    void statisticsReadThroughInteractiveQueriesEqualTheExactValuesOfWhatWasProduced(DevCluster cluster) throws Exception {
        String run = "rolling-it-" + System.nanoTime();
        TopicNames topics = new TopicNames(run + ".");
        TopicSetup.ensureTopics(cluster.bootstrapServers(), topics, PARTITIONS, (short) 1);
        SpeedLayerConfig config = SpeedLayerConfig.defaults()
                .withApplicationId(run)
                .withBootstrapServers(cluster.bootstrapServers())
                .withSchemaRegistryUrl(cluster.registryUrl())
                .withTopics(topics)
                .withStateDir(stateDir)
                .withNumStreamThreads(2)
                .withRocksDbMemoryBytes(16L * 1024 * 1024)
                .withExtraProperty("application.server", "localhost:7070"); // what serving sets; key metadata needs it
        RollingStatsConfig rolling = config.rollingStats();
        SchemaRegistry registry = RegistrySerdeConfig.registry(config.registryConfigs());
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));

        List<Sent> sent = produce(cluster, topics, registry, start);
        Topology topology = IngestTopology.from(config).addTo(new Topology());
        RollingStatsTopology.from(config).addTo(topology);
        long started = System.nanoTime();
        try (KafkaStreams streams = new KafkaStreams(topology, config.toStreamsProperties())) {
            streams.setUncaughtExceptionHandler(new RetryOnRegistryOutage());
            streams.start();
            RollingStatsQueries queries = new RollingStatsQueries(streams, config);
            Instant from = start.minus(Duration.ofHours(1));
            Instant to = start.plus(SPAN);

            List<WindowedStats> tumbling = awaitAll(() -> queries.featureStats("amount", Windows.TUMBLING, from, to));
            System.out.printf("rolling statistics of %d events visible after %.1f s%n", EVENTS, (System.nanoTime() - started) / 1e9);

            List<Event> events = sent.stream().map(Sent::event).toList();
            Map<Instant, Long> lateTumbling = expectedLate(sent, rolling.tumbling());
            for (WindowedStats window : tumbling) {
                assertExact(window.all(), events, e -> inWindow(e, window), "global " + window.windowStart());
                assertThat(window.late().count()).as("late in " + window.windowStart())
                        .isEqualTo(lateTumbling.getOrDefault(window.windowStart(), 0L));
            }
            long lateTotal = lateTumbling.values().stream().mapToLong(Long::longValue).sum();
            assertThat(lateTotal).isPositive();
            assertThat(counter(streams, "tumbling", "late-records-total")).isEqualTo((double) lateTotal);

            for (WindowedStats window : queries.featureStats("amount", Windows.HOPPING, from, to)) {
                assertExact(window.all(), events, e -> inWindow(e, window), "global hopping " + window.windowStart());
            }
            for (String entity : ENTITIES) {
                Predicate<Event> ofEntity = e -> e.getEntity().equals(entity);
                for (WindowedStats window : queries.entityStats(entity, "amount", Windows.HOPPING, from, to)) {
                    assertExact(window.all(), events, e -> ofEntity.test(e) && inWindow(e, window), entity + " " + window.windowStart());
                }
                WindowedStats merged = queries.mergedEntityStats(entity, "amount", Windows.TUMBLING, from, to).orElseThrow();
                assertExact(merged.all(), events, ofEntity, entity + " merged");
                StatsSummary channels = queries.mergedEntityStats(entity, "channel", Windows.TUMBLING, from, to).orElseThrow().all();
                assertThat(channels.categories()).isEqualTo(categoryCounts(events, ofEntity));
                assertThat(channels.missing()).isEqualTo(events.stream().filter(ofEntity)
                        .filter(e -> e.getFeatures().get("channel") == null).count());
            }
            assertThat(queries.ownerOf("acct-3").activeHost().port()).isEqualTo(7070);
            assertThat(queries.ownerOf("acct-3").partition())
                    .isEqualTo(sent.stream().filter(s -> s.event().getEntity().equals("acct-3")).findFirst().orElseThrow().partition());
        }
    }

    /** Events over two hours in time order, one in 40 sent 30 minutes late; amounts in cents, channel sometimes missing. */
    private static List<Sent> produce(DevCluster cluster, TopicNames topics, SchemaRegistry registry, Instant start) throws Exception {
        Random random = new Random(17);
        RegistryAvroSerializer<Event> serializer = new RegistryAvroSerializer<>(registry, AvroSerdeConfig.forValues());
        List<Sent> sent = new ArrayList<>();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> acks = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < EVENTS; i++) {
                Instant time = start.plusMillis(i * SPAN.toMillis() / EVENTS);
                if (i % 40 == 39) {
                    time = time.minus(Duration.ofMinutes(30));
                }
                Map<String, Object> features = new HashMap<>();
                features.put("amount", Math.round(random.nextGaussian() * 4_000 + 10_000) / 100.0);
                features.put("channel", random.nextInt(8) == 0 ? null : (random.nextBoolean() ? "web" : "pos"));
                Event event = Event.newBuilder().setId("e-" + i).setEntity(ENTITIES[random.nextInt(ENTITIES.length)])
                        .setEventTime(time).setFeatures(features).setLabel(null).build();
                acks.add(producer.send(new ProducerRecord<>(topics.events(), event.getEntity().getBytes(StandardCharsets.UTF_8),
                        serializer.serialize(topics.events(), event))));
                sent.add(new Sent(event, -1));
            }
            producer.flush();
        }
        List<Sent> placed = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            placed.add(new Sent(sent.get(i).event(), acks.get(i).get().partition()));
        }
        return placed;
    }

    /**
     * Late events per tumbling window, by replaying each partition in order: an event is late when the largest
     * event time read before it (or it) in its partition has reached its window's end plus grace.
     */
    private static Map<Instant, Long> expectedLate(List<Sent> sent, WindowSpec windows) {
        long size = windows.size().toMillis();
        long grace = windows.grace().toMillis();
        long[] streamTime = new long[PARTITIONS];
        java.util.Arrays.fill(streamTime, Long.MIN_VALUE);
        Map<Instant, Long> late = new HashMap<>();
        for (Sent s : sent) {
            long t = s.event().getEventTime().toEpochMilli();
            streamTime[s.partition()] = Math.max(streamTime[s.partition()], t);
            long windowStart = Math.floorDiv(t, size) * size;
            if (streamTime[s.partition()] >= windowStart + size + grace) {
                late.merge(Instant.ofEpochMilli(windowStart), 1L, Long::sum);
            }
        }
        return late;
    }

    /** Polls until the tumbling windows hold every produced event (each lies in exactly one). */
    private static List<WindowedStats> awaitAll(java.util.function.Supplier<List<WindowedStats>> query) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        List<WindowedStats> windows = List.of();
        while (System.nanoTime() < deadline) {
            try {
                windows = query.get();
                if (windows.stream().mapToLong(w -> w.all().count()).sum() >= EVENTS) {
                    return windows;
                }
            } catch (InvalidStateStoreException e) {
                // rebalancing or restoring: ask again
            }
            Thread.sleep(200);
        }
        assertThat(windows.stream().mapToLong(w -> w.all().count()).sum()).as("events counted before the deadline").isEqualTo(EVENTS);
        return windows;
    }

    private static void assertExact(StatsSummary summary, List<Event> events, Predicate<Event> selected, String what) {
        double[] values = events.stream().filter(selected).mapToDouble(e -> (Double) e.getFeatures().get("amount")).toArray();
        int n = values.length;
        double mean = java.util.Arrays.stream(values).sum() / n;
        double variance = java.util.Arrays.stream(values).map(x -> (x - mean) * (x - mean)).sum() / (n - 1);
        assertThat(summary.count()).as(what + " count").isEqualTo(n);
        assertThat(summary.mean()).as(what + " mean").isCloseTo(mean, within(1e-9 * Math.abs(mean)));
        if (n > 1) {
            assertThat(summary.variance()).as(what + " variance").isCloseTo(variance, within(1e-9 * variance));
        }
        assertThat(summary.min()).as(what + " min").isEqualTo(java.util.Arrays.stream(values).min().orElseThrow());
        assertThat(summary.max()).as(what + " max").isEqualTo(java.util.Arrays.stream(values).max().orElseThrow());
    }

    private static boolean inWindow(Event e, WindowedStats window) {
        return !e.getEventTime().isBefore(window.windowStart()) && e.getEventTime().isBefore(window.windowEnd());
    }

    private static Map<String, Long> categoryCounts(List<Event> events, Predicate<Event> selected) {
        Map<String, Long> counts = new HashMap<>();
        events.stream().filter(selected).map(e -> e.getFeatures().get("channel")).filter(c -> c != null)
                .forEach(c -> counts.merge(c.toString(), 1L, Long::sum));
        return counts;
    }

    private static double counter(KafkaStreams streams, String family, String metric) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> entry : streams.metrics().entrySet()) {
            MetricName name = entry.getKey();
            if (name.group().equals("stream-millrace-rolling-stats-metrics") && name.name().equals(metric)
                    && family.equals(name.tags().get("millrace-rolling-stats-id"))) {
                total += (Double) entry.getValue().metricValue();
            }
        }
        return total;
    }
}

package io.millrace.speed.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.cli.FirstVersion;
import io.millrace.cli.demo.OutputTopics;
import io.millrace.cli.produce.ProduceRun;
import io.millrace.devcluster.DevCluster;
import io.millrace.devcluster.DevClusterExtension;
import io.millrace.speed.SpeedLayer;
import io.millrace.speed.TopicNames;
import io.millrace.speed.TopicSetup;
import io.millrace.speed.config.ModelDefinition;
import io.millrace.speed.config.ModelSettings;
import io.millrace.speed.config.SpeedLayerConfig;
import io.millrace.speed.presets.PaymentsModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trainer killed mid-stream (SIGKILL to the JVM of its instance: no {@code close()}, no last snapshot, its open
 * transaction aborted) and restarted on the same state directory: the restored trainer replays from
 * {@code training-examples} what it learned after its snapshot and committed, and ends having learned every example
 * once, as the versions it publishes say. The killed instance never checkpoints (none by count, one an hour by
 * wall clock), so its only snapshot is the one taken when its trainer adopted version 1, and every example committed
 * before the kill is replayed; the restarted one checkpoints every 2 s, which publishes what it learned.
 */
@ExtendWith(DevClusterExtension.class)
class TrainerCrashTest {
    private static final String MODEL = "fraud";
    private static final int PAYMENTS = 6_000;
    private static final Duration DEADLINE = Duration.ofSeconds(180);
    /** How often the restarted instance publishes what its trainer learned. */
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(2);
    /** How often the instance killed publishes and snapshots: never within the test. */
    static final Duration CHILD_CHECKPOINT_INTERVAL = Duration.ofHours(1);

    @TempDir
    Path stateDir;

    @TempDir
    Path logs;

    /** The instance both JVMs run: the payments model, checkpointed every {@code checkpointInterval} only. */
    static SpeedLayerConfig config(String bootstrapServers, String registryUrl, Path stateDir, String prefix, String applicationId,
                                   Duration checkpointInterval) {
        ModelSettings models = ModelSettings.defaults().withModel(model()).withCheckpoints(1_000_000, checkpointInterval);
        return SpeedLayerConfig.defaults()
                .withBootstrapServers(bootstrapServers)
                .withSchemaRegistryUrl(registryUrl)
                .withApplicationId(applicationId)
                .withTopicPrefix(prefix)
                .withStateDir(stateDir)
                .withModels(models)
                .withExtraProperty("session.timeout.ms", "6000");   // the killed member leaves the group in 6 s, not 45
    }

    private static ModelDefinition model() {
        return PaymentsModel.definition(MODEL, "hoeffding-tree");
    }

    @Test
    void aTrainerKilledMidStreamLearnsEveryExampleOnceAfterItsRestart(DevCluster cluster) throws Exception {
        String prefix = "crash.";
        String applicationId = "millrace-crash-test";
        SpeedLayerConfig config = config(cluster.bootstrapServers(), cluster.registryUrl(), stateDir, prefix, applicationId,
                CHECKPOINT_INTERVAL);
        TopicNames topics = config.topics();
        TopicSetup.ensureTopics(cluster.bootstrapServers(), topics, 3, (short) 1);
        FirstVersion.publish(cluster.bootstrapServers(), cluster.registryUrl(), topics, model());

        Process child = startChild(cluster, prefix, applicationId);
        try {
            awaitLine(logs.resolve("child.log"), SpeedLayerChild.RUNNING, child);
            CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> produce(cluster, topics));
            long committed = awaitCommittedExamples(cluster, applicationId, topics, 300, child);
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            producing.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertThat(committed).as("examples committed before the kill").isPositive();
        } finally {
            child.destroyForcibly();
        }

        try (SpeedLayer layer = SpeedLayer.start(config); OutputTopics out = new OutputTopics(cluster.bootstrapServers(),
                cluster.registryUrl(), topics)) {
            layer.awaitRunning(DEADLINE);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (seen(out) < PAYMENTS && System.nanoTime() < deadline) {
                out.poll(Duration.ofMillis(200));
            }
            Thread.sleep(CHECKPOINT_INTERVAL.toMillis() * 2);   // a version that learned anything twice would come now
            out.drain(Duration.ofMillis(500));

            assertThat(seen(out)).as("examples the newest version learned from").isEqualTo(PAYMENTS);
            assertThat(count(layer, ModelCounter.EXAMPLE_REPLAYED)).as("examples replayed after the kill").isPositive();
            assertThat(count(layer, ModelCounter.EXAMPLE_LEARNED) + count(layer, ModelCounter.EXAMPLE_REPLAYED))
                    .as("learned live after the restart plus replayed").isEqualTo(PAYMENTS);
        }
    }

    /** The most examples a committed version of the model learned from. */
    private static long seen(OutputTopics out) {
        return out.modelVersions().stream().filter(read -> read.value().getModelName().equals(MODEL))
                .mapToLong(read -> read.value().getProvenance().getExamplesSeen()).max().orElse(0);
    }

    private Process startChild(DevCluster cluster, String prefix, String applicationId) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-Xmx768m", "-cp", classPath, SpeedLayerChild.class.getName(),
                cluster.bootstrapServers(), cluster.registryUrl(), stateDir.toString(), prefix, applicationId)
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve("child.log").toFile())
                .start();
    }

    private static void produce(DevCluster cluster, TopicNames topics) {
        try {
            new ProduceRun(cluster.bootstrapServers(), cluster.registryUrl(), topics).fromGenerator("payments",
                    Map.of("labelDelayMinMs", "0", "labelDelayMeanMs", "2000"), PAYMENTS, 7, null, 1_500, 0.0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitLine(Path log, String line, Process child) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return;
            }
            if (!child.isAlive()) {
                throw new AssertionError("the child JVM exited: " + Files.readString(log));
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the child JVM did not start in " + DEADLINE + ": " + Files.readString(log));
    }

    /** Waits until the application committed at least {@code atLeast} records of {@code training-examples}. */
    private static long awaitCommittedExamples(DevCluster cluster, String applicationId, TopicNames topics, long atLeast,
                                               Process child) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            while (System.nanoTime() < deadline && child.isAlive()) {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(
                        Map.of(applicationId, new ListConsumerGroupOffsetsSpec())).partitionsToOffsetAndMetadata(applicationId).get();
                long committed = offsets.entrySet().stream()
                        .filter(entry -> entry.getKey().topic().equals(topics.trainingExamples()) && entry.getValue() != null)
                        .mapToLong(entry -> entry.getValue().offset()).sum();
                if (committed >= atLeast) {
                    return committed;
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the child committed fewer than " + atLeast + " training examples in " + DEADLINE);
    }

    private static double count(SpeedLayer layer, ModelCounter counter) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> entry : layer.streams().metrics().entrySet()) {
            MetricName name = entry.getKey();
            if (name.group().equals(ModelMetrics.GROUP) && name.name().equals("records-total")
                    && counter.name().equals(name.tags().get(ModelMetrics.OUTCOME_TAG))) {
                total += ((Number) entry.getValue().metricValue()).doubleValue();
            }
        }
        return total;
    }
}

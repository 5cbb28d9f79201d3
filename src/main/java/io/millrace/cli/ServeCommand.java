package io.millrace.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.millrace.speed.SpeedLayer;
import io.millrace.speed.TopicNames;
import io.millrace.speed.TopicSetup;
import io.millrace.speed.config.SpeedLayerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code millrace serve}: one speed-layer instance until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {
        "Runs one Millrace speed-layer instance (Kafka Streams, RocksDB state) until Ctrl-C.",
        "It validates events (bad ones go to the dead-letters topic with their reason). Several",
        "instances with the same --application-id share the partitions; state moves with them.",
        "Prints one line when it is processing:",
        "  READY application=ID partitions=N state-dir=DIR"})
final class ServeCommand implements Callable<Integer> {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    @Mixin
    ClusterAddress cluster;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Where RocksDB state lives (default: ${DEFAULT-VALUE}).")
    Path stateDir = SpeedLayerConfig.DEFAULT_STATE_DIR;

    @Option(names = "--application-id", defaultValue = SpeedLayerConfig.DEFAULT_APPLICATION_ID,
        description = "Instances with the same id share the work (default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--topic-prefix", defaultValue = TopicNames.DEFAULT_PREFIX, description = "Prefix of topic names (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--threads", defaultValue = "1", description = "Stream threads in this instance (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--standby-replicas", defaultValue = "0", description = "Warm copies of each state store on other instances (default: ${DEFAULT-VALUE}).")
    int standbyReplicas;

    @Option(names = "--partitions", defaultValue = "3", description = "Partitions of topics created when missing (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        SpeedLayerConfig config = SpeedLayerConfig.defaults()
            .withBootstrapServers(cluster.bootstrapServers)
            .withSchemaRegistryUrl(cluster.schemaRegistryUrl)
            .withApplicationId(applicationId)
            .withTopicPrefix(topicPrefix)
            .withStateDir(stateDir)
            .withNumStreamThreads(threads)
            .withNumStandbyReplicas(standbyReplicas);
        TopicSetup.ensureTopics(config.bootstrapServers(), config.topics(), partitions, TopicSetup.BROKER_DEFAULT_REPLICATION);
        SpeedLayer layer = SpeedLayer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            layer.close();
            stopped.countDown();
        }, "millrace-serve-stop"));
        layer.awaitRunning(START_TIMEOUT);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("READY application=%s partitions=%d state-dir=%s%n", applicationId, layer.assignedPartitions().size(), stateDir);
        out.flush();
        stopped.await();
        return 0;
    }
}

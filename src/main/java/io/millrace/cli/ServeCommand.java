package io.millrace.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.concurrent.CountDownLatch;

import io.millrace.learning.drift.Detectors;
import io.millrace.speed.SpeedLayer;
import io.millrace.speed.TopicNames;
import io.millrace.speed.TopicSetup;
import io.millrace.speed.config.ModelDefinition;
import io.millrace.speed.config.ModelSettings;
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
        "It validates events (bad ones go to the dead-letters topic with their reason). With",
        "--model it also scores every valid event with each model (predictions topic), joins the",
        "delayed labels, learns online (test, then train), checkpoints each model to the models",
        "topic every --checkpoint-every examples, and watches its error stream for drift",
        "(drift-alerts topic). A model the registry has no version of is published untrained as",
        "version 1 before the instance starts, so every event is scored.",
        "Several instances with the same --application-id share the partitions; state moves",
        "with them. Prints one line when it is processing:",
        "  READY application=ID partitions=N state-dir=DIR models=NAME:LEARNER,..."},
    footer = {"", "Example:", "  ./millrace serve --model fraud=hoeffding-tree --model fraud-lr=logistic-regression:payments"})
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

    @Option(names = "--model", paramLabel = ModelOption.FORMAT,
        description = {"A model to score with and train, repeatable: LEARNER is hoeffding-tree, hoeffding-adaptive-tree,",
            "logistic-regression, naive-bayes or mlp (default parameters); PRESET names its features",
            "and target (payments, the default: amount, hour, distance_km standardised; merchant_category,",
            "country one-hot with an 'other' position; target fraud 0/1). Default: no model, ingest only."})
    List<String> models = new ArrayList<>();

    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "" + ModelSettings.DEFAULT_CHECKPOINT_EVERY,
        description = "Publish each model as a new version after N examples (or 60 s with new ones) (default: ${DEFAULT-VALUE}).")
    long checkpointEvery;

    @Option(names = "--drift-detector", paramLabel = "KIND", defaultValue = ModelSettings.DEFAULT_DRIFT_DETECTOR,
        description = {"Detector over each model's error stream, with its default parameters: adwin,",
            "page-hinkley or ddm (also eddm, kswin) (default: ${DEFAULT-VALUE})."})
    String driftDetector;

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
            .withNumStandbyReplicas(standbyReplicas)
            .withModels(modelSettings());
        TopicSetup.ensureTopics(config.bootstrapServers(), config.topics(), partitions, TopicSetup.BROKER_DEFAULT_REPLICATION);
        for (ModelDefinition model : config.models().models()) {
            FirstVersion.publishIfMissing(config.bootstrapServers(), config.schemaRegistryUrl(), config.topics(), model);
        }
        SpeedLayer layer = SpeedLayer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            layer.close();
            stopped.countDown();
        }, "millrace-serve-stop"));
        layer.awaitRunning(START_TIMEOUT);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("READY application=%s partitions=%d state-dir=%s models=%s%n", applicationId,
            layer.assignedPartitions().size(), stateDir, describe(config.models()));
        out.flush();
        stopped.await();
        return 0;
    }

    /** The models of the --model options, checkpointed and watched as the other options say. */
    ModelSettings modelSettings() {
        if (!Detectors.NAMES.contains(driftDetector.trim().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("--drift-detector is one of " + String.join(", ", Detectors.NAMES) + ", got '" + driftDetector + "'");
        }
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("--checkpoint-every must be at least 1, got " + checkpointEvery);
        }
        ModelSettings settings = ModelSettings.defaults()
            .withCheckpoints(checkpointEvery, ModelSettings.DEFAULT_CHECKPOINT_INTERVAL)
            .withDriftDetector(driftDetector.trim().toLowerCase(Locale.ROOT), Map.of());
        for (String model : models) {
            settings = settings.withModel(ModelOption.parse(model));
        }
        return settings;
    }

    private static String describe(ModelSettings settings) {
        if (settings.models().isEmpty()) {
            return "none";
        }
        return settings.models().stream().map(model -> model.name() + ":" + model.learnerKind()).collect(Collectors.joining(","));
    }
}

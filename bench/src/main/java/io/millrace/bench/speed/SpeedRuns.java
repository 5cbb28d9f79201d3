package io.millrace.bench.speed;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.millrace.devcluster.DevCluster;
import io.millrace.devcluster.DevClusterConfig;
import io.millrace.speed.TopicNames;
import io.millrace.speed.config.SpeedLayerConfig;

/**
 * The speed-layer benchmark from start to report: a cluster (the embedded dev cluster, or the one given), the
 * speed layer's topics under a fresh prefix, an untimed warm-up of each topology over a smaller input, the payments
 * produced once, then each topology run over all of them, round after round, the order rotating so that none always
 * runs first or last, and the report.
 */
public final class SpeedRuns {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final SpeedBenchOptions options;
    private final String prefix;
    private final PrintStream log;

    /**
     * @param prefix the topic prefix of this benchmark's topics and application ids
     * @param log    where progress lines go
     */
    public SpeedRuns(SpeedBenchOptions options, String prefix, PrintStream log) {
        this.options = options;
        this.prefix = prefix;
        this.log = log;
    }

    public SpeedReport run() throws InterruptedException {
        long started = System.nanoTime();
        LoadAverage loadAtStart = LoadAverage.now();
        log.println("load average at start: " + loadAtStart);
        try (Cluster cluster = Cluster.open(options, log);
             BenchTopics topics = new BenchTopics(cluster.bootstrapServers(), new TopicNames(prefix), options.partitions());
             ConsumptionWatch watch = new ConsumptionWatch(cluster.bootstrapServers())) {
            try {
                WarmUp warmUp = options.warmupEvents() > 0 ? warmUp(cluster, watch) : new WarmUp(0, 0);
                topics.createAll();
                log.printf(Locale.ROOT, "producing %,d payments and their labels to %s...%n", options.events(),
                    topics.names().events());
                BenchInput input = BenchInput.produce(cluster.bootstrapServers(), cluster.registryUrl(), topics.names(),
                    options.events(), options.seed(), options.paymentsParams(), watch);
                SpeedLayerConfig base = baseConfig(cluster, topics.names(), options);
                List<RunResult> runs = runAll(new TopologyRun(base, input, topics, watch, options.runTimeout(), log, "run",
                    options.learner()));
                List<SpeedReport.Summary> summaries = SpeedReport.summarise(runs, options.rounds(), options.learner());
                LoadAverage loadAtEnd = LoadAverage.now();
                log.println("load average at end: " + loadAtEnd);
                return new SpeedReport(input.events(), input.labels(), options.warmupEvents(), warmUp.passes(),
                    warmUp.jitShare(), options.partitions(),
                    options.rounds(), options.learner(), cluster.description(), base.processingGuarantee().streamsValue(),
                    base.commitInterval().toMillis(), base.numStreamThreads(), options.streamsProperties(),
                    options.paymentsParams(),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(), input.produceSeconds(), loadAtStart, loadAtEnd, summaries,
                    runs, SpeedReport.target(summaries, options.learner()), (System.nanoTime() - started) / 1e9);
            } finally {
                if (!cluster.embedded()) {
                    topics.deleteEverything();
                }
            }
        }
    }

    /** How the warm-up went: passes of every topology over its input, and the JIT compilers' share of the last one's CPU. */
    private record WarmUp(int passes, double jitShare) {
    }

    /**
     * Every topology over a separate, smaller input under its own prefix, untimed, pass after pass until the JIT
     * compilers took at most {@link SpeedBenchOptions#QUIET_JIT_SHARE} of the process's CPU in one (or
     * {@code --max-warmup-passes} were made): the JIT, the broker and the registry caches are warm before the first
     * timed run, whichever topology it is. Its topics go afterwards.
     */
    private WarmUp warmUp(Cluster cluster, ConsumptionWatch watch) throws InterruptedException {
        try (BenchTopics topics = new BenchTopics(cluster.bootstrapServers(), new TopicNames(prefix + "warmup."),
                options.partitions())) {
            topics.createAll();
            log.printf(Locale.ROOT, "warm-up: producing %,d payments and their labels to %s...%n", options.warmupEvents(),
                topics.names().events());
            BenchInput input = BenchInput.produce(cluster.bootstrapServers(), cluster.registryUrl(), topics.names(),
                options.warmupEvents(), options.seed() + 1, options.paymentsParams(), watch);
            TopologyRun runner = new TopologyRun(baseConfig(cluster, topics.names(), options), input, topics, watch,
                options.runTimeout(), log, "warm-up", options.learner());
            int order = 0;
            for (int pass = 1; ; pass++) {
                double jit = 0;
                double process = 0;
                for (Contender contender : contenders()) {
                    CpuUse cpu = runner.run(contender, pass, ++order).cpu();
                    jit += cpu.jit();
                    process += cpu.process();
                }
                double share = process > 0 ? jit / process : 0;
                log.printf(Locale.ROOT, "warm-up pass %d: the JIT compilers took %.0f%% of the process's CPU%n", pass, 100 * share);
                if (share <= SpeedBenchOptions.QUIET_JIT_SHARE || pass >= options.maxWarmupPasses()) {
                    topics.deleteEverything();
                    return new WarmUp(pass, share);
                }
            }
        }
    }

    /**
     * What every run shares: the cluster, the registry, the topics and any {@code --streams-property}; the rest are the
     * speed layer's defaults.
     */
    private static SpeedLayerConfig baseConfig(Cluster cluster, TopicNames names, SpeedBenchOptions options) {
        SpeedLayerConfig config = SpeedLayerConfig.defaults()
            .withBootstrapServers(cluster.bootstrapServers())
            .withSchemaRegistryUrl(cluster.registryUrl())
            .withTopics(names);
        for (Map.Entry<String, String> property : options.streamsProperties().entrySet()) {
            config = config.withExtraProperty(property.getKey(), property.getValue());
        }
        return config;
    }

    /** The topologies that run, in their order of the first round. */
    private List<Contender> contenders() {
        return Arrays.stream(Contender.values())
            .filter(contender -> !(options.skipNoModel() && contender == Contender.INGEST_ONLY))
            .filter(contender -> !(options.skipTopicShape() && contender == Contender.TOPIC_SHAPE))
            .toList();
    }

    private List<RunResult> runAll(TopologyRun runner) throws InterruptedException {
        List<RunResult> runs = new ArrayList<>();
        List<Contender> contenders = contenders();
        for (int round = 1; round <= options.rounds(); round++) {
            for (int i = 0; i < contenders.size(); i++) {
                Contender contender = contenders.get((i + round - 1) % contenders.size());
                runs.add(runner.run(contender, round, runs.size() + 1));
            }
        }
        return runs;
    }

    /** Writes {@code report} as JSON, creating the file's directory. */
    public static void writeJson(SpeedReport report, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, JSON.writeValueAsString(report) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The cluster the benchmark runs on: the embedded dev cluster it starts and stops, or one it was given. */
    private record Cluster(String bootstrapServers, String registryUrl, DevCluster devCluster) implements AutoCloseable {

        static Cluster open(SpeedBenchOptions options, PrintStream log) {
            if (!options.embeddedCluster()) {
                return new Cluster(options.bootstrapServers(), options.schemaRegistryUrl(), null);
            }
            log.println("starting the embedded dev cluster...");
            DevCluster cluster = DevCluster.start(DevClusterConfig.defaults().withPartitions(options.partitions()));
            log.println("dev cluster " + cluster.readyLine());
            return new Cluster(cluster.bootstrapServers(), cluster.registryUrl(), cluster);
        }

        boolean embedded() {
            return devCluster != null;
        }

        String description() {
            return embedded() ? "embedded dev cluster (one KRaft broker in this JVM)" : "cluster " + bootstrapServers;
        }

        @Override
        public void close() {
            if (devCluster != null) {
                devCluster.close();
            }
        }
    }
}

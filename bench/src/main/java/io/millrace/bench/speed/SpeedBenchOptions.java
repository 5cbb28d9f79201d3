package io.millrace.bench.speed;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.millrace.bench.BenchOptions;
import io.millrace.learning.Learners;

/**
 * The command line of {@code ./millrace bench speed-layer}, parsed and checked.
 *
 * @param events            payments produced once and read by every run (each with its label)
 * @param warmupEvents      payments of a separate, smaller input that each topology runs over, untimed, before the
 *                          timed rounds (JIT, broker and registry caches warm); 0 for no warm-up
 * @param maxWarmupPasses   the most passes of every topology over the warm-up input: passes go on until the JIT
 *                          compilers took at most {@link #QUIET_JIT_SHARE} of the process's CPU during one
 * @param rounds            how many times each topology runs; the order rotates each round and the median is reported
 * @param partitions        partitions of the input and output topics, the same for every topology
 * @param seed              seed of the payments stream
 * @param learner           the learner of the whole speed layer's one model ({@code Learners.NAMES}; a classifier)
 * @param json              where the JSON report goes
 * @param bootstrapServers  a Kafka cluster to use, or null to start the embedded dev cluster
 * @param schemaRegistryUrl its schema registry (given together with {@code bootstrapServers})
 * @param runTimeout        how long one run may take before the benchmark stops with an error
 * @param skipNoModel       whether the speed layer without a model is left out (the pass-through and the whole layer run)
 * @param skipTopicShape    whether the topic shape ({@link TopicShape}) is left out
 * @param streamsProperties Kafka Streams properties every topology runs with, over the speed layer's defaults
 * @param paymentsParams    parameters of the payments generator over its defaults ({@code meanGapMs}, {@code accounts},
 *                          ...), for the input and the warm-up
 * @param help              whether only the usage was asked for
 */
public record SpeedBenchOptions(long events, long warmupEvents, int maxWarmupPasses, int rounds, int partitions, long seed, String learner, Path json,
                                String bootstrapServers, String schemaRegistryUrl, Duration runTimeout, boolean skipNoModel,
                                boolean skipTopicShape, Map<String, String> streamsProperties, Map<String, String> paymentsParams, boolean help) {

    public static final long DEFAULT_EVENTS = 200_000L;
    public static final int DEFAULT_ROUNDS = 3;
    public static final int DEFAULT_PARTITIONS = 3;
    public static final long DEFAULT_SEED = 1L;
    public static final String DEFAULT_LEARNER = "hoeffding-tree";
    public static final Duration DEFAULT_RUN_TIMEOUT = Duration.ofMinutes(10);
    /** The default report, under the checkout that {@code ./millrace} runs from (it sets {@code millrace.root}). */
    public static final Path DEFAULT_JSON = Path.of(System.getProperty("millrace.root", ""))
        .resolve(Path.of("bench", "target", "speed-layer-benchmark.json"));
    public static final long MIN_EVENTS = 100L;
    public static final long MAX_EVENTS = 100_000_000L;
    /**
     * The warm-up input is half the input, at most this many payments: after 20,000 the JIT compilers still took as much
     * CPU as the stream thread during a 50,000-payment run of the whole layer; after 60,000, a third of it.
     */
    public static final long MAX_DEFAULT_WARMUP = 60_000L;
    /**
     * Warm-up passes go on until the JIT compilers take at most this share of the process's CPU in one (or
     * {@link #DEFAULT_MAX_WARMUP_PASSES} passes were made). After one pass of 40,000 payments they still took a third of
     * it in the timed run of the whole layer, competing with the stream thread and the broker for the two cores; after
     * 200,000, a sixth, and the whole layer ran half as fast again: what a run measures before that is the JIT. Over
     * passes of 60,000 the share fell from two fifths to a sixth by the third pass and stayed there.
     */
    public static final double QUIET_JIT_SHARE = 0.20;
    public static final int DEFAULT_MAX_WARMUP_PASSES = 4;

    public SpeedBenchOptions {
        if (events < MIN_EVENTS || events > MAX_EVENTS) {
            throw new IllegalArgumentException("--events must be between " + MIN_EVENTS + " and " + MAX_EVENTS + ", got " + events);
        }
        if (warmupEvents != 0 && (warmupEvents < MIN_EVENTS || warmupEvents > MAX_EVENTS)) {
            throw new IllegalArgumentException("--warmup-events must be 0 (no warm-up) or between " + MIN_EVENTS + " and "
                + MAX_EVENTS + ", got " + warmupEvents);
        }
        if (maxWarmupPasses < 1 || maxWarmupPasses > 20) {
            throw new IllegalArgumentException("--max-warmup-passes must be between 1 and 20, got " + maxWarmupPasses);
        }
        if (rounds < 1 || rounds > 20) {
            throw new IllegalArgumentException("--rounds must be between 1 and 20, got " + rounds);
        }
        if (partitions < 1 || partitions > 64) {
            throw new IllegalArgumentException("--partitions must be between 1 and 64, got " + partitions);
        }
        if (!Learners.namesFor(Learners.Task.CLASSIFICATION).contains(learner)) {
            throw new IllegalArgumentException("--learner must be a classifier among "
                + String.join(", ", Learners.namesFor(Learners.Task.CLASSIFICATION)) + ", got '" + learner + "'");
        }
        if (runTimeout.isNegative() || runTimeout.isZero()) {
            throw new IllegalArgumentException("--run-timeout must be positive, got " + runTimeout.toSeconds() + " s");
        }
        streamsProperties = Map.copyOf(streamsProperties);
        paymentsParams = Map.copyOf(paymentsParams);
        if (!help && (bootstrapServers == null) != (schemaRegistryUrl == null)) {
            throw new IllegalArgumentException("--bootstrap-servers and --schema-registry-url go together "
                + "(leave both out to start the embedded dev cluster)");
        }
    }

    public static SpeedBenchOptions defaults() {
        return new SpeedBenchOptions(DEFAULT_EVENTS, defaultWarmup(DEFAULT_EVENTS), DEFAULT_MAX_WARMUP_PASSES, DEFAULT_ROUNDS,
            DEFAULT_PARTITIONS, DEFAULT_SEED, DEFAULT_LEARNER, DEFAULT_JSON, null, null, DEFAULT_RUN_TIMEOUT, false, false, Map.of(), Map.of(),
            false);
    }

    /** Half the input, between {@value #MIN_EVENTS} and {@value #MAX_DEFAULT_WARMUP} payments. */
    public static long defaultWarmup(long events) {
        return Math.max(MIN_EVENTS, Math.min(MAX_DEFAULT_WARMUP, events / 2));
    }

    /** Whether the benchmark starts its own embedded dev cluster. */
    public boolean embeddedCluster() {
        return bootstrapServers == null;
    }

    /**
     * Parses the arguments that follow {@code ./millrace bench speed-layer}.
     *
     * @throws IllegalArgumentException naming the bad argument
     */
    public static SpeedBenchOptions parse(String[] args) {
        long events = DEFAULT_EVENTS;
        Long warmup = null;
        long maxWarmupPasses = DEFAULT_MAX_WARMUP_PASSES;
        long rounds = DEFAULT_ROUNDS;
        long partitions = DEFAULT_PARTITIONS;
        long seed = DEFAULT_SEED;
        String learner = DEFAULT_LEARNER;
        long timeoutSeconds = DEFAULT_RUN_TIMEOUT.toSeconds();
        Path json = DEFAULT_JSON;
        String bootstrap = null;
        String registry = null;
        boolean skipNoModel = false;
        boolean skipTopicShape = false;
        Map<String, String> streamsProperties = new LinkedHashMap<>();
        Map<String, String> paymentsParams = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (name.equals("--help") || name.equals("-h")) {
                SpeedBenchOptions defaults = defaults();
                return new SpeedBenchOptions(defaults.events, defaults.warmupEvents, defaults.maxWarmupPasses, defaults.rounds,
                    defaults.partitions, defaults.seed, defaults.learner, defaults.json, null, null, defaults.runTimeout, false, false, Map.of(), Map.of(),
                    true);
            }
            if (!name.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            if (name.equals("--skip-no-model") && !arg.contains("=")) {
                skipNoModel = true;
                continue;
            }
            if (name.equals("--skip-topic-shape") && !arg.contains("=")) {
                skipTopicShape = true;
                continue;
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
            switch (name) {
                case "--events" -> events = BenchOptions.number(name, value);
                case "--warmup-events" -> warmup = BenchOptions.number(name, value);
                case "--max-warmup-passes" -> maxWarmupPasses = BenchOptions.number(name, value);
                case "--rounds" -> rounds = BenchOptions.number(name, value);
                case "--partitions" -> partitions = BenchOptions.number(name, value);
                case "--seed" -> seed = BenchOptions.number(name, value);
                case "--run-timeout" -> timeoutSeconds = BenchOptions.number(name, value);
                case "--learner" -> learner = value.trim().toLowerCase(Locale.ROOT);
                case "--json" -> json = Path.of(value);
                case "--bootstrap-servers" -> bootstrap = text(name, value);
                case "--schema-registry-url" -> registry = text(name, value);
                case "--streams-property" -> keyValue(name, value, streamsProperties);
                case "--payments-param" -> keyValue(name, value, paymentsParams);
                default -> throw new IllegalArgumentException("unknown option '" + name + "'");
            }
        }
        return new SpeedBenchOptions(events, warmup != null ? warmup : defaultWarmup(events), clamp(maxWarmupPasses), clamp(rounds),
            clamp(partitions), seed, learner, json, bootstrap, registry, Duration.ofSeconds(Math.max(0, timeoutSeconds)),
            skipNoModel, skipTopicShape, streamsProperties, paymentsParams, false);
    }

    /** The usage text of {@code ./millrace bench speed-layer}. */
    public static String usage() {
        return String.join("\n",
            "Usage: ./millrace bench speed-layer [--events N] [--warmup-events W] [--max-warmup-passes P] [--rounds R]",
            "           [--partitions P] [--seed S] [--learner KIND] [--json FILE] [--bootstrap-servers B --schema-registry-url R] [--run-timeout SECONDS]",
            "           [--skip-no-model] [--skip-topic-shape] [--streams-property K=V]... [--payments-param K=V]...",
            "",
            "Events per second one instance sustains through four Kafka Streams topologies, one after the other on",
            "the same broker, each reading the same pre-produced payments from the beginning with exactly_once_v2,",
            "one stream thread and the same commit interval: a plain pass-through (bytes in, bytes out); the topic",
            "shape, the whole layer's reads and writes with none of its work (events and labels in, each event copied",
            "to 4 topics, 2 of them read back: the most this shape of topics allows); the speed layer's ingest alone;",
            "and the whole speed layer with one model, a Hoeffding tree by default (score, join the delayed labels,",
            "learn, watch for drift). Prints a table with each one's rate and its ratio to the pass-through's, and",
            "writes it as JSON.",
            "",
            "  --events N               payments produced once, Avro through the registry, each with its label (default 200000)",
            "  --warmup-events W        payments of a separate input each topology runs over, untimed, first",
            "                           (default half of N, at most 60000; 0: no warm-up)",
            "  --max-warmup-passes P    passes over the warm-up input at most: they go on until the JIT compilers took at most",
            "                           20% of the CPU in one (default 4; 1: one pass)",
            "  --rounds R               runs of each topology, the order rotating each round; the median is reported (default 3)",
            "  --partitions P           partitions of every topic (default 3)",
            "  --seed S                 seed of the payments stream (default 1)",
            "  --learner KIND           learner of the whole layer's one model (default hoeffding-tree; "
                + String.join(", ", Learners.namesFor(Learners.Task.CLASSIFICATION)) + ")",
            "  --json FILE              JSON report (default bench/target/speed-layer-benchmark.json)",
            "  --bootstrap-servers B    use this Kafka cluster instead of starting the embedded dev cluster",
            "  --schema-registry-url R  its schema registry (Confluent API); needed with --bootstrap-servers",
            "  --run-timeout SECONDS    stop with an error when one run takes longer (default 600)",
            "  --skip-no-model          leave out the speed layer without a model",
            "  --skip-topic-shape       leave out the topic shape",
            "  --streams-property K=V   a Kafka Streams property for every topology, over the speed layer's defaults",
            "                           (repeatable; e.g. max.task.idle.ms=-1 or commit.interval.ms=200)",
            "  --payments-param K=V     a parameter of the payments generator (repeatable): meanGapMs (default 1000: event time",
            "                           moves 1 s a payment, so 200000 payments span 55 hours and close a window every 300;",
            "                           0.1 moves it as a stream of 10000 payments a second does), accounts (default 1000), ...",
            "  --help                   this text",
            "");
    }

    /** An int for the range checks: out-of-range longs stay out of range. */
    private static int clamp(long value) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(value, Integer.MAX_VALUE));
    }

    private static void keyValue(String option, String value, Map<String, String> properties) {
        int equals = value.indexOf('=');
        if (equals <= 0 || value.substring(0, equals).isBlank()) {
            throw new IllegalArgumentException(option + " takes KEY=VALUE, got '" + value + "'");
        }
        properties.put(value.substring(0, equals).trim(), value.substring(equals + 1).trim());
    }

    private static String text(String option, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(option + " must not be blank");
        }
        return value.trim();
    }
}

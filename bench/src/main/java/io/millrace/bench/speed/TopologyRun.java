package io.millrace.bench.speed;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

import org.apache.kafka.common.TopicPartition;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

import io.millrace.cli.FirstVersion;
import io.millrace.speed.TopicNames;
import io.millrace.speed.config.ModelSettings;
import io.millrace.speed.config.SpeedLayerConfig;
import io.millrace.speed.presets.PaymentsModel;

/**
 * Runs one topology once over the whole input: fresh output topics, a fresh application id and state directory,
 * start, wait until RUNNING, wait until every source is consumed, read the counters, close, clean up. The clock
 * runs from RUNNING to the last commit; the startup is measured apart.
 */
final class TopologyRun {

    /** The model the whole-topology run trains, over the speed layer's payments preset. */
    static final String MODEL_NAME = "payments-fraud";


    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    /**
     * A pause after creating topics, before the run starts: a transactional producer's first batches to a topic
     * created a moment ago can meet a leader still settling (seen as OUT_OF_ORDER_SEQUENCE_NUMBER retries here).
     */
    private static final long SETTLE_MILLIS = 1000;
    private static final long PROGRESS_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

    private final SpeedLayerConfig base;
    private final BenchInput input;
    private final BenchTopics topics;
    private final ConsumptionWatch watch;
    private final Duration timeout;
    private final PrintStream log;
    private final String phase;
    private final String learner;

    /**
     * @param base the settings every run shares (cluster, registry, topic prefix, exactly-once, one thread, commit
     *             interval); each run changes only the application id, the state directory and the models
     * @param phase   how its log lines name a run: "run" or "warm-up"
     * @param learner the learner of the whole layer's one model
     */
    TopologyRun(SpeedLayerConfig base, BenchInput input, BenchTopics topics, ConsumptionWatch watch, Duration timeout,
                PrintStream log, String phase, String learner) {
        this.base = base;
        this.input = input;
        this.topics = topics;
        this.watch = watch;
        this.timeout = timeout;
        this.log = log;
        this.phase = phase;
        this.learner = learner;
    }

    /** The phases of a stream thread's loop that Kafka Streams reports a time share of. */
    private static final List<String> THREAD_PHASES = List.of("process", "commit", "poll", "punctuate");

    RunResult run(Contender contender, int round, int order) throws InterruptedException {
        String name = contender.id(learner);
        String applicationId = topics.names().prefix() + name + "-" + round;
        Path stateDir = temporaryDirectory(applicationId);
        SpeedLayerConfig config = base.withApplicationId(applicationId).withStateDir(stateDir)
            .withModels(contender == Contender.WHOLE ? ModelSettings.defaults().withModel(PaymentsModel.definition(MODEL_NAME, learner))
                : ModelSettings.defaults());
        PlainOutputs plain = new PlainOutputs(topics.names().prefix() + name + "-out-" + round);
        try {
            if (contender.isPlain()) {
                plain.of(contender).forEach(topics::createPlain);
            } else {
                topics.resetOutputs();
            }
            if (contender == Contender.WHOLE) {
                FirstVersion.publish(config.bootstrapServers(), config.schemaRegistryUrl(), topics.names(),
                    config.models().models().get(0));
            }
            Thread.sleep(SETTLE_MILLIS);
            double load = LoadAverage.now().one();
            log.printf(Locale.ROOT, "%s %d: %s, round %d (load %.2f)%n", phase, order, name, round, load);
            long started = System.nanoTime();
            try (RunningApp app = start(contender, config, plain)) {
                app.awaitRunning(START_TIMEOUT);
                long running = System.nanoTime();
                CpuUse.Reading cpuAtStart = CpuUse.Reading.now(applicationId);
                Map<String, Double> caughtUp = watch.awaitConsumed(applicationId, sources(contender, plain), running, timeout,
                    app::hasFailed, progress(contender));
                long done = System.nanoTime();
                CpuUse cpu = CpuUse.between(cpuAtStart, CpuUse.Reading.now(applicationId));
                Map<String, Long> counters = Counters.read(app.metrics());
                BrokerWrites written = topics.writesOf(applicationId, contender.isPlain()
                    ? plain.of(contender) : topics.speedLayerOutputs());
                double seconds = (done - running) / 1e9;
                RunResult result = new RunResult(contender, name, round, order, applicationId, input.events(),
                    (running - started) / 1e9, seconds, input.events() / seconds, load, withoutPrefix(caughtUp), counters, cpu,
                    threadTime(app.metrics()), written);
                log.printf(Locale.ROOT, "%s %d: %s, round %d: %,d events in %.2f s, %,.0f events/s (startup %.2f s; "
                        + "stream threads %.1f s of CPU, %.0f us an event)%n",
                    phase, order, name, round, result.events(), result.seconds(), result.eventsPerSecond(),
                    result.startupSeconds(), cpu.streamThreads(), result.streamMicrosPerEvent());
                return result;
            }
        } finally {
            topics.deleteInternalTopicsOf(applicationId);
            if (contender.isPlain()) {
                topics.delete(plain.of(contender));
            }
            deleteRecursively(stateDir);
        }
    }

    /** Kafka Streams' thread metrics {@code process-ratio}, {@code commit-ratio}, ... as phase -> share (mean over threads). */
    static Map<String, Double> threadTime(Map<MetricName, ? extends Metric> metrics) {
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (String phase : THREAD_PHASES) {
            sums.put(phase, new double[2]);
        }
        metrics.forEach((name, metric) -> {
            if (name.group().equals("stream-thread-metrics") && name.name().endsWith("-ratio")
                && metric.metricValue() instanceof Number value && !Double.isNaN(value.doubleValue())) {
                double[] sum = sums.get(name.name().substring(0, name.name().length() - "-ratio".length()));
                if (sum != null) {
                    sum[0] += value.doubleValue();
                    sum[1]++;
                }
            }
        });
        Map<String, Double> shares = new LinkedHashMap<>();
        sums.forEach((phase, sum) -> {
            if (sum[1] > 0) {
                shares.put(phase, sum[0] / sum[1]);
            }
        });
        return shares;
    }

    /** The catch-up times by the documented topic name ({@code events}, {@code training-examples}, ...). */
    private Map<String, Double> withoutPrefix(Map<String, Double> caughtUp) {
        Map<String, Double> named = new LinkedHashMap<>();
        caughtUp.entrySet().stream().sorted(Map.Entry.comparingByValue())
            .forEach(entry -> named.put(entry.getKey().substring(topics.names().prefix().length()), entry.getValue()));
        return named;
    }

    private RunningApp start(Contender contender, SpeedLayerConfig config, PlainOutputs plain) {
        TopicNames names = config.topics();
        return switch (contender) {
            case PASS_THROUGH -> RunningApp.plain(PassThrough.topology(names.events(), plain.passThrough()), config);
            case TOPIC_SHAPE -> RunningApp.plain(TopicShape.topology(names.events(), names.labels(), plain.topicShape()),
                config);
            case INGEST_ONLY, WHOLE -> RunningApp.speedLayer(config);
        };
    }

    /**
     * What each topology reads: the events; the topic shape and the whole layer also the labels and their own
     * hand-over topics.
     */
    private ConsumptionWatch.Sources sources(Contender contender, PlainOutputs plain) {
        TopicNames names = topics.names();
        return switch (contender) {
            case PASS_THROUGH -> new ConsumptionWatch.Sources(input.eventEnds(), List.of());
            case TOPIC_SHAPE -> new ConsumptionWatch.Sources(eventsAndLabels(), plain.topicShape().readBack());
            case INGEST_ONLY -> new ConsumptionWatch.Sources(input.eventEnds(), List.of(names.rekeyedEvents()));
            case WHOLE -> new ConsumptionWatch.Sources(eventsAndLabels(),
                List.of(names.rekeyedEvents(), names.scoredEvents(), names.trainingExamples()));
        };
    }

    private Map<TopicPartition, Long> eventsAndLabels() {
        Map<TopicPartition, Long> inputs = new HashMap<>(input.eventEnds());
        inputs.putAll(input.labelEnds());
        return inputs;
    }

    /**
     * The topics a run of a plain topology writes, which it creates before and deletes after.
     *
     * @param base {@code <prefix><topology>-out-<round>}
     */
    private record PlainOutputs(String base) {

        String passThrough() {
            return base;
        }

        TopicShape.Outputs topicShape() {
            return TopicShape.Outputs.named(base);
        }

        List<String> of(Contender contender) {
            return switch (contender) {
                case PASS_THROUGH -> List.of(passThrough());
                case TOPIC_SHAPE -> topicShape().all();
                case INGEST_ONLY, WHOLE -> List.of();
            };
        }
    }

    /** A line on the log every 10 s with the events and labels consumed so far. */
    private LongConsumer progress(Contender contender) {
        long[] next = {System.nanoTime() + PROGRESS_EVERY_NANOS};
        long total = contender.readsLabels() ? input.events() + input.labels() : input.events();
        return consumed -> {
            if (System.nanoTime() >= next[0]) {
                next[0] += PROGRESS_EVERY_NANOS;
                log.printf(Locale.ROOT, "  %s: %,d of %,d input records committed%n", contender.id(learner), consumed,
                    total);
            }
        };
    }

    private static Path temporaryDirectory(String applicationId) {
        try {
            return Files.createTempDirectory("millrace-bench-" + applicationId.replaceAll("[^a-zA-Z0-9-]", "-") + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a state directory: " + e.getMessage(), e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}

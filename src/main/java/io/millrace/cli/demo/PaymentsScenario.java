package io.millrace.cli.demo;

import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

import io.millrace.cli.FirstVersion;
import io.millrace.cli.produce.ProduceRun;
import io.millrace.cli.produce.ProduceSummary;
import io.millrace.learning.generators.PaymentsGenerator;
import io.millrace.schemas.ModelVersion;
import io.millrace.schemas.registry.SchemaRegistryClient;
import io.millrace.speed.SpeedLayer;
import io.millrace.speed.TopicSetup;
import io.millrace.speed.config.FeatureDriftConfig;
import io.millrace.speed.config.ModelDefinition;
import io.millrace.speed.config.ModelSettings;
import io.millrace.speed.config.SpeedLayerConfig;
import io.millrace.speed.model.ModelCounter;
import io.millrace.speed.model.ModelMetrics;
import io.millrace.speed.presets.PaymentsModel;
import io.millrace.speed.stats.RollingStatsQueries;
import me.tongfei.progressbar.ProgressBar;

/**
 * The payments scenario, step by step: {@link #prepare} (topics, schemas, the fraud model's first version),
 * {@link #produce} (payments with delayed labels, bad records, the fraud-pattern change) into the {@link #ledger},
 * the speed layer started from {@link #speedLayerConfig}, {@link #awaitProcessed} until it has processed everything,
 * and {@link #analyse} of its outputs against the ledger. {@link #run} does all of it for {@code millrace demo};
 * tests drive the steps themselves (to restart the speed layer in the middle, for instance).
 */
public final class PaymentsScenario {

    /** How often the model is checkpointed by time: soon after the last example, its final version is out. */
    static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(2);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(200);

    private final String bootstrapServers;
    private final String registryUrl;
    private final ScenarioSettings settings;
    private final ProducedLedger ledger = new ProducedLedger();

    public PaymentsScenario(String bootstrapServers, String registryUrl, ScenarioSettings settings) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.settings = settings;
    }

    public ScenarioSettings settings() {
        return settings;
    }

    public ProducedLedger ledger() {
        return ledger;
    }

    /** The fraud model: the payments preset with the chosen learner. */
    public ModelDefinition model() {
        return PaymentsModel.definition(ScenarioSettings.MODEL, settings.learner());
    }

    /** Creates the topics, registers every schema, publishes version 1 of the model; returns subject to schema id. */
    public Map<String, Integer> prepare() {
        TopicSetup.ensureTopics(bootstrapServers, settings.topics(), settings.partitions(), TopicSetup.BROKER_DEFAULT_REPLICATION);
        Map<String, Integer> ids = SchemaCatalog.registerAll(SchemaRegistryClient.of(registryUrl), settings.topics());
        FirstVersion.publish(bootstrapServers, registryUrl, settings.topics(), model());
        return ids;
    }

    /**
     * One speed-layer instance with the fraud model, checkpointed every N examples or 2 s, ADWIN on its errors; the
     * feature drift watch leaves out {@code hour}, which against a first-hour reference drifts with the clock.
     */
    public SpeedLayerConfig speedLayerConfig() {
        ModelSettings models = ModelSettings.defaults()
            .withModel(model())
            .withCheckpoints(settings.checkpointEvery(), CHECKPOINT_INTERVAL);
        SpeedLayerConfig defaults = SpeedLayerConfig.defaults();
        return defaults
            .withRollingStats(defaults.rollingStats().withFeatureDrift(
                FeatureDriftConfig.defaults().withIgnoredFeatures(PaymentsGenerator.HOUR)))
            .withBootstrapServers(bootstrapServers)
            .withSchemaRegistryUrl(registryUrl)
            .withApplicationId(settings.applicationId())
            .withTopics(settings.topics())
            .withStateDir(settings.stateDir())
            .withModels(models);
    }

    /** Starts the speed layer and waits until it processes. */
    public SpeedLayer startSpeedLayer(SpeedLayerConfig config) throws InterruptedException {
        SpeedLayer layer = SpeedLayer.start(config);
        try {
            layer.awaitRunning(START_TIMEOUT);
        } catch (RuntimeException | InterruptedException e) {
            layer.close();
            throw e;
        }
        return layer;
    }

    /** Produces the payments (at the settings' rate), their labels and the bad records. */
    public ProduceSummary produce() throws InterruptedException {
        return new ProduceRun(bootstrapServers, registryUrl, settings.topics()).payments(settings.events(), settings.seed(),
            (long) settings.driftAt(), settings.fraudRate(), settings.rate(), settings.badRatio(), ledger);
    }

    /** A reader of the speed layer's output topics; close it. */
    public OutputTopics outputs() {
        return new OutputTopics(bootstrapServers, registryUrl, settings.topics());
    }

    /**
     * True once the outputs show everything produced processed: every payment and bad record through ingest, every
     * valid event scored, and the model's newest version learned from every label.
     */
    public boolean processedEverything(OutputTopics out) {
        long ingested = (long) out.validEventCount() + out.deadLetterCount();
        ModelVersion newest = out.latestVersion(ScenarioSettings.MODEL);
        long learned = newest == null ? 0 : newest.getProvenance().getExamplesSeen();
        return ingested >= ledger.paymentCount() + ledger.badRecords().size()
            && out.predictionCount() >= out.validEventCount()
            && learned >= ledger.labels().size();
    }

    /**
     * Reads the outputs until {@code condition} holds or {@code timeout} passes, moving {@code progress} (may be null)
     * to the predictions written plus the examples {@code layer} learned; returns whether the condition holds.
     */
    public boolean awaitOutputs(OutputTopics out, Predicate<OutputTopics> condition, Duration timeout, SpeedLayer layer,
                                ProgressBar progress) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            out.poll(POLL);
            if (progress != null) {
                progress.stepTo(Math.min(progress.getMax(), out.predictionCount() + Math.min(settings.events(), examplesLearned(layer))));
            }
            if (condition.test(out)) {
                return true;
            }
            if (layer != null && layer.hasFailed()) {
                throw new IllegalStateException("the speed layer stopped with an error; see its log");
            }
        }
        return condition.test(out);
    }

    /** Examples the model topology of {@code layer} learned since it started (its counters). */
    static long examplesLearned(SpeedLayer layer) {
        if (layer == null) {
            return 0;
        }
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> entry : layer.streams().metrics().entrySet()) {
            MetricName name = entry.getKey();
            if (name.group().equals(ModelMetrics.GROUP) && name.name().equals("records-total")
                && ModelCounter.EXAMPLE_LEARNED.name().equals(name.tags().get(ModelMetrics.OUTCOME_TAG))) {
                total += ((Number) entry.getValue().metricValue()).doubleValue();
            }
        }
        return (long) total;
    }

    /**
     * The figures and checks of the outputs read so far and of the rolling statistics {@code layer} (running, the only
     * instance) holds, for a run that took {@code seconds}.
     */
    public ScenarioAnalysis.ScenarioResult analyse(OutputTopics out, SpeedLayer layer, double seconds) throws InterruptedException {
        StatsCheck.Result rolling = RollingStatsCheck.compare(ledger, new RollingStatsQueries(layer.streams(), speedLayerConfig()));
        return new ScenarioAnalysis(settings, ledger).analyse(out.validEvents(), out.deadLetters(), out.predictions(),
            out.driftAlerts(), out.modelVersions(), rolling, seconds);
    }

    /** What {@link #run} did besides the result: the schema ids it registered and the produce summary. */
    public record Run(Map<String, Integer> schemaIds, ProduceSummary produced, boolean completed,
                      ScenarioAnalysis.ScenarioResult result) {
    }

    /** The whole scenario on one speed-layer instance in this JVM. */
    public Run run() throws InterruptedException {
        long started = System.nanoTime();
        Map<String, Integer> ids = prepare();
        try (SpeedLayer layer = startSpeedLayer(speedLayerConfig());
             OutputTopics out = outputs()) {
            ProduceSummary produced = produce();
            boolean completed;
            try (ProgressBar progress = Progress.bar("processing", 2L * settings.events())) {
                completed = awaitOutputs(out, this::processedEverything, settings.timeout(), layer, progress);
            }
            out.drain(Duration.ofMillis(500));
            return new Run(ids, produced, completed, analyse(out, layer, (System.nanoTime() - started) / 1e9));
        }
    }
}

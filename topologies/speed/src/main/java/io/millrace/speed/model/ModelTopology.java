package io.millrace.speed.model;

import io.millrace.learning.Learners;
import io.millrace.learning.drift.Detectors;
import io.millrace.learning.drift.Ddm;
import io.millrace.learning.drift.Eddm;
import io.millrace.learning.features.FeatureEncoder;
import io.millrace.schemas.registry.SchemaRegistry;
import io.millrace.schemas.serde.AvroSerdeConfig;
import io.millrace.speed.StoreNames;
import io.millrace.speed.TopicNames;
import io.millrace.speed.config.ModelDefinition;
import io.millrace.speed.config.ModelSettings;
import io.millrace.speed.config.SpeedLayerConfig;
import io.millrace.speed.serde.RegistryAvroSerializer;
import io.millrace.speed.serde.RegistrySerdeConfig;
import io.millrace.speed.stats.RollingStatsTopology;
import io.millrace.speed.stats.TaskSlices;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Scoring, delayed-label join, online learning and drift detection over the models of {@link ModelSettings}.
 * Three sub-topologies and the registry, in data-flow order:
 * <ol>
 *   <li><b>registry</b>: {@code models} -> global store {@link StoreNames#MODEL_VERSIONS} on every instance
 *       ({@link RecordModelVersions});</li>
 *   <li><b>scoring</b>, partitioned by entity: {@code valid-events} -> (rolling statistics,
 *       {@link RollingStatsTopology#UPDATE_STATS}) -> {@link ScoreEvents} -> {@code predictions}
 *       (production or canary, and shadows), {@code scored-events} (waiting for a label, by event id),
 *       {@code training-examples} (inline labels, by model), {@code dead-letters};</li>
 *   <li><b>label join</b>, partitioned by event id: {@code scored-events} + {@code labels} -> {@link JoinLabels}
 *       (store {@link StoreNames#PENDING_LABELS}) -> {@code training-examples}, {@code dead-letters};</li>
 *   <li><b>training</b>, partitioned by model name: {@code training-examples} -> {@link TrainModels}
 *       (stores {@link StoreNames#LEARNER_STATE}, {@link StoreNames#DRIFT_DETECTORS}; the topic is its write-ahead log)
 *       -> {@code models}
 *       (checkpoints, bootstrap), {@code drift-alerts}.</li>
 * </ol>
 * Rolling features come from a {@link RollingFeatureSource}: the rolling-statistics stores of the same task
 * ({@link #storedRollingFeatures}), or {@link RollingFeatureSource#none()}.
 */
public final class ModelTopology {
    public static final String READ_MODELS = "model-read-models";
    public static final String RECORD_MODELS = "model-record-models";
    public static final String SCORE = "model-score";
    public static final String WRITE_PREDICTIONS = "model-write-predictions";
    public static final String WRITE_SCORED_EVENTS = "model-write-scored-events";
    public static final String WRITE_EXAMPLES_FROM_SCORING = "model-write-examples-from-scoring";
    public static final String WRITE_SCORING_DEAD_LETTERS = "model-write-scoring-dead-letters";
    public static final String READ_SCORED_EVENTS = "model-read-scored-events";
    public static final String READ_LABELS = "model-read-labels";
    public static final String JOIN_LABELS = "model-join-labels";
    public static final String WRITE_EXAMPLES_FROM_LABELS = "model-write-examples-from-labels";
    public static final String WRITE_LABEL_DEAD_LETTERS = "model-write-label-dead-letters";
    public static final String READ_TRAINING_EXAMPLES = "model-read-training-examples";
    public static final String TRAIN = "model-train";
    public static final String WRITE_MODELS = "model-write-models";
    public static final String WRITE_DRIFT_ALERTS = "model-write-drift-alerts";
    public static final String WRITE_TRAINING_DEAD_LETTERS = "model-write-training-dead-letters";

    private final SpeedLayerConfig config;
    private final TopicNames topics;
    private final ModelSettings settings;
    private final SchemaRegistry registry;
    private final RollingFeatureSource rolling;
    private final Function<String, KeyValueBytesStoreSupplier> stores;
    private final Function<Map<String, Object>, TrainingReplay> replays;
    private final RegistryGeneration generation = new RegistryGeneration();

    /**
     * The model topology of {@code config}'s topics and models, through {@code registry}.
     *
     * @throws IllegalArgumentException when no model is configured, a learner kind or the detector is unknown,
     *                                  or DDM/EDDM (which take 0/1 errors) watch a regression model
     */
    public ModelTopology(SpeedLayerConfig config, SchemaRegistry registry, RollingFeatureSource rolling) {
        this(config, registry, rolling, Stores::persistentKeyValueStore, KafkaTrainingReplay::new);
    }

    /**
     * As above, with the key-value stores {@code stores} supplies by name (RocksDB in the public constructor), and the
     * trainers reading their input back through what {@code replays} makes of the application's configuration (a
     * consumer of their own in the public constructor).
     */
    ModelTopology(SpeedLayerConfig config, SchemaRegistry registry, RollingFeatureSource rolling,
                  Function<String, KeyValueBytesStoreSupplier> stores, Function<Map<String, Object>, TrainingReplay> replays) {
        this.config = Objects.requireNonNull(config, "config");
        this.topics = config.topics();
        this.settings = config.models();
        this.registry = Objects.requireNonNull(registry, "registry");
        this.rolling = Objects.requireNonNull(rolling, "rolling");
        this.stores = Objects.requireNonNull(stores, "stores");
        this.replays = Objects.requireNonNull(replays, "replays");
        check(settings);
    }

    /**
     * The model topology with the registry {@code config} names, reading rolling features from the
     * rolling-statistics stores it runs after.
     */
    public static ModelTopology from(SpeedLayerConfig config) {
        return new ModelTopology(config, RegistrySerdeConfig.registry(config.registryConfigs()), storedRollingFeatures(config));
    }

    /**
     * The model topology with the registry {@code config} names, reading rolling features from the memory of the
     * rolling-statistics topology whose {@link RollingStatsTopology#taskSlices()} these are and which it runs after.
     */
    public static ModelTopology from(SpeedLayerConfig config, TaskSlices slices) {
        return new ModelTopology(config, RegistrySerdeConfig.registry(config.registryConfigs()),
                new StoredRollingFeatures(config.rollingStats(), slices));
    }

    /** Rolling features from the stores of {@link RollingStatsTopology}, which scoring follows in the same task. */
    public static RollingFeatureSource storedRollingFeatures(SpeedLayerConfig config) {
        return new StoredRollingFeatures(config.rollingStats(), null);
    }

    /**
     * The rolling statistics (of this configuration, through this topology's registry) followed by the model steps: the
     * smallest topology that scores, since scoring is a child of {@link RollingStatsTopology#UPDATE_STATS}.
     */
    public Topology build() {
        RollingStatsTopology stats = new RollingStatsTopology(config, registry);
        Topology topology = stats.build();
        new ModelTopology(config, registry, rolling.readingFrom(stats.taskSlices()), stores, replays).addTo(topology);
        return topology;
    }

    /**
     * Adds the registry, scoring, label-join and training steps to {@code topology}, which must hold
     * {@link RollingStatsTopology} already (scoring attaches to its {@link RollingStatsTopology#UPDATE_STATS}), and
     * returns it.
     */
    public Topology addTo(Topology topology) {
        addRegistry(topology);
        addScoring(topology);
        addLabelJoin(topology);
        addTraining(topology);
        return topology;
    }

    private void addRegistry(Topology topology) {
        topology.addGlobalStore(store(StoreNames.MODEL_VERSIONS).withLoggingDisabled(), READ_MODELS,
                new StringDeserializer(), new ByteArrayDeserializer(), topics.models(), RECORD_MODELS,
                () -> new RecordModelVersions(registry, generation));
    }

    private void addScoring(Topology topology) {
        topology.addProcessor(SCORE, () -> new ScoreEvents(settings, registry, rolling, generation),
                        RollingStatsTopology.UPDATE_STATS)
                .addSink(WRITE_PREDICTIONS, topics.predictions(), new StringSerializer(), avroValues(), SCORE)
                .addSink(WRITE_SCORED_EVENTS, topics.scoredEvents(), new StringSerializer(), new ByteArraySerializer(), SCORE)
                .addSink(WRITE_EXAMPLES_FROM_SCORING, topics.trainingExamples(), new StringSerializer(),
                        new ByteArraySerializer(), SCORE)
                .addSink(WRITE_SCORING_DEAD_LETTERS, topics.deadLetters(), new ByteArraySerializer(), avroValues(), SCORE);
        if (!rolling.storeNames().isEmpty()) {
            topology.connectProcessorAndStateStores(SCORE, rolling.storeNames().toArray(String[]::new));
        }
    }

    private void addLabelJoin(Topology topology) {
        topology.addSource(READ_SCORED_EVENTS, new StringDeserializer(), new ByteArrayDeserializer(), topics.scoredEvents())
                .addSource(READ_LABELS, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.labels())
                .addProcessor(JOIN_LABELS, () -> new JoinLabels(settings, topics.labels(), registry),
                        READ_SCORED_EVENTS, READ_LABELS)
                .addStateStore(store(StoreNames.PENDING_LABELS), JOIN_LABELS)
                .addStateStore(bytesKeyedStore(StoreNames.PENDING_LABEL_DEADLINES).withLoggingDisabled(), JOIN_LABELS)
                .addSink(WRITE_EXAMPLES_FROM_LABELS, topics.trainingExamples(), new StringSerializer(),
                        new ByteArraySerializer(), JOIN_LABELS)
                .addSink(WRITE_LABEL_DEAD_LETTERS, topics.deadLetters(), new ByteArraySerializer(), avroValues(), JOIN_LABELS);
    }

    private void addTraining(Topology topology) {
        topology.addSource(READ_TRAINING_EXAMPLES, new StringDeserializer(), new ByteArrayDeserializer(),
                        topics.trainingExamples())
                .addProcessor(TRAIN, () -> new TrainModels(settings, registry, generation, replays),
                        READ_TRAINING_EXAMPLES)
                .addStateStore(store(StoreNames.LEARNER_STATE), TRAIN)
                .addStateStore(store(StoreNames.DRIFT_DETECTORS), TRAIN)
                .addSink(WRITE_MODELS, topics.models(), new StringSerializer(), avroValues(), TRAIN)
                .addSink(WRITE_DRIFT_ALERTS, topics.driftAlerts(), new StringSerializer(), avroValues(), TRAIN)
                .addSink(WRITE_TRAINING_DEAD_LETTERS, topics.deadLetters(), new StringSerializer(), avroValues(), TRAIN);
    }

    private StoreBuilder<KeyValueStore<Bytes, byte[]>> bytesKeyedStore(String name) {
        return Stores.keyValueStoreBuilder(stores.apply(name), Serdes.Bytes(), Serdes.ByteArray());
    }

    private StoreBuilder<KeyValueStore<String, byte[]>> store(String name) {
        return Stores.keyValueStoreBuilder(stores.apply(name), Serdes.String(), Serdes.ByteArray());
    }

    private <T extends SpecificRecord> RegistryAvroSerializer<T> avroValues() {
        return new RegistryAvroSerializer<>(registry, AvroSerdeConfig.forValues());
    }

    private static void check(ModelSettings settings) {
        if (settings.models().isEmpty()) {
            throw new IllegalArgumentException("the model topology needs at least one configured model");
        }
        Detectors.create(settings.driftDetector(), settings.driftParams());
        String detector = settings.driftDetector().trim().toLowerCase(java.util.Locale.ROOT);
        for (ModelDefinition model : settings.models()) {
            FeatureEncoder encoder = new FeatureEncoder(model.features());
            Learners.create(model.learnerKind(), encoder.header(), model.learnerParams());
            boolean zeroOne = detector.equals(Ddm.KIND) || detector.equals(Eddm.KIND);
            if (zeroOne && !encoder.header().isClassification()) {
                throw new IllegalArgumentException("detector '" + detector + "' takes 0/1 errors; model '" + model.name()
                        + "' is a regression model: use adwin or page-hinkley");
            }
        }
    }
}

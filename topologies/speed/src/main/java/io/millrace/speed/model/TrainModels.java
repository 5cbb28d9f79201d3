package io.millrace.speed.model;

import io.millrace.speed.serde.SourceOffset;
import io.millrace.learning.Learners;
import io.millrace.learning.Header;
import io.millrace.learning.InvalidInputException;
import io.millrace.learning.Votes;
import io.millrace.learning.drift.Detectors;
import io.millrace.learning.drift.DriftDetector;
import io.millrace.learning.eval.PrequentialMetrics;
import io.millrace.learning.features.FeatureEncoder;
import io.millrace.schemas.DeadLetter;
import io.millrace.schemas.DriftAlert;
import io.millrace.schemas.ModelVersion;
import io.millrace.schemas.Route;
import io.millrace.schemas.Stage;
import io.millrace.schemas.registry.SchemaRegistry;
import io.millrace.speed.StoreNames;
import io.millrace.speed.config.ModelDefinition;
import io.millrace.speed.config.ModelSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainer of each model: every example of a model reaches this processor in one task (the
 * {@code training-examples} topic is keyed by model name), which keeps the learner, its prequential scores and
 * the drift detector live in memory.
 *
 * <p>Durability without writing anything per example: the {@code training-examples} topic is the trainer's
 * write-ahead log. The whole state is written to {@link StoreNames#LEARNER_STATE} and
 * {@link StoreNames#DRIFT_DETECTORS} only as a snapshot, with the position in the topic it covers: with each
 * published version, on adoption, once {@link #MAX_REPLAY} examples were learned since the last one, and when the
 * processor closes (a clean shutdown or a task moving away). These are store writes, so under
 * {@code exactly_once_v2} they commit in the same transaction as the input offsets they cover. A trainer that finds its
 * state in the store (after a crash, a rebalance or a restart) reads its model's records from the snapshot's position
 * up to the first record it processes ({@link TrainingReplay}, committed records only) and applies them again as
 * they were applied live, emitting nothing: it is exactly the state of the last committed transaction, no example
 * learned twice or lost.
 *
 * <p>For each example, prequentially: the answer served at scoring time on the production route is scored
 * against the label ({@link PrequentialMetrics}) and its error (0/1 for a classifier, the absolute error for a
 * regressor) fed to the drift detector, which emits a {@link DriftAlert} when it fires and then follows its own
 * rule (ADWIN has dropped the stale part of its window; Page-Hinkley and DDM start afresh); only then does the
 * learner learn from the example, and the encoder's scaler statistics take in its features.
 *
 * <p>Every {@code checkpointEveryExamples} examples, or on a wall-clock punctuation once
 * {@code checkpointInterval} passed with at least one new example, the state is published on {@code models} as a
 * new version (PRODUCTION with auto-promote, else CANDIDATE) with its provenance. When the registry holds no
 * version of a model, the trainer publishes version 1, untrained, as PRODUCTION so scoring can start. With
 * auto-promote on, a production version the trainer did not publish and that is newer than its last one (an
 * operator's promotion of a batch version, or a rollback) becomes the state it continues from.
 */
final class TrainModels implements Processor<String, byte[], String, Object> {
    private static final Logger LOG = LoggerFactory.getLogger(TrainModels.class);
    static final String TRAINED_BY = "speed";
    /** Examples a restored trainer replays at most: it snapshots before it learned more since its last snapshot. */
    static final int MAX_REPLAY = 8192;

    private final ModelSettings settings;
    private final SchemaRegistry registry;
    private final String codeVersion;
    private final RegistryGeneration generation;
    private final Map<String, TrainerState> live = new HashMap<>();
    private final Map<String, DriftDetector> detectors = new HashMap<>();
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, byte[]> learnerStore;
    private KeyValueStore<String, byte[]> detectorStore;
    private final Function<Map<String, Object>, TrainingReplay> replays;
    private TrainingReplay replay;
    /** The partition of {@code training-examples} this task reads; null before its first record. */
    private TopicPartition partition;
    /** The offset of the record being processed. */
    private long current = TrainerState.NO_POSITION;
    /** The offset of the first record the live states do not cover: where a snapshot taken now stands. */
    private long covered = TrainerState.NO_POSITION;
    private ModelRegistryView view;
    private ModelMetrics metrics;

    TrainModels(ModelSettings settings, SchemaRegistry registry, RegistryGeneration generation,
                Function<Map<String, Object>, TrainingReplay> replays) {
        this.settings = settings;
        this.replays = replays;
        this.registry = registry;
        this.generation = generation;
        String version = TrainModels.class.getPackage().getImplementationVersion();
        this.codeVersion = version == null ? "dev" : version;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.learnerStore = context.getStateStore(StoreNames.LEARNER_STATE);
        this.detectorStore = context.getStateStore(StoreNames.DRIFT_DETECTORS);
        this.replay = replays.apply(context.appConfigs());
        this.view = new ModelRegistryView(context.getStateStore(StoreNames.MODEL_VERSIONS), registry, generation);
        this.metrics = ModelMetrics.register(context.metrics());
        Duration tick = settings.checkpointInterval().compareTo(Duration.ofSeconds(1)) < 0
                ? settings.checkpointInterval() : Duration.ofSeconds(1);
        context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, this::checkpointDue);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata metadata = context.recordMetadata()
                .orElseThrow(() -> new IllegalStateException("the trainer must read straight from training-examples"));
        if (partition == null || partition.partition() != metadata.partition()) {
            partition = new TopicPartition(metadata.topic(), metadata.partition());
        }
        current = metadata.offset();
        covered = current;
        try {
            handle(record);
        } finally {
            covered = current + 1;
        }
    }

    private void handle(Record<String, byte[]> record) {
        if (record.value() == null) {
            LOG.warn("a null training input under key '{}' ignored", record.key());
            metrics.count(ModelCounter.EXAMPLE_REJECTED);
            return;
        }
        TrainerInput input;
        try {
            input = InternalCodec.trainerInput(record.value());
        } catch (SerializationException e) {
            deadLetter(record, e);
            return;
        }
        ModelDefinition model = settings.model(input.model());
        if (model == null) {
            LOG.warn("training input for model '{}', which is not configured here, ignored", input.model());
            metrics.count(ModelCounter.EXAMPLE_REJECTED);
            return;
        }
        if (input instanceof TrainerInput.Example example) {
            learn(model, example);
        } else if (load(model.name()) == null) {
            state(model);
        }
    }

    /** A record of {@code training-examples} that does not read: counted and dead-lettered, never retried forever. */
    private void deadLetter(Record<String, byte[]> record, SerializationException e) {
        RecordMetadata metadata = context.recordMetadata()
                .orElseThrow(() -> new IllegalStateException("the trainer must read straight from training-examples"));
        LOG.warn("unreadable training input at {}-{}@{} dead-lettered: {}", metadata.topic(), metadata.partition(),
                metadata.offset(), e.getMessage());
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        DeadLetter letter = ModelDeadLetters.of(ModelDeadLetters.UNREADABLE_TRAINER_INPUT, e.getMessage(),
                e.getClass().getName(), key, record.value(),
                new SourceOffset(metadata.topic(), metadata.partition(), metadata.offset()),
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
        context.forward(new Record<>(record.key(), letter, record.timestamp()), ModelTopology.WRITE_TRAINING_DEAD_LETTERS);
        metrics.count(ModelCounter.EXAMPLE_REJECTED);
    }

    /**
     * Snapshots every state that learned since its snapshot, so a restart on this state directory replays nothing.
     * Kafka Streams commits a task before it closes its processors, so this snapshot is not in the task's last
     * transaction: an instance that restores from the changelog starts from the one before and replays more.
     */
    @Override
    public void close() {
        for (Map.Entry<String, TrainerState> entry : live.entrySet()) {
            if (entry.getValue().dirty()) {
                try {
                    snapshot(entry.getKey(), entry.getValue());
                } catch (RuntimeException e) {
                    LOG.warn("trainer of {} not snapshotted on close, a restart replays from its last snapshot: {}", entry.getKey(),
                            e.toString());
                }
            }
        }
        live.clear();
        detectors.clear();
    }

    /** Learns from {@code example}; snapshots when a version is due or the replay would grow past its bound. */
    private void learn(ModelDefinition model, TrainerInput.Example example) {
        TrainerState state = state(model);
        FeatureEncoder encoder = state.bundle.encoder();
        double target;
        double[] row;
        try {
            target = encoder.encodeLabel(example.label());
            row = encoder.encode(example.features(), example.rolling());
        } catch (InvalidInputException e) {
            LOG.warn("example of event '{}' refused by model '{}': {}", example.eventId(), model.name(), e.getMessage());
            metrics.count(ModelCounter.EXAMPLE_REJECTED);
            return;
        }
        apply(model.name(), state, example, target, row, true);
        covered = current + 1;
        metrics.count(ModelCounter.EXAMPLE_LEARNED);
        if (state.examplesSinceCheckpoint >= settings.checkpointEveryExamples()) {
            publish(model, state, checkpointStage());
            snapshot(model.name(), state);
        } else if (state.step - state.snapshotStep >= MAX_REPLAY) {
            snapshot(model.name(), state);
        }
    }

    /**
     * One prequential step, the same live and in replay: score the served answer and feed the detector, learn,
     * let the encoder's scalers take the row in, count. Alerts are emitted live only (a replayed step's alert
     * went out in the transaction that logged it).
     */
    private void apply(String model, TrainerState state, TrainerInput.Example example, double target, double[] row,
                       boolean emit) {
        evaluate(model, state, example, target, emit);
        state.bundle.learner().learn(row, target);
        state.bundle.encoder().observe(example.features(), example.rolling());
        state.examplesSeen++;
        state.examplesSinceCheckpoint++;
        state.saw(example.eventSource(), example.eventSchemaId());
        state.saw(example.labelSource(), example.labelSchemaId());
        state.step++;
    }

    /** Scores the answer served on the production route, and feeds its error to the drift detector. */
    private void evaluate(String model, TrainerState state, TrainerInput.Example example, double target, boolean emit) {
        ServedPrediction served = example.served();
        if (served == null || served.route() != Route.PRODUCTION) {
            return;
        }
        Header header = state.bundle.encoder().header();
        try {
            state.metrics.record(served.prediction(), target);
        } catch (IllegalArgumentException e) {
            if (emit) {
                LOG.warn("answer of {} v{} for event '{}' does not fit the model's task: {}", model, served.version(),
                        example.eventId(), e.getMessage());
            }
            return;
        }
        double error = header.isClassification()
                ? (Votes.argMax(served.prediction()) == (int) target ? 0.0 : 1.0)
                : Math.abs(target - served.prediction()[0]);
        DriftDetector detector = detector(model);
        if (detector.update(error) && emit) {
            alert(model, served, example, detector);
        }
    }

    private void alert(String model, ServedPrediction served, TrainerInput.Example example, DriftDetector detector) {
        long now = context.currentSystemTimeMs();
        context.forward(new Record<>(model, TrainerRecords.alert(model, served, example, detector, now), now),
                ModelTopology.WRITE_DRIFT_ALERTS);
        metrics.count(ModelCounter.DRIFT_ALERT);
    }

    /**
     * The model's state: live (or restored), else adopted from the registry, else new and published as version 1.
     * A state adopted or created here is snapshotted at once, so a replay never spans a change of lineage.
     */
    private TrainerState state(ModelDefinition model) {
        TrainerState state = load(model.name());
        Optional<RoutingTable.Entry> production = view.routes(model.name()).production();
        TrainerState next;
        if (state == null && production.isPresent()) {
            next = adopt(model.name(), production.get(), null);
        } else if (state == null) {
            FeatureEncoder encoder = new FeatureEncoder(model.features());
            ModelBundle bundle = new ModelBundle(encoder,
                    Learners.create(model.learnerKind(), encoder.header(), model.learnerParams()));
            next = new TrainerState(bundle, new PrequentialMetrics(encoder.header()));
            publish(model, next, Stage.PRODUCTION);
        } else if (settings.autoPromote() && production.isPresent()
                && production.get().createdAt() > state.parentCreatedAt
                && production.get().version() != state.parentVersion) {
            next = adopt(model.name(), production.get(), state);
        } else {
            return state;
        }
        next.step = state != null ? state.step : 0;
        live.put(model.name(), next);
        snapshot(model.name(), next);
        return next;
    }

    /** Continues from a version in the registry: its state, its examples seen, fresh scores. */
    private TrainerState adopt(String model, RoutingTable.Entry entry, TrainerState previous) {
        ModelVersion version = view.version(model, entry.version()).orElseThrow();
        ModelBundle bundle = ModelBundle.fromBytes(ModelBundle.bytesOf(version.getState()));
        TrainerState state = new TrainerState(bundle, new PrequentialMetrics(bundle.encoder().header()));
        state.examplesSeen = version.getProvenance().getExamplesSeen();
        state.continuedFrom(entry.version(), entry.createdAt(), context.currentSystemTimeMs());
        LOG.info("trainer of {} continues from v{} (was v{})", model, entry.version(),
                previous == null ? "none" : String.valueOf(previous.parentVersion));
        return state;
    }

    private void publish(ModelDefinition model, TrainerState state, Stage stage) {
        long now = context.currentSystemTimeMs();
        int version = Math.max(view.routing(model.name()).latestVersion(), state.parentVersion) + 1;
        ModelVersion record = TrainerRecords.version(model, state, version, stage, codeVersion, now);
        context.forward(new Record<>(ModelKeys.version(model.name(), version), record, now), ModelTopology.WRITE_MODELS);
        state.continuedFrom(version, now, now);
        metrics.count(ModelCounter.VERSION_PUBLISHED);
    }

    private Stage checkpointStage() {
        return settings.autoPromote() ? Stage.PRODUCTION : Stage.CANDIDATE;
    }

    private void checkpointDue(long now) {
        for (ModelDefinition model : settings.models()) {
            TrainerState state = live.get(model.name());   // a state not live yet is loaded (and replayed) by its next record
            if (state != null && state.examplesSinceCheckpoint > 0
                    && now - state.lastCheckpointAt >= settings.checkpointInterval().toMillis()) {
                publish(model, state, checkpointStage());
                snapshot(model.name(), state);
            }
        }
    }

    /** The live state, or the stored snapshot brought up to date by replaying its examples since; null for none. */
    private TrainerState load(String model) {
        TrainerState state = live.get(model);
        if (state == null) {
            byte[] bytes = learnerStore.get(model);
            if (bytes != null) {
                state = TrainerState.fromBytes(bytes);
                replay(model, state);
                live.put(model, state);
            }
        }
        return state;
    }

    /**
     * Applies the model's examples from the snapshot's position up to the record being processed, as they were applied
     * live, emitting nothing. Records that were not applied live (unreadable, not an example, refused by the model)
     * are skipped again.
     */
    private void replay(String model, TrainerState state) {
        if (state.inputOffset == TrainerState.NO_POSITION) {
            return;   // a snapshot from before positions were kept: written on a clean stop, it covers all
        }
        if (state.inputPartition != partition.partition()) {
            LOG.warn("trainer of {}: its snapshot stands in partition {}, this task reads {}: nothing replayed", model,
                    state.inputPartition, partition);
            return;
        }
        long before = state.step;
        replay.forEach(partition, state.inputOffset, current, model, bytes -> reapply(model, state, bytes));
        if (state.step > before) {
            LOG.info("trainer of {} replayed {} examples of {} from offset {} to {} after its snapshot (now at step {})",
                    model, state.step - before, partition, state.inputOffset, current, state.step);
        }
    }

    private void reapply(String model, TrainerState state, byte[] bytes) {
        TrainerInput read;
        try {
            read = InternalCodec.trainerInput(bytes);
        } catch (SerializationException e) {
            return;
        }
        if (!(read instanceof TrainerInput.Example example)) {
            return;
        }
        FeatureEncoder encoder = state.bundle.encoder();
        try {
            apply(model, state, example, encoder.encodeLabel(example.label()),
                    encoder.encode(example.features(), example.rolling()), false);
        } catch (InvalidInputException e) {
            return;
        }
        metrics.count(ModelCounter.EXAMPLE_REPLAYED);
    }

    private DriftDetector detector(String model) {
        return detectors.computeIfAbsent(model, name -> {
            byte[] bytes = detectorStore.get(name);
            return bytes != null ? Detectors.fromBytes(bytes) : Detectors.create(settings.driftDetector(), settings.driftParams());
        });
    }

    /** Writes the whole state (and the detector, when live) to the stores, with the input position it covers. */
    private void snapshot(String model, TrainerState state) {
        state.inputPartition = partition.partition();
        state.inputOffset = covered;
        learnerStore.put(model, state.toBytes());
        DriftDetector detector = detectors.get(model);
        if (detector != null) {
            detectorStore.put(model, detector.toBytes());
        }
        state.snapshotStep = state.step;
    }
}

package io.millrace.speed.model;

import io.millrace.learning.Learners;
import io.millrace.learning.Attribute;
import io.millrace.learning.features.FeatureEncoder;
import io.millrace.learning.features.FeatureSpec;
import io.millrace.learning.features.MissingPolicy;
import io.millrace.learning.features.NumericFeature;
import io.millrace.learning.features.Scaling;
import io.millrace.schemas.DeadLetter;
import io.millrace.schemas.DriftAlert;
import io.millrace.schemas.Event;
import io.millrace.schemas.Label;
import io.millrace.schemas.ModelVersion;
import io.millrace.schemas.Prediction;
import io.millrace.schemas.Provenance;
import io.millrace.schemas.Stage;
import io.millrace.schemas.registry.InMemorySchemaRegistry;
import io.millrace.schemas.serde.AvroSerdeConfig;
import io.millrace.speed.config.ModelDefinition;
import io.millrace.speed.config.ModelSettings;
import io.millrace.speed.config.SpeedLayerConfig;
import io.millrace.speed.serde.RegistryAvroDeserializer;
import io.millrace.speed.serde.RegistryAvroSerializer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.Stores;

/**
 * The model topology under {@link TopologyTestDriver}: valid events and labels in as bytes, model versions in as
 * records, predictions, versions, drift alerts and dead letters out. The wall clock starts at {@link #NOW}.
 */
final class ModelDriver implements AutoCloseable {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final String MODEL = "sea";
    static final FeatureSpec SEA = new FeatureSpec("sea", List.of(
            new NumericFeature("attrib1", Scaling.NONE, MissingPolicy.imputeMean()),
            new NumericFeature("attrib2", Scaling.NONE, MissingPolicy.imputeMean()),
            new NumericFeature("attrib3", Scaling.NONE, MissingPolicy.imputeMean())),
            Attribute.nominal("class", "groupA", "groupB"));

    final InMemorySchemaRegistry registry;
    final SpeedLayerConfig config;
    final TopologyTestDriver driver;
    final TestInputTopic<byte[], byte[]> validEvents;
    final TestInputTopic<byte[], byte[]> labels;
    final TestInputTopic<String, ModelVersion> modelsIn;
    final TestOutputTopic<String, Prediction> predictions;
    final TestOutputTopic<String, ModelVersion> modelsOut;
    final TestOutputTopic<String, DriftAlert> driftAlerts;
    final TestOutputTopic<byte[], DeadLetter> deadLetters;
    /** What the scoring and the join hand the trainers, in the order the trainers read it. */
    final TestOutputTopic<String, byte[]> trainingExamples;
    private final RegistryAvroSerializer<org.apache.avro.generic.GenericContainer> serializer;

    ModelDriver(Path stateDir, ModelSettings settings) {
        this(stateDir, settings, null, new InMemorySchemaRegistry());
    }

    /**
     * A driver whose stores keep their contents in {@code stores} (null for RocksDB), to restart on them with the
     * same {@code registry}.
     */
    ModelDriver(Path stateDir, ModelSettings settings, SurvivingStores stores, InMemorySchemaRegistry registry) {
        this(stateDir, settings, stores, registry, null);
    }

    /**
     * As above, with trainers that read their input back from {@code replay} (null: from the cluster the configuration
     * names, which a test driver has not: fine as long as no trainer restores a snapshot behind its input).
     */
    ModelDriver(Path stateDir, ModelSettings settings, SurvivingStores stores, InMemorySchemaRegistry registry,
                TrainingReplay replay) {
        this.registry = registry;
        this.serializer = new RegistryAvroSerializer<>(registry, AvroSerdeConfig.forValues());
        this.config = SpeedLayerConfig.defaults().withStateDir(stateDir).withTopicPrefix("test.").withModels(settings);
        RollingFeatureSource rolling = ModelTopology.storedRollingFeatures(config);
        Function<Map<String, Object>, TrainingReplay> replays = replay == null ? KafkaTrainingReplay::new : configs -> replay;
        ModelTopology topology = stores == null
                ? new ModelTopology(config, registry, rolling, Stores::persistentKeyValueStore, replays)
                : new ModelTopology(config, registry, rolling, stores::supplier, replays);
        this.driver = new TopologyTestDriver(topology.build(), config.toStreamsProperties(), NOW);
        var topics = config.topics();
        this.validEvents = driver.createInputTopic(topics.validEvents(), new ByteArraySerializer(), new ByteArraySerializer(),
                NOW, Duration.ZERO);
        this.labels = driver.createInputTopic(topics.labels(), new ByteArraySerializer(), new ByteArraySerializer(),
                NOW, Duration.ZERO);
        this.modelsIn = driver.createInputTopic(topics.models(), new StringSerializer(),
                new RegistryAvroSerializer<>(registry, AvroSerdeConfig.forValues()), NOW, Duration.ZERO);
        this.predictions = driver.createOutputTopic(topics.predictions(), new StringDeserializer(),
                RegistryAvroDeserializer.specific(registry, Prediction.class, false));
        this.modelsOut = driver.createOutputTopic(topics.models(), new StringDeserializer(),
                RegistryAvroDeserializer.specific(registry, ModelVersion.class, false));
        this.driftAlerts = driver.createOutputTopic(topics.driftAlerts(), new StringDeserializer(),
                RegistryAvroDeserializer.specific(registry, DriftAlert.class, false));
        this.trainingExamples = driver.createOutputTopic(topics.trainingExamples(), new StringDeserializer(),
                new ByteArrayDeserializer());
        this.deadLetters = driver.createOutputTopic(topics.deadLetters(), new ByteArrayDeserializer(),
                RegistryAvroDeserializer.specific(registry, DeadLetter.class, false));
    }

    /** One model over the SEA features with these settings' other values. */
    static ModelSettings seaSettings(String learner) {
        return ModelSettings.defaults().withModel(ModelDefinition.of(MODEL, learner, SEA));
    }

    static Event event(String id, String entity, double a1, double a2, double a3, String label) {
        Map<String, Object> features = Map.of("attrib1", a1, "attrib2", a2, "attrib3", a3);
        return Event.newBuilder().setId(id).setEntity(entity).setEventTime(NOW).setFeatures(features).setLabel(label).build();
    }

    byte[] encode(String topic, org.apache.avro.generic.GenericContainer record) {
        return serializer.serialize(topic, record);
    }

    void send(Event event, Instant recordTime) {
        validEvents.pipeInput(event.getEntity().getBytes(StandardCharsets.UTF_8), encode(config.topics().validEvents(), event),
                recordTime);
    }

    void sendLabel(String eventId, String label, Instant recordTime) {
        Label record = Label.newBuilder().setEventId(eventId).setLabel(label).setLabelTime(recordTime).build();
        labels.pipeInput(eventId.getBytes(StandardCharsets.UTF_8), encode(config.topics().labels(), record), recordTime);
    }

    /** A label under another key than its event id. */
    void sendLabelKeyed(String key, String eventId, String label) {
        Label record = Label.newBuilder().setEventId(eventId).setLabel(label).setLabelTime(NOW).build();
        labels.pipeInput(key.getBytes(StandardCharsets.UTF_8), encode(config.topics().labels(), record), NOW);
    }

    /** Publishes a version with a fresh, untrained bundle of {@code learner} over the SEA spec. */
    void publish(int version, Stage stage, double canaryShare, String learner, Instant createdAt) {
        FeatureEncoder encoder = new FeatureEncoder(SEA);
        ModelBundle bundle = new ModelBundle(encoder, Learners.create(learner, encoder.header(), Map.of()));
        publish(version, stage, canaryShare, bundle, createdAt);
    }

    void publish(int version, Stage stage, double canaryShare, ModelBundle bundle, Instant createdAt) {
        ModelVersion record = ModelVersion.newBuilder().setModelName(MODEL).setVersion(version).setStage(stage)
                .setCanaryShare(canaryShare).setLearnerKind(bundle.learner().kind()).setParameters(Map.of())
                .setState(ByteBuffer.wrap(bundle.toBytes())).setMetrics(Map.of())
                .setProvenance(Provenance.newBuilder().setInputOffsets(List.of()).setSchemaIds(List.of())
                        .setCodeVersion("test").setParentVersion(null).setTrainedBy("batch").setExamplesSeen(0).build())
                .setCreatedAt(createdAt).build();
        modelsIn.pipeInput(ModelKeys.version(MODEL, version), record, createdAt);
    }

    /** The total of one counter over every thread. */
    double count(ModelCounter counter) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> entry : driver.metrics().entrySet()) {
            MetricName name = entry.getKey();
            if (name.group().equals(ModelMetrics.GROUP) && name.name().equals("records-total")
                    && counter.name().equals(name.tags().get(ModelMetrics.OUTCOME_TAG))) {
                total += ((Number) entry.getValue().metricValue()).doubleValue();
            }
        }
        return total;
    }

    @Override
    public void close() {
        driver.close();
    }
}

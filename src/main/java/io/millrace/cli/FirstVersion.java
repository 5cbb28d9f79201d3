package io.millrace.cli;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.millrace.learning.Learners;
import io.millrace.learning.features.FeatureEncoder;
import io.millrace.schemas.ModelVersion;
import io.millrace.schemas.Provenance;
import io.millrace.schemas.Stage;
import io.millrace.speed.TopicNames;
import io.millrace.speed.config.ModelDefinition;
import io.millrace.speed.model.ModelBundle;
import io.millrace.speed.model.ModelKeys;
import io.millrace.speed.serde.RegistryAvroSerializer;
import io.millrace.speed.serde.RegistrySerdeConfig;

/**
 * Registers a model's first version, untrained, as PRODUCTION on the {@code models} topic before any event flows, so
 * that the very first event is scored: {@code millrace serve} does it for each model the registry has no version of,
 * the demo and the speed-layer benchmark before they start. (Left alone, the speed layer publishes the same version
 * itself when scoring first meets the model, and the events scored before it arrives go unscored.) The trainer
 * continues from this version: its checkpoints are version 2, 3, ... with this one as their ancestor.
 */
public final class FirstVersion {

    /** The {@code trained_by} of the first version's provenance. */
    public static final String TRAINED_BY = "bootstrap";

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private FirstVersion() {
    }

    /** Writes version 1 of {@code model} (untrained, PRODUCTION) to {@code topics.models()} and waits for the broker. */
    public static ModelVersion publish(String bootstrapServers, String registryUrl, TopicNames topics, ModelDefinition model) {
        ModelVersion version = untrained(model, Instant.now());
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, RegistryAvroSerializer.class.getName());
        config.put(RegistrySerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        try (KafkaProducer<String, GenericContainer> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topics.models(), ModelKeys.version(model.name(), 1), version)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish version 1 of model '" + model.name() + "': "
                + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing version 1 of model '" + model.name() + "'", e);
        }
        return version;
    }

    /**
     * Publishes version 1 of {@code model} unless the registry ({@code topics.models()}, read to its end) holds a
     * version of it already: a new version 1 would replace the record of an existing one and, being the newest
     * PRODUCTION record, take over from a trained version. The registry is read at {@code read_committed}: two
     * instances starting at the same moment can both publish version 1 (the same untrained model, the second record
     * replacing the first); a trainer's own version 1 still in an open transaction is not seen either, which is why
     * {@code millrace serve} calls this before its instance starts, not while one runs.
     *
     * @return whether it published
     */
    public static boolean publishIfMissing(String bootstrapServers, String registryUrl, TopicNames topics, ModelDefinition model) {
        if (modelsWithVersions(bootstrapServers, topics.models()).contains(model.name())) {
            return false;
        }
        publish(bootstrapServers, registryUrl, topics, model);
        return true;
    }

    /** The names of the models that have at least one version record on {@code modelsTopic}. */
    static Set<String> modelsWithVersions(String bootstrapServers, String modelsTopic) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Set<String> models = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(modelsTopic, READ_TIMEOUT).stream()
                .map(info -> new TopicPartition(modelsTopic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_TIMEOUT);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition, READ_TIMEOUT) < ends.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + modelsTopic + " to its end within "
                        + READ_TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String name = ModelKeys.modelOf(record.key());
                    if (name != null && record.value() != null) {
                        models.add(name);
                    }
                }
            }
        }
        return models;
    }

    /** Version 1 of {@code model}: a fresh encoder and learner, no examples seen, PRODUCTION. */
    public static ModelVersion untrained(ModelDefinition model, Instant now) {
        FeatureEncoder encoder = new FeatureEncoder(model.features());
        ModelBundle bundle = new ModelBundle(encoder, Learners.create(model.learnerKind(), encoder.header(), model.learnerParams()));
        Provenance provenance = Provenance.newBuilder()
            .setInputOffsets(List.of())
            .setSchemaIds(List.of())
            .setCodeVersion(MillraceVersion.codeVersion())
            .setParentVersion(null)
            .setTrainedBy(TRAINED_BY)
            .setExamplesSeen(0)
            .build();
        return ModelVersion.newBuilder()
            .setModelName(model.name())
            .setVersion(1)
            .setStage(Stage.PRODUCTION)
            .setCanaryShare(0.0)
            .setLearnerKind(bundle.learner().kind())
            .setParameters(model.learnerParams())
            .setState(ByteBuffer.wrap(bundle.toBytes()))
            .setMetrics(Map.of())
            .setProvenance(provenance)
            .setCreatedAt(now)
            .build();
    }
}

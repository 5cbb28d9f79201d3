package io.millrace.speed.config;

import io.millrace.speed.TopicNames;
import io.millrace.speed.serde.RegistrySerdeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndFailExceptionHandler;
import org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler;

/**
 * Everything the speed layer is configured with, typed and immutable, with defaults that run on a laptop
 * against {@code ./millrace dev-cluster}. {@link #toStreamsProperties()} turns it into the Kafka Streams
 * configuration; the topologies read topic names, the registry and the validation bounds from it, so a
 * test drives them with {@code TopologyTestDriver} by changing this one value.
 *
 * <p>Change one setting with the {@code with...} methods: {@code SpeedLayerConfig.defaults()
 * .withBootstrapServers("kafka:9092").withStateDir(Path.of("/var/lib/millrace"))}.
 *
 * @param applicationId      Kafka Streams {@code application.id}: consumer group, transactional id prefix and
 *                           the prefix of internal topics; instances with the same id share the partitions
 * @param bootstrapServers   the Kafka cluster
 * @param schemaRegistryUrl  a Confluent-API schema registry ({@code mock://SCOPE} for an in-memory one in tests)
 * @param topics             topic names, with their common prefix
 * @param stateDir           where RocksDB keeps the local state; persistent volumes in production
 * @param processingGuarantee exactly-once by default
 * @param numStreamThreads   stream threads in this instance
 * @param numStandbyReplicas warm copies of each state store on other instances, for fast fail-over
 * @param commitInterval     how often offsets and transactions commit; it bounds the end-to-end latency seen by
 *                           {@code read_committed} consumers under exactly-once
 * @param rocksDbMemoryBytes the off-heap memory all RocksDB stores of this JVM share: block cache, index and
 *                           filter blocks and write buffers together (see {@link BoundedMemoryRocksDBConfig})
 * @param validation         the event-time bounds of the ingest checks
 * @param models             the models to score with, train online and watch for drift (see {@link ModelSettings})
 * @param extraProperties    any further Kafka Streams, client or registry property (security settings of a
 *                           real cluster, {@code basic.auth.user.info}); applied last, so they win
 * @param rollingStats       the windows (sizes, advance, grace, retention) of the rolling statistics
 */
public record SpeedLayerConfig(
        String applicationId,
        String bootstrapServers,
        String schemaRegistryUrl,
        TopicNames topics,
        Path stateDir,
        ProcessingGuarantee processingGuarantee,
        int numStreamThreads,
        int numStandbyReplicas,
        Duration commitInterval,
        long rocksDbMemoryBytes,
        ValidationBounds validation,
        ModelSettings models,
        Map<String, String> extraProperties,
        RollingStatsConfig rollingStats) {

    public static final String DEFAULT_APPLICATION_ID = "millrace-speed";
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
    public static final String DEFAULT_SCHEMA_REGISTRY_URL = "http://localhost:8081";
    public static final Path DEFAULT_STATE_DIR = Path.of(System.getProperty("java.io.tmpdir"), "millrace", "streams");
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);
    public static final long DEFAULT_ROCKSDB_MEMORY_BYTES = 64L * 1024 * 1024;

    /** {@code max.task.idle.ms}: {@link StreamsConfig#MAX_TASK_IDLE_MS_DISABLED}, see {@link #toStreamsProperties()}. */
    public static final long TASK_IDLE_MS = StreamsConfig.MAX_TASK_IDLE_MS_DISABLED;

    /** {@code producer.batch.size}: 128 KiB, eight times the client's default, see {@link #toStreamsProperties()}. */
    public static final int PRODUCER_BATCH_BYTES = 128 * 1024;

    /** RocksDB needs room for at least a few blocks and one write buffer. */
    static final long MIN_ROCKSDB_MEMORY_BYTES = 4L * 1024 * 1024;

    public SpeedLayerConfig {
        applicationId = requireText(applicationId, "applicationId");
        bootstrapServers = requireText(bootstrapServers, "bootstrapServers");
        schemaRegistryUrl = requireText(schemaRegistryUrl, "schemaRegistryUrl");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(processingGuarantee, "processingGuarantee");
        Objects.requireNonNull(commitInterval, "commitInterval");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(rollingStats, "rollingStats");
        if (numStreamThreads < 1) {
            throw new IllegalArgumentException("numStreamThreads must be at least 1: " + numStreamThreads);
        }
        if (numStandbyReplicas < 0) {
            throw new IllegalArgumentException("numStandbyReplicas must not be negative: " + numStandbyReplicas);
        }
        if (commitInterval.isNegative() || commitInterval.isZero()) {
            throw new IllegalArgumentException("commitInterval must be positive: " + commitInterval);
        }
        if (rocksDbMemoryBytes < MIN_ROCKSDB_MEMORY_BYTES) {
            throw new IllegalArgumentException("rocksDbMemoryBytes must be at least " + MIN_ROCKSDB_MEMORY_BYTES
                    + " (4 MiB): " + rocksDbMemoryBytes);
        }
        extraProperties = Map.copyOf(Objects.requireNonNull(extraProperties, "extraProperties"));
    }

    /** The laptop defaults: local broker and registry, {@code millrace.} topics, exactly-once, 64 MiB for RocksDB. */
    public static SpeedLayerConfig defaults() {
        return new SpeedLayerConfig(DEFAULT_APPLICATION_ID, DEFAULT_BOOTSTRAP_SERVERS, DEFAULT_SCHEMA_REGISTRY_URL,
                TopicNames.defaults(), DEFAULT_STATE_DIR, ProcessingGuarantee.EXACTLY_ONCE_V2, 1, 0,
                DEFAULT_COMMIT_INTERVAL, DEFAULT_ROCKSDB_MEMORY_BYTES, ValidationBounds.defaults(), ModelSettings.defaults(), Map.of(),
                RollingStatsConfig.defaults());
    }

    /**
     * The Kafka Streams configuration: identity and cluster, state directory, processing guarantee, standby
     * replicas, commit interval, the bounded RocksDB setter with its budget, fail-fast error handlers (a record
     * is never skipped by a handler: ingest turns bad input into dead letters itself, and anything else is a
     * failure to see), no task idling ({@value #TASK_IDLE_MS}, see below), producer batches of up to
     * {@value #PRODUCER_BATCH_BYTES} bytes (below), the registry URL for serdes configured by class name, then
     * {@link #extraProperties}, which override any of them.
     *
     * <p>Task idling: the only task of the speed layer with two inputs is the label join, which joins a scored event
     * and its label in whichever order they come. Kafka Streams' default ({@code max.task.idle.ms=0}) holds such a
     * task back while one input has unfetched records, to process both in timestamp order, and pays for it on every
     * loop (it formats log messages whether or not they are logged): about a tenth of the stream thread's CPU in the
     * speed-layer benchmark. Order between the two inputs changes nothing the join computes, so idling is off.
     *
     * <p>Producer batches: a whole-layer event is seven records to a dozen topic partitions, all sent by one
     * transactional producer that Kafka Streams flushes at every commit. With the client's 16 KiB batches that is
     * many small produce requests, and the broker's and clients' threads spent more CPU on them than the stream
     * thread on the events; with 128 KiB (or 256 KiB) they spent a third less in the speed-layer benchmark, with no
     * change to the stream thread. A batch is only as big as the records that wait for it (the linger is Kafka
     * Streams' 100 ms and the commit flushes), so this costs no latency; the producer's 32 MiB buffer holds 256
     * batches at once, one per partition written since the last send: an instance that writes to many more partitions
     * than that should raise {@code producer.buffer.memory} or lower the batch size.
     */
    public Properties toStreamsProperties() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee.streamsValue());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, numStreamThreads);
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, numStandbyReplicas);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDBConfig.class);
        props.put(BoundedMemoryRocksDBConfig.MEMORY_BYTES_CONFIG, rocksDbMemoryBytes);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndFailExceptionHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndFailProcessingExceptionHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, TASK_IDLE_MS);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), PRODUCER_BATCH_BYTES);
        props.put(RegistrySerdeConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        props.putAll(extraProperties);
        return props;
    }

    /** The settings the registry client and serdes read: the URL and any registry keys among the extras. */
    public Map<String, Object> registryConfigs() {
        Map<String, Object> configs = new HashMap<>(extraProperties);
        configs.put(RegistrySerdeConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        return configs;
    }

    public SpeedLayerConfig withApplicationId(String value) {
        return new SpeedLayerConfig(value, bootstrapServers, schemaRegistryUrl, topics, stateDir, processingGuarantee,
                numStreamThreads, numStandbyReplicas, commitInterval, rocksDbMemoryBytes, validation, models, extraProperties, rollingStats);
    }

    public SpeedLayerConfig withBootstrapServers(String value) {
        return new SpeedLayerConfig(applicationId, value, schemaRegistryUrl, topics, stateDir, processingGuarantee,
                numStreamThreads, numStandbyReplicas, commitInterval, rocksDbMemoryBytes, validation, models, extraProperties, rollingStats);
    }

    public SpeedLayerConfig withSchemaRegistryUrl(String value) {
        return new SpeedLayerConfig(applicationId, bootstrapServers, value, topics, stateDir, processingGuarantee,
                numStreamThreads, numStandbyReplicas, commitInterval, rocksDbMemoryBytes, validation, models, extraProperties, rollingStats);
    }

    public SpeedLayerConfig withTopics(TopicNames value) {
        return new SpeedLayerConfig(applicationId, bootstrapServers, schemaRegistryUrl, value, stateDir, processingGuarantee,
                numStreamThreads, numStandbyReplicas, commitInterval, rocksDbMemoryBytes, validation, models, extraProperties, rollingStats);
    }

    /** Shorthand for {@code withTopics(new TopicNames(prefix))}. */
    public SpeedLayerConfig withTopicPrefix(String prefix) {
        return withTopics(new TopicNames(prefix));
    }

    public SpeedLayerConfig withStateDir(Path value) {
        return new SpeedLayerConfig(applicationId, bootstrapServers, schemaRegistryUrl, topics, value, processingGuarantee,
                numStreamThreads, numStandbyReplicas, commitInterval, rocksDbMemoryBytes, validation, models, extraProperties, rollingStats);
    }

    public SpeedLayerConfig withProcessingGuarantee(ProcessingGuarantee value) {
        return new SpeedLayerConfig(applicationId, bootstrapServers, schemaRegistryUrl, topics, stateDir, value,
                numStreamThreads, numStandbyReplicas, commitInterval, rocksDbMemoryBytes, validation, models, extraProperties, rollingStats);
    }

    public SpeedLayerConfig withNumStreamThreads(int value) {
        return new SpeedLayerConfig(applicationId, bootstrapServers, schemaRegistryUrl, topics, stateDir, processingGuarantee,
                value, numStandbyReplicas, commitInterval, rocksDbMemoryBytes, validation, models, extraProperties, rollingStats);
    }

    public SpeedLayerConfig withNumStandbyReplicas(int value) {
        return new SpeedLayerConfig(applicationId, bootstrapServers, schemaRegistryUrl, topics, stateDir, processingGuarantee,
                numStreamThreads, value, commitInterval, rocksDbMemoryBytes, validation, models, extraProperties, rollingStats);
    }

    public SpeedLayerConfig withCommitInterval(Duration value) {
        return new SpeedLayerConfig(applicationId, bootstrapServers, schemaRegistryUrl, topics, stateDir, processingGuarantee,
                numStreamThreads, numStandbyReplicas, value, rocksDbMemoryBytes, validation, models, extraProperties, rollingStats);
    }

    public SpeedLayerConfig withRocksDbMemoryBytes(long value) {
        return new SpeedLayerConfig(applicationId, bootstrapServers, schemaRegistryUrl, topics, stateDir, processingGuarantee,
                numStreamThreads, numStandbyReplicas, commitInterval, value, validation, models, extraProperties, rollingStats);
    }

    public SpeedLayerConfig withValidation(ValidationBounds value) {
        return new SpeedLayerConfig(applicationId, bootstrapServers, schemaRegistryUrl, topics, stateDir, processingGuarantee,
                numStreamThreads, numStandbyReplicas, commitInterval, rocksDbMemoryBytes, value, models, extraProperties, rollingStats);
    }

    public SpeedLayerConfig withModels(ModelSettings value) {
        return new SpeedLayerConfig(applicationId, bootstrapServers, schemaRegistryUrl, topics, stateDir, processingGuarantee,
                numStreamThreads, numStandbyReplicas, commitInterval, rocksDbMemoryBytes, validation, value, extraProperties, rollingStats);
    }

    public SpeedLayerConfig withRollingStats(RollingStatsConfig value) {
        return new SpeedLayerConfig(applicationId, bootstrapServers, schemaRegistryUrl, topics, stateDir, processingGuarantee,
                numStreamThreads, numStandbyReplicas, commitInterval, rocksDbMemoryBytes, validation, models, extraProperties, value);
    }

    /** Adds (or replaces) one extra property. */
    public SpeedLayerConfig withExtraProperty(String key, String value) {
        Map<String, String> extras = new LinkedHashMap<>(extraProperties);
        extras.put(requireText(key, "key"), Objects.requireNonNull(value, "value"));
        return new SpeedLayerConfig(applicationId, bootstrapServers, schemaRegistryUrl, topics, stateDir, processingGuarantee,
                numStreamThreads, numStandbyReplicas, commitInterval, rocksDbMemoryBytes, validation, models, extras, rollingStats);
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value.trim();
    }
}

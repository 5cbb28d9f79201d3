package io.millrace.speed;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.millrace.speed.config.SpeedLayerConfig;
import io.millrace.speed.drift.FeatureDriftTopology;
import io.millrace.speed.ingest.EntityPartitions;
import io.millrace.speed.ingest.Handover;
import io.millrace.speed.ingest.IngestTopology;
import io.millrace.speed.model.ModelTopology;
import io.millrace.speed.stats.RollingStatsTopology;

/**
 * One speed-layer instance: one Kafka Streams application ({@code application.id}) that validates events
 * ({@link IngestTopology}), keeps rolling statistics per entity and feature ({@link RollingStatsTopology}), watches
 * the features' distributions for drift ({@link FeatureDriftTopology}) and,
 * for the configured models, scores each event with its online features right after its statistics are updated,
 * joins the delayed labels, trains online and watches for drift ({@link ModelTopology}). Instances started with
 * the same application id share the partitions; state lives in RocksDB under the configured state directory and
 * in changelog topics, so it survives restarts and moves with partitions when instances come and go.
 */
public final class SpeedLayer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SpeedLayer.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private final EntityPartitions partitions;

    private SpeedLayer(KafkaStreams streams, EntityPartitions partitions) {
        this.streams = streams;
        this.partitions = partitions;
    }

    /**
     * The whole data flow with the entity partitions not known: every valid event reaches the rolling statistics
     * through {@code rekeyed-events} (see {@link #topology(SpeedLayerConfig, EntityPartitions)}).
     */
    public static Topology topology(SpeedLayerConfig config) {
        return topology(config, EntityPartitions.unknown());
    }

    /**
     * The whole data flow: ingest and validation, rolling statistics, the feature drift watch, then the configured
     * models. Ingest, the statistics, the drift watch and scoring are one sub-topology: an event read from the
     * {@code events} partition that {@code partitions} gives its entity is counted and scored in the task that
     * validated it, any other goes through {@code rekeyed-events} to its entity's task first; the statistics write
     * every event to {@code valid-events}, which the speed layer does not read back.
     */
    public static Topology topology(SpeedLayerConfig config, EntityPartitions partitions) {
        Topology topology = new Topology();
        IngestTopology.from(config).addTo(topology, Handover.toStatistics(partitions, RollingStatsTopology.UPDATE_STATS));
        RollingStatsTopology stats = RollingStatsTopology.from(config);
        stats.addAfter(topology, IngestTopology.VALIDATE);
        if (config.rollingStats().featureDrift().enabled()) {
            FeatureDriftTopology.from(config).addTo(topology);
        }
        if (!config.models().models().isEmpty()) {
            ModelTopology.from(config, stats.taskSlices()).addTo(topology);
        }
        return topology;
    }

    /**
     * Starts an instance; {@link #awaitRunning} waits until it processes.
     *
     * @throws IllegalStateException when {@code valid-events} or {@code rekeyed-events} is missing, or their partition
     *                               counts differ
     */
    public static SpeedLayer start(SpeedLayerConfig config) {
        EntityPartitions partitions = entityPartitions(config);
        SpeedLayer layer = new SpeedLayer(new KafkaStreams(topology(config, partitions), config.toStreamsProperties()),
                partitions);
        layer.streams.setUncaughtExceptionHandler(new RetryOnRegistryOutage());
        layer.streams.setStateListener((now, before) -> LOG.info("speed layer: {} -> {}", before, now));
        layer.streams.start();
        return layer;
    }

    /**
     * The partitions of the topics keyed by entity, read from the cluster: {@code valid-events} and
     * {@code rekeyed-events} must have the same count, which decides each entity's task.
     */
    static EntityPartitions entityPartitions(SpeedLayerConfig config) {
        Map<String, Object> admin = new HashMap<>(config.extraProperties());
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        String valid = config.topics().validEvents();
        String rekeyed = config.topics().rekeyedEvents();
        Map<String, Integer> counts = TopicSetup.partitionCounts(admin, List.of(valid, rekeyed));
        if (!counts.get(valid).equals(counts.get(rekeyed))) {
            throw new IllegalStateException(valid + " has " + counts.get(valid) + " partitions and " + rekeyed + " "
                    + counts.get(rekeyed) + ": the speed layer needs the same count on both (each entity's statistics"
                    + " live in one task); recreate " + rekeyed + " with " + counts.get(valid) + " partitions");
        }
        return new EntityPartitions(counts.get(valid));
    }

    /**
     * Waits until the instance is RUNNING (partitions assigned, state restored).
     *
     * @throws IllegalStateException when it failed or did not get there in time
     */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (hasFailed()) {
                throw new IllegalStateException("the speed layer stopped with an error: " + streams.state());
            }
            if (streams.state() == KafkaStreams.State.RUNNING) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the speed layer is " + streams.state() + " after " + timeout.toSeconds() + " s");
    }

    /** The Kafka Streams application, for interactive queries ({@link io.millrace.speed.stats.RollingStatsQueries}) and metrics. */
    public KafkaStreams streams() {
        return streams;
    }

    /**
     * The partitions the entities' state is spread over (those of {@code valid-events}): what routes an entity's
     * interactive queries ({@link io.millrace.speed.stats.RollingStatsQueries}).
     */
    public EntityPartitions entityPartitions() {
        return partitions;
    }

    /** Input partitions this instance processes now, as "topic-partition". */
    public Set<String> assignedPartitions() {
        Set<String> partitions = new TreeSet<>();
        streams.metadataForLocalThreads().forEach(thread -> thread.activeTasks().forEach(task ->
            task.topicPartitions().stream().map(TopicPartition::toString).forEach(partitions::add)));
        return partitions;
    }

    /** Whether the application stopped because of an error. */
    public boolean hasFailed() {
        return streams.state() == KafkaStreams.State.ERROR;
    }

    /**
     * Stops the instance and leaves the consumer group, so its partitions move at once: to the other instances when it
     * scales in, or back to it when it restarts. (Kafka Streams' plain {@code close} stays in the group, and the
     * group then waits for the session timeout, 45 s by default, before anyone takes its partitions.)
     */
    @Override
    public void close() {
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT));
    }
}

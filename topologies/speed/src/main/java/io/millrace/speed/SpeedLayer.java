package io.millrace.speed;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.millrace.speed.config.SpeedLayerConfig;
import io.millrace.speed.ingest.IngestTopology;
import io.millrace.speed.model.ModelTopology;
import io.millrace.speed.stats.RollingStatsTopology;

/**
 * One speed-layer instance, as two Kafka Streams applications in one process:
 * <ul>
 *   <li>the core ({@code <application.id>}): ingest and validation, then, for the configured models,
 *       scoring, the label join, online training and drift detection;</li>
 *   <li>the statistics ({@code <application.id>-stats}): rolling statistics per feature and entity over
 *       {@code valid-events}, with their interactive queries.</li>
 * </ul>
 * They are two applications because a Kafka Streams topology may read a topic through one source only,
 * and the two read {@code valid-events} differently (raw bytes for scoring, event-time-stamped events for
 * the windows). Instances started with the same application id share the partitions of both; state
 * lives in RocksDB under the configured state directory and in changelog topics, so it survives restarts
 * and moves with partitions when instances come and go.
 */
public final class SpeedLayer implements AutoCloseable {

    /** Suffix of the statistics application's id. */
    public static final String STATS_APPLICATION_SUFFIX = "-stats";

    private static final Logger LOG = LoggerFactory.getLogger(SpeedLayer.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams core;
    private final KafkaStreams stats;

    private SpeedLayer(KafkaStreams core, KafkaStreams stats) {
        this.core = core;
        this.stats = stats;
    }

    /** The core data flow: ingest and validation, then the configured models. */
    public static Topology topology(SpeedLayerConfig config) {
        Topology topology = new Topology();
        IngestTopology.from(config).addTo(topology);
        if (!config.models().models().isEmpty()) {
            ModelTopology.from(config).addTo(topology);
        }
        return topology;
    }

    /** The statistics data flow: rolling statistics over {@code valid-events}. */
    public static Topology statsTopology(SpeedLayerConfig config) {
        return RollingStatsTopology.from(config).build();
    }

    /** The statistics application's configuration: the same settings under its own application id. */
    public static SpeedLayerConfig statsConfig(SpeedLayerConfig config) {
        return config.withApplicationId(config.applicationId() + STATS_APPLICATION_SUFFIX);
    }

    /** Starts an instance; {@link #awaitRunning} waits until it processes. */
    public static SpeedLayer start(SpeedLayerConfig config) {
        SpeedLayer layer = new SpeedLayer(
            new KafkaStreams(topology(config), config.toStreamsProperties()),
            new KafkaStreams(statsTopology(config), statsConfig(config).toStreamsProperties()));
        for (KafkaStreams streams : layer.both()) {
            streams.setUncaughtExceptionHandler(new RetryOnRegistryOutage());
            streams.setStateListener((now, before) -> LOG.info("speed layer {}: {} -> {}",
                streams == layer.core ? "core" : "stats", before, now));
            streams.start();
        }
        return layer;
    }

    /**
     * Waits until both applications are RUNNING (partitions assigned, state restored).
     *
     * @throws IllegalStateException when one failed or did not get there in time
     */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (hasFailed()) {
                throw new IllegalStateException("the speed layer stopped with an error: core " + core.state()
                    + ", stats " + stats.state());
            }
            if (core.state() == KafkaStreams.State.RUNNING && stats.state() == KafkaStreams.State.RUNNING) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the speed layer is core " + core.state() + ", stats " + stats.state()
            + " after " + timeout.toSeconds() + " s");
    }

    /** The core application: ingest and models. */
    public KafkaStreams streams() {
        return core;
    }

    /** The statistics application, for interactive queries of the rolling statistics. */
    public KafkaStreams statsStreams() {
        return stats;
    }

    /** Input partitions of the events topic this instance validates now, as "topic-partition". */
    public Set<String> assignedPartitions() {
        Set<String> partitions = new TreeSet<>();
        core.metadataForLocalThreads().forEach(thread -> thread.activeTasks().forEach(task ->
            task.topicPartitions().stream().map(TopicPartition::toString).forEach(partitions::add)));
        return partitions;
    }

    /** Whether either application stopped because of an error. */
    public boolean hasFailed() {
        return both().stream().anyMatch(streams -> streams.state() == KafkaStreams.State.ERROR);
    }

    private List<KafkaStreams> both() {
        return List.of(core, stats);
    }

    @Override
    public void close() {
        both().forEach(streams -> streams.close(CLOSE_TIMEOUT));
    }
}

package io.millrace.speed;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.millrace.speed.config.SpeedLayerConfig;
import io.millrace.speed.ingest.IngestTopology;
import io.millrace.speed.model.ModelTopology;

/**
 * One speed-layer instance: the whole topology in one {@link KafkaStreams}, started, watched and
 * closed. Instances started with the same application id share the input partitions; state lives in
 * RocksDB under the configured state directory and in changelog topics, so it survives restarts and
 * moves with partitions when instances come and go.
 */
public final class SpeedLayer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SpeedLayer.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch failed = new CountDownLatch(1);

    private SpeedLayer(KafkaStreams streams) {
        this.streams = streams;
    }

    /**
     * The speed layer's data flow: ingest and validation, then, for the configured models, scoring,
     * the label join, online training and drift detection.
     */
    public static Topology topology(SpeedLayerConfig config) {
        Topology topology = new Topology();
        IngestTopology.from(config).addTo(topology);
        if (!config.models().models().isEmpty()) {
            ModelTopology.from(config).addTo(topology);
        }
        return topology;
    }

    /** Starts an instance; {@link #awaitRunning} waits until it processes. */
    public static SpeedLayer start(SpeedLayerConfig config) {
        KafkaStreams streams = new KafkaStreams(topology(config), config.toStreamsProperties());
        SpeedLayer layer = new SpeedLayer(streams);
        streams.setUncaughtExceptionHandler(new RetryOnRegistryOutage());
        streams.setStateListener(layer::onStateChange);
        streams.start();
        return layer;
    }

    /**
     * Waits until the instance is RUNNING (its partitions assigned and state restored).
     *
     * @throws IllegalStateException when it failed or did not get there in time
     */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (failed.getCount() == 0) {
                throw new IllegalStateException("the speed layer stopped with an error: " + streams.state());
            }
            if (running.await(100, TimeUnit.MILLISECONDS) && streams.state() == KafkaStreams.State.RUNNING) {
                return;
            }
        }
        throw new IllegalStateException("the speed layer is " + streams.state() + " after " + timeout.toSeconds() + " s");
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** Input partitions this instance processes now, as "topic-partition". */
    public Set<String> assignedPartitions() {
        Set<String> partitions = new TreeSet<>();
        streams.metadataForLocalThreads().forEach(thread -> thread.activeTasks().forEach(task ->
            task.topicPartitions().stream().map(TopicPartition::toString).forEach(partitions::add)));
        return partitions;
    }

    /** Whether the instance stopped because of an error. */
    public boolean hasFailed() {
        return failed.getCount() == 0;
    }

    private void onStateChange(KafkaStreams.State now, KafkaStreams.State before) {
        LOG.info("speed layer {} -> {}", before, now);
        if (now == KafkaStreams.State.RUNNING) {
            running.countDown();
        } else if (now == KafkaStreams.State.ERROR) {
            failed.countDown();
        }
    }

    @Override
    public void close() {
        streams.close(CLOSE_TIMEOUT);
    }
}

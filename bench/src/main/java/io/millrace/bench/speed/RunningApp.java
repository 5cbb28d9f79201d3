package io.millrace.bench.speed;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

import io.millrace.speed.SpeedLayer;
import io.millrace.speed.config.SpeedLayerConfig;

/**
 * One Kafka Streams application under measurement, started, watched and closed the same way whether it is
 * the speed layer (through {@link SpeedLayer#start}, exactly as {@code millrace serve} runs it) or the
 * pass-through baseline.
 */
interface RunningApp extends AutoCloseable {

    /** Waits until the application is RUNNING; throws when it failed or took longer than {@code timeout}. */
    void awaitRunning(Duration timeout) throws InterruptedException;

    /** Whether the application stopped with an error. */
    boolean hasFailed();

    /** Its Kafka Streams metrics, custom counters included. */
    Map<MetricName, ? extends Metric> metrics();

    @Override
    void close();

    /** Starts the speed layer of {@code config}. */
    static RunningApp speedLayer(SpeedLayerConfig config) {
        SpeedLayer layer = SpeedLayer.start(config);
        return new RunningApp() {
            @Override
            public void awaitRunning(Duration timeout) throws InterruptedException {
                layer.awaitRunning(timeout);
            }

            @Override
            public boolean hasFailed() {
                return layer.hasFailed();
            }

            @Override
            public Map<MetricName, ? extends Metric> metrics() {
                return layer.streams().metrics();
            }

            @Override
            public void close() {
                layer.close();
            }
        };
    }

    /** Starts {@code topology} with {@code config}'s Kafka Streams properties (application id, guarantee, commits...). */
    static RunningApp plain(Topology topology, SpeedLayerConfig config) {
        return new PlainStreams(topology, config);
    }

    /** A {@link KafkaStreams} of any topology, with the same start and wait as {@link SpeedLayer}. */
    final class PlainStreams implements RunningApp {

        private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

        private final KafkaStreams streams;
        private final CountDownLatch running = new CountDownLatch(1);
        private final CountDownLatch failed = new CountDownLatch(1);

        PlainStreams(Topology topology, SpeedLayerConfig config) {
            this.streams = new KafkaStreams(topology, config.toStreamsProperties());
            streams.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.RUNNING) {
                    running.countDown();
                } else if (now == KafkaStreams.State.ERROR) {
                    failed.countDown();
                }
            });
            streams.start();
        }

        @Override
        public void awaitRunning(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (hasFailed()) {
                    throw new IllegalStateException("the application stopped with an error: " + streams.state());
                }
                if (running.await(100, TimeUnit.MILLISECONDS) && streams.state() == KafkaStreams.State.RUNNING) {
                    return;
                }
            }
            throw new IllegalStateException("the application is " + streams.state() + " after " + timeout.toSeconds() + " s");
        }

        @Override
        public boolean hasFailed() {
            return failed.getCount() == 0;
        }

        @Override
        public Map<MetricName, ? extends Metric> metrics() {
            return streams.metrics();
        }

        @Override
        public void close() {
            streams.close(CLOSE_TIMEOUT);
        }
    }
}

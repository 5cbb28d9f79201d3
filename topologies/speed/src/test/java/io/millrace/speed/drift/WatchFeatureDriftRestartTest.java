package io.millrace.speed.drift;

import static io.millrace.speed.drift.FeatureDriftDriver.T0;
import static io.millrace.speed.drift.FeatureDriftTopologyTest.normal;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.learning.stats.QuantileSketch;
import io.millrace.schemas.DriftAlert;
import io.millrace.schemas.Event;
import io.millrace.schemas.OffsetRange;
import io.millrace.speed.StoreNames;
import io.millrace.speed.config.RollingStatsConfig;
import io.millrace.speed.serde.ValidEvent;
import io.millrace.speed.stats.EntitySlice;
import io.millrace.speed.stats.StatsClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.Test;

/**
 * Restarts of the drift watch. TopologyTestDriver deletes its state directory on close, so these tests drive
 * {@link WatchFeatureDrift} itself under a {@link MockProcessorContext}, with in-memory stores that outlive the
 * processor (the window store written as the rolling statistics write it), standing in for the disk and changelog a
 * restarted task restores. Every store write here is durable at once: a restart between two records is what a restart
 * after a commit sees, whether the old processor was closed or crashed.
 */
class WatchFeatureDriftRestartTest {
    private static final RollingStatsConfig ROLLING = RollingStatsConfig.defaults();
    /** The statistics store's slices with the default windows: the tumbling minute (the hopping slices are five of them). */
    private static final long BASE_SLICE = Duration.ofMinutes(1).toMillis();
    private static final Duration SPACING = Duration.ofSeconds(6);
    private static final String TOPIC = "millrace.valid-events";

    @Test
    void aRestartBeforeTheReferenceClosesRebuildsTheSlicesFromTheStore() {
        Task task = new Task();
        task.start();
        task.sendUntil(T0.plus(Duration.ofMinutes(40)), stable());
        task.restart();
        task.sendUntil(T0.plus(Duration.ofMinutes(65)), stable());

        FeatureReference reference = task.watch.references().get("amount");
        // every event of [12:00, 13:00): 400 read before the restart (from the store after it), 200 after
        assertThat(reference.count()).isEqualTo(600);
        assertThat(reference.from()).isEqualTo(T0);
    }

    @Test
    void aRestartNeitherRepeatsNorMissesAnAlert() {
        Instant shift = T0.plus(Duration.ofMinutes(90));
        BiFunction<Instant, Random, Double> shifted = (time, random) -> normal(random, time.isBefore(shift) ? 100 : 160, 20);
        Task task = new Task();
        task.start();
        // stop 30 s before the window [13:00, 14:00), half shifted, closes (at 14:01)
        task.sendUntil(T0.plus(Duration.ofSeconds(2 * 3600 + 30)), shifted);
        assertThat(task.alerts()).isEmpty();

        task.restart();
        task.sendUntil(T0.plus(Duration.ofHours(3)), shifted);
        List<DriftAlert> alerts = task.alerts();
        assertThat(alerts).extracting(DriftAlert::getDetector).containsExactlyInAnyOrder("psi", "ks");
        long closing = (Duration.ofMinutes(121).toMillis()) / SPACING.toMillis();
        assertThat(alerts).allSatisfy(alert -> {
            assertThat(FeatureDriftTopologyTest.windowStart(alert)).isEqualTo(T0.plus(Duration.ofHours(1)));
            assertThat(alert.getOffsets()).containsExactly(new OffsetRange(TOPIC, 0, closing, closing + 1));
        });

        task.crash();
        task.sendUntil(T0.plus(Duration.ofHours(4)), shifted);
        assertThat(task.alerts()).isEmpty();
        DriftFlag ks = task.flag(DriftTests.KS, "amount");
        assertThat(ks.drifted()).isTrue();
        // the last window closed by 15:59:54 starts at 14:55
        assertThat(ks.windowStart()).isEqualTo(T0.plus(Duration.ofMinutes(175)).toEpochMilli());
    }

    @Test
    void anInstalledReferenceReplacesTheStreamsAndItsFlags() {
        Instant shift = T0.plus(Duration.ofMinutes(90));
        Instant back = T0.plus(Duration.ofMinutes(210));
        BiFunction<Instant, Random, Double> amounts = (time, random) ->
                normal(random, !time.isBefore(shift) && time.isBefore(back) ? 160 : 100, 20);
        Task task = new Task();
        task.start();
        task.sendUntil(T0.plus(Duration.ofHours(2).plusMinutes(30)), amounts);
        assertThat(task.alerts()).hasSize(2);
        assertThat(task.flag(DriftTests.KS, "amount").drifted()).isTrue();

        // a batch recomputation says the shifted amounts are the norm
        QuantileSketch batch = new QuantileSketch();
        Random random = new Random(99);
        for (int i = 0; i < 5000; i++) {
            batch.update(normal(random, 160, 20));
        }
        Instant from = T0.plus(Duration.ofHours(2));
        Instant to = T0.plus(Duration.ofMinutes(150));
        task.watch.install(List.of(FeatureReference.numeric("amount", "batch", from, to, batch)));
        assertThat(task.flag(DriftTests.KS, "amount")).isEqualTo(DriftFlag.NONE);
        assertThat(task.watch.references()).containsOnlyKeys("amount");

        // the shifted windows match it; once the amounts are back to 100, they drift from it
        task.sendUntil(T0.plus(Duration.ofHours(5)), amounts);
        List<DriftAlert> alerts = task.alerts();
        assertThat(alerts).extracting(DriftAlert::getDetector).containsExactlyInAnyOrder("psi", "ks");
        assertThat(alerts).allSatisfy(alert -> {
            assertThat(FeatureDriftTopologyTest.windowStart(alert)).isAfterOrEqualTo(T0.plus(Duration.ofMinutes(150)));
            assertThat(alert.getWindow()).endsWith("against the batch reference [" + from + ", " + to + ") (5000 values)");
        });
    }

    private static BiFunction<Instant, Random, Double> stable() {
        return (time, random) -> normal(random, 100, 20);
    }

    /** One task's stores, kept across processor instances, and the watch reading them. */
    private static final class Task {
        private final MockProcessorContext<String, DriftAlert> context = new MockProcessorContext<>();
        private final WindowStore<String, EntitySlice> stats;
        private final KeyValueStore<String, Long> clock;
        private final KeyValueStore<String, byte[]> state;
        private final Random random = new Random(5);
        private WatchFeatureDrift watch;
        private Instant next = T0;
        private long offset;
        private long streamTime = Long.MIN_VALUE;

        Task() {
            context.setCurrentSystemTimeMs(FeatureDriftDriver.RECORD_TIME.toEpochMilli());
            stats = add(Stores.windowStoreBuilder(Stores.inMemoryWindowStore(StoreNames.ENTITY_STATS,
                            ROLLING.hopping().retention(), Duration.ofMillis(BASE_SLICE), false), Serdes.String(), EntitySlice.serde())
                    .withLoggingDisabled().build());
            clock = add(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.ROLLING_STATS_CLOCK),
                    Serdes.String(), Serdes.Long()).withLoggingDisabled().build());
            add(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.FEATURE_DRIFT_REFERENCES),
                    Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build());
            state = add(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.FEATURE_DRIFT_STATE),
                    Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build());
        }

        private <S extends StateStore> S add(S store) {
            store.init(context.getStateStoreContext(), store);
            context.addStateStore(store);
            return store;
        }

        void start() {
            watch = new WatchFeatureDrift(ROLLING);
            watch.init(context);
        }

        /** A clean restart: the old processor closes, a new one starts on the same stores. */
        void restart() {
            watch.close();
            start();
        }

        /** A crash: the old processor is dropped without closing. */
        void crash() {
            start();
        }

        /** One event every 6 s up to {@code end} (exclusive), each written to the window store and clock first. */
        void sendUntil(Instant end, BiFunction<Instant, Random, Double> amount) {
            for (; next.isBefore(end); next = next.plus(SPACING)) {
                Event event = FeatureDriftDriver.event("e-" + offset, "acct-" + (offset % 20), next,
                        Map.of("amount", amount.apply(next, random)));
                store(event);
                context.setRecordMetadata(TOPIC, 0, offset++);
                watch.process(new Record<>(new byte[0], ValidEvent.of(new byte[0], event), 0L));
            }
        }

        /** What the rolling statistics do before forwarding (all events here are in order, so on time). */
        private void store(Event event) {
            long time = event.getEventTime().toEpochMilli();
            long slice = Math.floorDiv(time, BASE_SLICE) * BASE_SLICE;
            EntitySlice values = stats.fetch(event.getEntity(), slice);
            if (values == null) {
                values = new EntitySlice();
            }
            for (Map.Entry<String, Object> feature : event.getFeatures().entrySet()) {
                values.add(feature.getKey(), feature.getValue(), 0, ROLLING.maxCategories());   // on time for both families
            }
            stats.put(event.getEntity(), values, slice);
            streamTime = Math.max(streamTime, time);
            clock.put(StatsClock.KEY, streamTime);
        }

        List<DriftAlert> alerts() {
            List<DriftAlert> alerts = context.forwarded().stream()
                    .map(forward -> (DriftAlert) forward.record().value())
                    .toList();
            context.resetForwards();
            return alerts;
        }

        DriftFlag flag(String detector, String feature) {
            return DriftFlag.fromBytes(state.get(DriftFlag.key(detector, feature)));
        }
    }
}

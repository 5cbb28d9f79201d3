package io.millrace.speed.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.speed.config.WindowSpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The update processor's slice cache always answers what the store holds: loaded on first touch, extended for late
 * slices, trimmed behind the newest slice and evicted by size, whatever the order of events.
 */
class EntitySliceCacheTest {
    private static final long MINUTE = 60_000L;
    private static final WindowSpec HOURLY_BY_5_MIN = WindowSpec.hopping(Duration.ofHours(1), Duration.ofMinutes(5),
            Duration.ofMinutes(1), Duration.ofDays(1));
    private static final long T0 = 1_780_000_000_000L / (5 * MINUTE) * (5 * MINUTE);

    private final Windowing windowing = new Windowing(HOURLY_BY_5_MIN);
    private final WindowStore<String, EntitySlice> store = openStore();

    @Test
    void slicesTheStoreHeldBeforeTheCacheStartedAreRead() {
        store.put("a", slice("amount", 1.0), T0);
        store.put("a", slice("amount", 2.0), T0 + 5 * MINUTE);
        EntitySliceCache cache = attached(100);

        NavigableMap<Long, EntitySlice> read = cache.slices("a", T0, T0 + 55 * MINUTE);

        assertThat(read.keySet()).containsExactly(T0, T0 + 5 * MINUTE);
        assertThat(read.get(T0 + 5 * MINUTE).feature("amount").allExact(new ValueStatistics()).moments().sum()).isEqualTo(2.0);
    }

    @Test
    void aLateSliceBeforeTheHeldRangeComesFromTheStore() {
        store.put("a", slice("amount", 7.0), T0);
        EntitySliceCache cache = attached(100);
        write(cache, "a", T0 + 120 * MINUTE, 1.0);

        EntitySlice late = cache.slice("a", T0);

        assertThat(late.feature("amount").allExact(new ValueStatistics()).moments().sum()).isEqualTo(7.0);
        assertThat(cache.slices("a", T0, T0 + 120 * MINUTE).keySet()).containsExactly(T0, T0 + 120 * MINUTE);
    }

    @ParameterizedTest(name = "at most {0} slices held")
    @ValueSource(ints = {0, 1, 7, 40, 100_000})
    void readsEqualTheStoreWhateverTheOrderOfEventsAndTheSizeOfTheCache(int maxSlices) {
        EntitySliceCache cache = attached(maxSlices);
        Random random = new Random(maxSlices + 17L);
        long clock = T0;
        for (int event = 0; event < 3_000; event++) {
            clock += random.nextInt(20) * 1_000L;
            String entity = "e" + random.nextInt(12);
            long eventTime = random.nextInt(10) == 0 ? clock - random.nextInt(180) * MINUTE : clock;
            write(cache, entity, eventTime, random.nextInt(1000) / 10.0);

            String asked = "e" + random.nextInt(12);
            long start = windowing.firstWindowStart(clock - random.nextInt(120) * MINUTE);
            long end = start + windowing.size - windowing.slice;
            assertThat(bytes(cache.slices(asked, start, end))).as("slices of %s from %d at event %d", asked, start, event)
                    .isEqualTo(bytes(fetch(asked, start, end)));
        }
    }

    /** What {@link RollingStore#add} does: the cached slice takes the value, then goes to the store. */
    private void write(EntitySliceCache cache, String entity, long eventTime, double amount) {
        long sliceStart = windowing.sliceStart(eventTime);
        EntitySlice slice = cache.slice(entity, sliceStart);
        slice.add("amount", amount, Lateness.ON_TIME, 100);
        store.put(entity, slice, sliceStart);
    }

    private EntitySliceCache attached(int maxSlices) {
        EntitySliceCache cache = new EntitySliceCache(windowing.size - windowing.slice, maxSlices);
        cache.attach(store);
        return cache;
    }

    private NavigableMap<Long, EntitySlice> fetch(String entity, long from, long to) {
        TreeMap<Long, EntitySlice> found = new TreeMap<>();
        try (WindowStoreIterator<EntitySlice> slices = store.fetch(entity, from, to)) {
            slices.forEachRemaining(slice -> found.put(slice.key, slice.value));
        }
        return found;
    }

    private static Map<Long, String> bytes(NavigableMap<Long, EntitySlice> slices) {
        Map<Long, String> bytes = new LinkedHashMap<>();
        slices.forEach((start, slice) -> bytes.put(start, Arrays.toString(slice.toBytes())));
        return bytes;
    }

    private static EntitySlice slice(String feature, double value) {
        return new EntitySlice().add(feature, value, Lateness.ON_TIME, 100);
    }

    private static WindowStore<String, EntitySlice> openStore() {
        WindowStore<String, EntitySlice> store = Stores.windowStoreBuilder(
                        Stores.inMemoryWindowStore("entity-stats", Duration.ofDays(1), Duration.ofMinutes(5), false),
                        Serdes.String(), EntitySlice.serde())
                .withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        return store;
    }
}

package io.millrace.speed.drift;

import io.millrace.schemas.Event;
import io.millrace.speed.stats.EntitySlice;
import io.millrace.speed.stats.SliceStatistics;
import io.millrace.speed.stats.ValueStatistics;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * One task's feature values per slice of the hopping windows (see {@code io.millrace.speed.stats.Windowing}), merged
 * over all its entities, from a given slice on: what the drift watch builds its reference and judges its windows
 * from, each window being the merge of its slices.
 *
 * <p>Kept in memory and fed by every event as it passes (a sketch update or a count per feature), because reading a
 * window's slices over all entities from the hopping store costs a {@code fetchAll}, which in a Kafka Streams window
 * store (keys first, then time) scans every entry of the store's segment, half the retention: doing that for every
 * window would cost about 144 entries scanned per event with the default windows. The store is read once, when the
 * task starts ({@link #rebuild}): from then on the slices here hold exactly the values of the store's slices,
 * because the rolling statistics forward to the watch every event they store, after storing it. A slice counts its
 * first {@code maxCategories} categories exactly, the rest as "other", as the rolling statistics' slices do.
 */
final class WindowSamples {
    private final long slice;
    private final int maxCategories;
    private final Set<String> ignored;
    private final TreeMap<Long, Map<String, FeatureSample>> slices = new TreeMap<>();
    private long keepFrom = Long.MAX_VALUE;
    private long lastSliceStart = Long.MIN_VALUE;
    private Map<String, FeatureSample> lastSlice;

    /** Samples of slices {@code slice} milliseconds long, each counting {@code maxCategories} categories exactly. */
    WindowSamples(long slice, int maxCategories, Set<String> ignored) {
        if (slice <= 0) {
            throw new IllegalArgumentException("slice length must be positive: " + slice);
        }
        this.slice = slice;
        this.maxCategories = maxCategories;
        this.ignored = Set.copyOf(ignored);
    }

    /** Forgets everything; nothing is kept until the next {@link #rebuild}. */
    void clear() {
        slices.clear();
        keepFrom = Long.MAX_VALUE;
        lastSliceStart = Long.MIN_VALUE;
        lastSlice = null;
    }

    /**
     * Replaces what is kept with the hopping slices of {@code store} (every entity's, merged; the store's base slices
     * gathered into them; every value, on time or late, as the events fed since) starting in {@code [from, to]},
     * and keeps every slice from {@code from} on from now; {@code to} is the task's event-time clock, so the store
     * holds no later slice.
     */
    void rebuild(ReadOnlyWindowStore<String, EntitySlice> store, long from, long to) {
        clear();
        keepFrom = Math.floorDiv(from, slice) * slice;
        if (keepFrom > to) {
            return;
        }
        try (KeyValueIterator<Windowed<String>, EntitySlice> found = store.fetchAll(
                java.time.Instant.ofEpochMilli(keepFrom), java.time.Instant.ofEpochMilli(to))) {
            while (found.hasNext()) {
                var entry = found.next();
                long start = Math.floorDiv(entry.key.window().start(), slice) * slice;   // the hopping slice holding this base slice
                Map<String, FeatureSample> features = slices.computeIfAbsent(start, s -> new HashMap<>());
                for (Map.Entry<String, SliceStatistics> feature : entry.value.features().entrySet()) {
                    if (ignored.contains(feature.getKey())) {
                        continue;
                    }
                    FeatureSample sample = features.computeIfAbsent(feature.getKey(), f -> new FeatureSample(maxCategories));
                    for (ValueStatistics part : feature.getValue().parts().values()) {
                        sample.addPart(part);
                    }
                }
            }
        }
    }

    /** Adds every feature of {@code event}, whose event time is {@code eventTime}, when its slice is kept. */
    void add(Event event, long eventTime) {
        long start = Math.floorDiv(eventTime, slice) * slice;
        if (start < keepFrom) {
            return;
        }
        if (start != lastSliceStart) {
            lastSlice = slices.computeIfAbsent(start, s -> new HashMap<>());
            lastSliceStart = start;
        }
        for (Map.Entry<String, Object> feature : event.getFeatures().entrySet()) {
            if (ignored.contains(feature.getKey())) {
                continue;
            }
            FeatureSample sample = lastSlice.get(feature.getKey());
            if (sample == null) {
                sample = new FeatureSample(maxCategories);
                lastSlice.put(feature.getKey(), sample);
            }
            sample.addValue(feature.getValue());
        }
    }

    /** Per feature, the values of the kept slices starting in {@code [from, to)} merged (every category exact). */
    Map<String, FeatureSample> merged(long from, long to) {
        Map<String, FeatureSample> merged = new HashMap<>();
        slices.subMap(from, true, to, false).values().forEach(features -> features.forEach(
                (feature, sample) -> merged.computeIfAbsent(feature, f -> new FeatureSample(Integer.MAX_VALUE)).merge(sample)));
        return merged;
    }

    /** Forgets the slices before {@code start} and keeps none of them from now on: no window still to judge holds them. */
    void dropBefore(long start) {
        long from = Math.floorDiv(start, slice) * slice;
        if (from > keepFrom) {
            keepFrom = from;
            slices.headMap(from, false).clear();
            if (lastSliceStart < from) {
                lastSliceStart = Long.MIN_VALUE;
                lastSlice = null;
            }
        }
    }

    /** Slices kept, for tests. */
    int size() {
        return slices.size();
    }
}

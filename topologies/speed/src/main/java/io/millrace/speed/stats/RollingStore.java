package io.millrace.speed.stats;

import io.millrace.schemas.Event;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The updates of one rolling-statistics window store, inside {@link UpdateRollingStats}: which slice an event
 * goes to, how late it is, and the read-modify-write of each of its features' slices.
 *
 * <p>Keeps the last {@code cachedSlices} slices it wrote, deserialized, so the hot ones (a global feature's
 * current slice is updated by every event) are not decoded again for every event; each update still writes
 * the slice's bytes to the store, so the store (and its changelog, at each commit) is always complete. Only this
 * class writes its store, so the cache never disagrees with it; it is emptied whenever the task starts or stops.
 */
final class RollingStore {
    private final String name;
    private final boolean perEntity;
    private final Windowing windowing;
    private final int maxCategories;
    private final LinkedHashMap<SliceKey, SliceStatistics> cache;
    private WindowStore<StatsKey, SliceStatistics> store;
    private RollingStatsMetrics metrics;

    private record SliceKey(StatsKey key, long sliceStart) {
    }

    RollingStore(String name, boolean perEntity, Windowing windowing, int maxCategories, int cachedSlices) {
        this.name = name;
        this.perEntity = perEntity;
        this.windowing = windowing;
        this.maxCategories = maxCategories;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<SliceKey, SliceStatistics> eldest) {
                return size() > cachedSlices;
            }
        };
    }

    void init(ProcessingContext context) {
        store = context.getStateStore(name);
        metrics = RollingStatsMetrics.register(context.metrics(), name);
        cache.clear();
    }

    void close() {
        cache.clear();
    }

    /** Adds every feature of {@code event}, whose event time is {@code eventTime}, at stream time {@code streamTime}. */
    void add(Event event, long eventTime, long streamTime) {
        long slice = windowing.sliceStart(eventTime);
        int closed = windowing.closedCount(slice, streamTime);
        if (closed > 0) {
            metrics.late.record();
        }
        if (windowing.isExpired(slice, streamTime)) {
            metrics.expired.record();
            return;
        }
        for (Map.Entry<String, Object> feature : event.getFeatures().entrySet()) {
            StatsKey key = perEntity ? StatsKey.of(event.getEntity(), feature.getKey()) : StatsKey.global(feature.getKey());
            SliceStatistics stats = slice(key, slice);
            stats.add(feature.getValue(), closed, maxCategories);
            store.put(key, stats, slice);
        }
    }

    private SliceStatistics slice(StatsKey key, long sliceStart) {
        SliceKey where = new SliceKey(key, sliceStart);
        SliceStatistics stats = cache.get(where);
        if (stats == null) {
            stats = store.fetch(key, sliceStart);
            if (stats == null) {
                stats = new SliceStatistics();
            }
            cache.put(where, stats);
        }
        return stats;
    }
}

package io.millrace.speed.stats;

import io.millrace.schemas.Event;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The updates of one rolling-statistics window store, inside {@link UpdateRollingStats}: which slice an event
 * goes to, how late it is, and the read-modify-write of its entity's {@link EntitySlice}, one store write per
 * event whatever the number of features.
 *
 * <p>Keeps the last {@code cachedSlices} slices it wrote, deserialized, so an entity's current slice is not
 * decoded again for each of its events; each update still writes the slice's bytes to the store (whose record
 * cache sends it to the changelog once per commit), so the store is always complete. Only this class writes its
 * store, so the cache never disagrees with it; it is emptied whenever the task starts or stops.
 */
final class RollingStore {
    private final String name;
    private final Windowing windowing;
    private final int maxCategories;
    private final LinkedHashMap<SliceKey, EntitySlice> cache;
    private WindowStore<String, EntitySlice> store;
    private RollingStatsMetrics metrics;

    private record SliceKey(String entity, long sliceStart) {
    }

    RollingStore(String name, Windowing windowing, int maxCategories, int cachedSlices) {
        this.name = name;
        this.windowing = windowing;
        this.maxCategories = maxCategories;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<SliceKey, EntitySlice> eldest) {
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
        String entity = event.getEntity();
        EntitySlice stats = slice(entity, slice);
        for (Map.Entry<String, Object> feature : event.getFeatures().entrySet()) {
            stats.add(feature.getKey(), feature.getValue(), closed, maxCategories);
        }
        store.put(entity, stats, slice);
    }

    private EntitySlice slice(String entity, long sliceStart) {
        SliceKey where = new SliceKey(entity, sliceStart);
        EntitySlice stats = cache.get(where);
        if (stats == null) {
            stats = store.fetch(entity, sliceStart);
            if (stats == null) {
                stats = new EntitySlice();
            }
            cache.put(where, stats);
        }
        return stats;
    }
}

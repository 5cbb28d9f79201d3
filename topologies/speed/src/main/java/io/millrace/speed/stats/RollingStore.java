package io.millrace.speed.stats;

import io.millrace.schemas.Event;
import java.util.Map;
import java.util.NavigableMap;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The updates of one rolling-statistics window store, inside {@link UpdateRollingStats}: which slice an event
 * goes to, how late it is, and the read-modify-write of its entity's {@link EntitySlice}, one store write per
 * event whatever the number of features.
 *
 * <p>The entities' recent slices are held deserialized in an {@link EntitySliceCache}, so an entity's current slice
 * is not decoded again for each of its events, and scoring reads the online features from memory
 * ({@link #slices}); each update still writes the slice's bytes to the store (whose record cache sends it to the
 * changelog once per commit), so the store is always complete.
 */
final class RollingStore {
    private final String name;
    private final Windowing windowing;
    private final int maxCategories;
    private final EntitySliceCache cache;
    private WindowStore<String, EntitySlice> store;
    private RollingStatsMetrics metrics;

    RollingStore(String name, Windowing windowing, int maxCategories, int cachedSlices) {
        this.name = name;
        this.windowing = windowing;
        this.maxCategories = maxCategories;
        this.cache = new EntitySliceCache(windowing, cachedSlices);
    }

    String name() {
        return name;
    }

    void init(ProcessingContext context) {
        store = context.getStateStore(name);
        metrics = RollingStatsMetrics.register(context.metrics(), name);
        cache.attach(store);
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
        EntitySlice stats = cache.slice(entity, slice);
        for (Map.Entry<String, Object> feature : event.getFeatures().entrySet()) {
            stats.add(feature.getKey(), feature.getValue(), closed, maxCategories);
        }
        store.put(entity, stats, slice);
    }

    /** The entity's slices starting in {@code [from, to]}, by start, as the store holds them. */
    NavigableMap<Long, EntitySlice> slices(String entity, long from, long to) {
        return cache.slices(entity, from, to);
    }
}

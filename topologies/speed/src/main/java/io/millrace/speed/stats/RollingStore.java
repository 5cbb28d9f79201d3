package io.millrace.speed.stats;

import io.millrace.schemas.Event;
import io.millrace.speed.StoreNames;
import io.millrace.speed.stats.RollingStatsQueries.Windows;
import java.util.Map;
import java.util.NavigableMap;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The updates of the rolling-statistics window store, inside {@link UpdateRollingStats}: which base slice an event
 * goes to, how late it is for each window family ({@link Lateness}), and the read-modify-write of its entity's
 * {@link EntitySlice}, where its values go once for both families: one store write per event whatever the number of
 * families and features.
 *
 * <p>The entities' recent slices are held deserialized in an {@link EntitySliceCache}, so an entity's current slice
 * is not decoded again for each of its events, and scoring reads the online features from memory
 * ({@link #slices}); each update still writes the slice's bytes to the store (whose record cache sends it to the
 * changelog once per commit), so the store is always complete.
 */
final class RollingStore {
    private final SliceLayout layout;
    private final int maxCategories;
    private final EntitySliceCache cache;
    private final RollingStatsMetrics[] metrics = new RollingStatsMetrics[Windows.values().length];
    private WindowStore<String, EntitySlice> store;

    RollingStore(SliceLayout layout, int maxCategories, int cachedSlices) {
        this.layout = layout;
        this.maxCategories = maxCategories;
        this.cache = new EntitySliceCache(layout.lookback, cachedSlices);
    }

    void init(ProcessingContext context) {
        store = context.getStateStore(StoreNames.ENTITY_STATS);
        for (Windows family : Windows.values()) {
            metrics[family.ordinal()] = RollingStatsMetrics.register(context.metrics(), RollingStatsMetrics.tag(family));
        }
        cache.attach(store);
    }

    void close() {
        cache.clear();
    }

    /** Adds every feature of {@code event}, whose event time is {@code eventTime}, at stream time {@code streamTime}. */
    void add(Event event, long eventTime, long streamTime) {
        int tumbling = lateness(Windows.TUMBLING, eventTime, streamTime);
        int hopping = lateness(Windows.HOPPING, eventTime, streamTime);
        if (tumbling == Lateness.EXPIRED && hopping == Lateness.EXPIRED) {
            return;
        }
        int lateness = Lateness.of(tumbling, hopping);
        long sliceStart = layout.sliceStart(eventTime);
        EntitySlice slice = cache.slice(event.getEntity(), sliceStart);
        for (Map.Entry<String, Object> feature : event.getFeatures().entrySet()) {
            slice.add(feature.getKey(), feature.getValue(), lateness, maxCategories);
        }
        store.put(event.getEntity(), slice, sliceStart);
    }

    /** The event's lateness for {@code family}, counted in the family's metrics. */
    private int lateness(Windows family, long eventTime, long streamTime) {
        Windowing windowing = layout.of(family);
        long familySlice = windowing.sliceStart(eventTime);
        int closed = windowing.closedCount(familySlice, streamTime);
        RollingStatsMetrics counters = metrics[family.ordinal()];
        if (closed > 0) {
            counters.late.record();
        }
        if (windowing.isExpired(familySlice, streamTime)) {
            counters.expired.record();
            return Lateness.EXPIRED;
        }
        return closed;
    }

    /** The entity's base slices starting in {@code [from, to]}, by start, as the store holds them. */
    NavigableMap<Long, EntitySlice> slices(String entity, long from, long to) {
        return cache.slices(entity, from, to);
    }
}

package io.millrace.speed.stats;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The recent base slices of the most recently active entities of the rolling-statistics window store, deserialized, in
 * the update processor's task: what {@link RollingStore} updates and what scoring reads the online features from,
 * so neither decodes a slice from the store for an entity it has seen lately.
 *
 * <p>Each entity's slices are held as a range that is <em>complete</em>: every slice the store holds for it from
 * {@code completeFrom} on is in memory, so a slice missing from that range is one the store does not have either.
 * A range is loaded from the store with one fetch when an entity is first touched, reaching {@code lookback}
 * before the slice asked for (the span of the windows an online feature reads), and extended downwards with
 * another fetch when an earlier slice is asked for (a late event). Slices more than {@code lookback} before an
 * entity's newest one are let go. Only the update processor writes the store, and every slice it changes is one
 * of these objects, so memory and store never disagree; the cache is emptied whenever the task starts or stops.
 *
 * <p>At most {@code maxSlices} slices are held; past that the least recently touched entities are let go whole.
 */
final class EntitySliceCache {
    private final long lookback;
    private final int maxSlices;
    private final LinkedHashMap<String, Range> entities = new LinkedHashMap<>(256, 0.75f, true);
    private OnlineFeatures.EntitySlices store;
    private int heldSlices;

    /** The slices of one entity from {@code completeFrom} on, by start. */
    private static final class Range {
        final TreeMap<Long, EntitySlice> slices = new TreeMap<>();
        long completeFrom;

        Range(long completeFrom) {
            this.completeFrom = completeFrom;
        }
    }

    /** A cache reaching {@code lookback} milliseconds before a slice asked for (the span of the windows read around it), holding at most {@code maxSlices}. */
    EntitySliceCache(long lookback, int maxSlices) {
        this.lookback = lookback;
        this.maxSlices = maxSlices;
    }

    /** Starts over on {@code store}: called when the task (re)starts. */
    void attach(WindowStore<String, EntitySlice> store) {
        this.store = OnlineFeatures.EntitySlices.of(store);
        clear();
    }

    void clear() {
        entities.clear();
        heldSlices = 0;
    }

    /**
     * The entity's slice starting at {@code sliceStart}, as the store holds it, or a new empty one that is now held
     * (the caller fills it and writes it to the store).
     */
    EntitySlice slice(String entity, long sliceStart) {
        Range range = rangeFrom(entity, sliceStart);
        EntitySlice slice = range.slices.get(sliceStart);
        if (slice == null) {
            slice = new EntitySlice();
            range.slices.put(sliceStart, slice);
            heldSlices++;
        }
        letGoOfOldSlices(range);
        evictIfFull(entity);
        return slice;
    }

    /** The entity's slices starting in {@code [from, to]}, by start: what the store holds there, from memory when it can. */
    NavigableMap<Long, EntitySlice> slices(String entity, long from, long to) {
        if (maxSlices == 0) {
            return store.slices(entity, from, to);
        }
        Range range = rangeFrom(entity, from);
        NavigableMap<Long, EntitySlice> found = Collections.unmodifiableNavigableMap(range.slices.subMap(from, true, to, true));
        evictIfFull(entity);
        return found;
    }

    /** The entity's range, loaded or extended so that it is complete from {@code from} on. */
    private Range rangeFrom(String entity, long from) {
        Range range = entities.get(entity);
        if (range == null) {
            long loadFrom = from - lookback;
            range = new Range(loadFrom);
            range.slices.putAll(store.slices(entity, loadFrom, Long.MAX_VALUE));
            heldSlices += range.slices.size();
            entities.put(entity, range);
        } else if (from < range.completeFrom) {
            NavigableMap<Long, EntitySlice> earlier = store.slices(entity, from, range.completeFrom - 1);
            range.slices.putAll(earlier);
            heldSlices += earlier.size();
            range.completeFrom = from;
        }
        return range;
    }

    /** Lets go of the slices more than {@code lookback} before the entity's newest one. */
    private void letGoOfOldSlices(Range range) {
        long keepFrom = range.slices.lastKey() - lookback;
        if (range.slices.firstKey() >= keepFrom) {
            return;
        }
        while (range.slices.firstKey() < keepFrom) {   // a head map's size() would walk it: count as they go
            range.slices.pollFirstEntry();
            heldSlices--;
        }
        range.completeFrom = keepFrom;
    }

    /** Lets go of the least recently touched entities (never {@code current}) while more than the maximum is held. */
    private void evictIfFull(String current) {
        if (heldSlices <= maxSlices) {
            return;
        }
        Iterator<Map.Entry<String, Range>> eldest = entities.entrySet().iterator();
        while (heldSlices > maxSlices && eldest.hasNext()) {
            Map.Entry<String, Range> entry = eldest.next();
            if (entry.getKey().equals(current)) {
                continue;
            }
            heldSlices -= entry.getValue().slices.size();
            eldest.remove();
        }
        if (heldSlices > maxSlices) {
            Range range = entities.remove(current);
            heldSlices -= range == null ? 0 : range.slices.size();
        }
    }
}

package io.millrace.speed.stats;

import io.millrace.speed.StoreNames;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A task's event-time clock in {@link StoreNames#ROLLING_STATS_CLOCK}: the largest event time its statistics have
 * read, one entry under {@link #KEY} in the task's own store. The clock used to be keyed by task id, which changes
 * when the topology's shape renumbers its sub-topologies; a store that holds only such an entry is read through it,
 * so an upgraded instance keeps its clock.
 */
public final class StatsClock {
    /** The key of the clock's entry. */
    public static final String KEY = "clock";

    private StatsClock() {
    }

    /** The clock, or null when the task has read no event yet. */
    public static Long read(ReadOnlyKeyValueStore<String, Long> store) {
        Long clock = store.get(KEY);
        if (clock != null) {
            return clock;
        }
        try (KeyValueIterator<String, Long> entries = store.all()) {
            while (entries.hasNext()) {
                Long value = entries.next().value;
                if (value != null && (clock == null || value > clock)) {
                    clock = value;
                }
            }
        }
        return clock;
    }

    static void write(KeyValueStore<String, Long> store, long clock) {
        store.put(KEY, clock);
    }
}

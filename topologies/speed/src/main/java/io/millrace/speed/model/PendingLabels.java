package io.millrace.speed.model;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The pending-labels store with its expiry index: entries by event id, and (deadline, event id) keys in a second
 * store ordered by deadline, so that a purge reads only what has expired instead of every entry. An index key
 * whose entry was joined, replaced or removed is stale and skipped (its deadline no longer matches).
 *
 * <p>Only the entries have a changelog. The index is local (no changelog record per entry) and is rebuilt from the
 * entries whenever the join starts ({@link #rebuildIndex()}): after a crash, a rebalance or a standby taking over,
 * the entries are restored from their changelog and the index is whatever that disk held, so it is never trusted.
 */
final class PendingLabels {
    private static final byte[] EMPTY = new byte[0];
    /** Index keys deleted at a time while the index is cleared: bounds the memory a rebuild holds. */
    private static final int CLEAR_BATCH = 10_000;

    private final KeyValueStore<String, byte[]> entries;
    private final KeyValueStore<Bytes, byte[]> deadlines;

    PendingLabels(KeyValueStore<String, byte[]> entries, KeyValueStore<Bytes, byte[]> deadlines) {
        this.entries = entries;
        this.deadlines = deadlines;
    }

    /** The entry waiting under {@code eventId}, or null. */
    PendingEntry get(String eventId) {
        byte[] bytes = entries.get(eventId);
        return bytes == null ? null : InternalCodec.pendingEntry(bytes);
    }

    void put(String eventId, PendingEntry entry) {
        entries.put(eventId, InternalCodec.pendingEntry(entry));
        deadlines.put(indexKey(entry.deadline(), eventId), EMPTY);
    }

    void remove(String eventId) {
        entries.delete(eventId);
    }

    /**
     * Clears the expiry index and indexes every entry again, returning how many: what a restored join must do
     * before its first purge, as the index has no changelog.
     */
    long rebuildIndex() {
        clearIndex();
        long indexed = 0;
        try (KeyValueIterator<String, byte[]> all = entries.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                deadlines.put(indexKey(InternalCodec.pendingEntry(entry.value).deadline(), entry.key), EMPTY);
                indexed++;
            }
        }
        return indexed;
    }

    private void clearIndex() {
        List<Bytes> batch = new ArrayList<>(CLEAR_BATCH);
        do {
            batch.clear();
            try (KeyValueIterator<Bytes, byte[]> index = deadlines.all()) {
                while (index.hasNext() && batch.size() < CLEAR_BATCH) {
                    batch.add(index.next().key);
                }
            }
            batch.forEach(deadlines::delete);
        } while (batch.size() == CLEAR_BATCH);
    }

    /** Removes and returns every entry whose deadline is before {@code time}. */
    List<KeyValue<String, PendingEntry>> expireBefore(long time) {
        List<Bytes> due = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> index = deadlines.all()) {
            while (index.hasNext()) {
                Bytes key = index.next().key;
                if (deadlineOf(key) >= time) {
                    break;
                }
                due.add(key);
            }
        }
        List<KeyValue<String, PendingEntry>> expired = new ArrayList<>();
        for (Bytes key : due) {
            deadlines.delete(key);
            String eventId = eventIdOf(key);
            PendingEntry entry = get(eventId);
            if (entry != null && entry.deadline() == deadlineOf(key)) {
                entries.delete(eventId);
                expired.add(KeyValue.pair(eventId, entry));
            }
        }
        return expired;
    }

    /** Big-endian deadline first, so the store's byte order is deadline order (deadlines are not negative). */
    static Bytes indexKey(long deadline, String eventId) {
        byte[] id = eventId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + id.length).putLong(Math.max(0, deadline)).put(id).array());
    }

    private static long deadlineOf(Bytes key) {
        return ByteBuffer.wrap(key.get()).getLong();
    }

    private static String eventIdOf(Bytes key) {
        byte[] bytes = key.get();
        return new String(bytes, Long.BYTES, bytes.length - Long.BYTES, StandardCharsets.UTF_8);
    }
}

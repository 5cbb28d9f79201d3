package io.millrace.speed.model;

import io.millrace.speed.StoreNames;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The write-ahead log of each model's trainer, in {@link StoreNames#TRAINING_LOG}: the examples learned since the
 * trainer's state was last written whole to {@link StoreNames#LEARNER_STATE}. The trainer keeps its state live in
 * memory and appends one small entry per example here; its changelog records travel in the same transaction as
 * the input offsets they cover, so after a crash the restored snapshot plus the entries after its step replay to
 * exactly the state of the last committed transaction.
 *
 * <p>The log is a ring of {@code slots} entries per model, keyed (model, step mod slots), each value the step
 * followed by the entry: appending never deletes, an entry at or below the snapshot's step is stale and skipped,
 * and the trainer writes a snapshot before the ring would wrap onto an entry it still needs
 * ({@link #mustSnapshot(long, long)}).
 */
final class TrainingLog {
    /** Entries kept per model: the most examples a restart replays. */
    static final int SLOTS = 8192;

    private final KeyValueStore<Bytes, byte[]> store;
    private final int slots;

    TrainingLog(KeyValueStore<Bytes, byte[]> store) {
        this(store, SLOTS);
    }

    TrainingLog(KeyValueStore<Bytes, byte[]> store, int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("a training log needs at least one slot: " + slots);
        }
        this.store = store;
        this.slots = slots;
    }

    /** True when appending {@code step} would overwrite an entry after {@code snapshotStep}: snapshot instead. */
    boolean mustSnapshot(long step, long snapshotStep) {
        return step - snapshotStep >= slots;
    }

    /** Records the entry of {@code step}, the state's step once that example was learned. */
    void append(String model, long step, byte[] entry) {
        if (step < 1) {
            throw new IllegalArgumentException("steps start at 1: " + step);
        }
        byte[] value = ByteBuffer.allocate(Long.BYTES + entry.length).putLong(step).put(entry).array();
        store.put(key(model, (int) (step % slots)), value);
    }

    /**
     * The entries after {@code step}, in step order.
     *
     * @throws IllegalStateException when they are not the steps {@code step + 1, step + 2, ...} without a gap
     */
    List<byte[]> after(String model, long step) {
        List<KeyValue<Long, byte[]>> fresh = new ArrayList<>();
        for (KeyValue<Long, byte[]> entry : entries(model)) {
            if (entry.key > step) {
                fresh.add(entry);
            }
        }
        fresh.sort(Comparator.comparingLong(entry -> entry.key));
        List<byte[]> out = new ArrayList<>(fresh.size());
        long expected = step + 1;
        for (KeyValue<Long, byte[]> entry : fresh) {
            if (entry.key != expected) {
                throw new IllegalStateException("training log of '" + model + "' misses step " + expected
                        + " (next held: " + entry.key + ")");
            }
            out.add(entry.value);
            expected++;
        }
        return out;
    }

    /** The highest step held for {@code model}, or 0 when the log holds none. */
    long lastStep(String model) {
        long last = 0;
        for (KeyValue<Long, byte[]> entry : entries(model)) {
            last = Math.max(last, entry.key);
        }
        return last;
    }

    private List<KeyValue<Long, byte[]>> entries(String model) {
        List<KeyValue<Long, byte[]>> out = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> range = store.range(key(model, 0), key(model, slots - 1))) {
            while (range.hasNext()) {
                byte[] value = range.next().value;
                if (value == null || value.length < Long.BYTES) {
                    continue;
                }
                long entryStep = ByteBuffer.wrap(value).getLong();
                out.add(KeyValue.pair(entryStep, Arrays.copyOfRange(value, Long.BYTES, value.length)));
            }
        }
        return out;
    }

    /** Length-prefixed model name, then the big-endian slot: one model's slots are one ordered key range. */
    static Bytes key(String model, int slot) {
        byte[] name = model.getBytes(StandardCharsets.UTF_8);
        if (name.length > 0xffff) {
            throw new IllegalArgumentException("model name of " + name.length + " bytes; at most 65535");
        }
        return Bytes.wrap(ByteBuffer.allocate(Short.BYTES + name.length + Integer.BYTES)
                .putShort((short) name.length).put(name).putInt(slot).array());
    }
}

package io.millrace.speed.model;

import io.millrace.speed.serde.SourceOffset;
import io.millrace.learning.StateCodec;
import io.millrace.learning.eval.PrequentialMetrics;
import io.millrace.schemas.OffsetRange;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One model's online learner as its trainer keeps it live in memory and snapshots it to {@code learner-state}: the
 * bundle being trained, the prequential scores of the answers served on the production route, what the next
 * checkpoint must record about its lineage (parent version, examples seen, input offsets and schema ids since the
 * parent), its step (the number of examples applied to it), and, in a snapshot, where in {@code training-examples} it
 * stands: the partition and the offset of the first record it does not cover, from which a restored trainer replays.
 */
final class TrainerState {
    static final String KIND = "speed-trainer-state";
    /** Version 3 adds the input position; version 2 adds {@link #step}; version 1 reads with step 0. */
    private static final int FORMAT_VERSION = 3;
    /** The input position of a state that does not know it (read from format 2 or earlier, or never snapshotted). */
    static final long NO_POSITION = -1;

    ModelBundle bundle;
    PrequentialMetrics metrics;
    /** Examples the state learned from over its whole lineage. */
    long examplesSeen;
    long examplesSinceCheckpoint;
    /** The version this state continues from (the last one published or adopted); 0 for none. */
    int parentVersion;
    /** {@code created_at} of that version, epoch ms. */
    long parentCreatedAt;
    long lastCheckpointAt;
    /** "topic/partition" to {from, to exclusive}, over the examples learned since the parent. */
    final Map<String, long[]> offsets = new TreeMap<>();
    final Set<Integer> schemaIds = new TreeSet<>();
    /** Examples applied to this state (continued across adoptions). */
    long step;
    /** The {@code training-examples} partition of the snapshot's position; -1 for none. */
    int inputPartition = -1;
    /** The offset of the first record of that partition the snapshot does not cover; {@link #NO_POSITION} for none. */
    long inputOffset = NO_POSITION;
    /** The step of the snapshot in {@code learner-state}; not serialised (a restored state is its own snapshot). */
    long snapshotStep;

    TrainerState(ModelBundle bundle, PrequentialMetrics metrics) {
        this.bundle = bundle;
        this.metrics = metrics;
    }

    /** True when examples were applied since the snapshot. */
    boolean dirty() {
        return step > snapshotStep;
    }

    void saw(SourceOffset source, int schemaId) {
        if (source != null) {
            long[] range = offsets.computeIfAbsent(source.topic() + "/" + source.partition(),
                    key -> new long[] {source.offset(), source.offset() + 1});
            range[0] = Math.min(range[0], source.offset());
            range[1] = Math.max(range[1], source.offset() + 1);
        }
        if (schemaId >= 0) {
            schemaIds.add(schemaId);
        }
    }

    /** The offset ranges since the parent, one per topic partition, covering every example learned. */
    List<OffsetRange> offsetRanges() {
        List<OffsetRange> ranges = new ArrayList<>(offsets.size());
        for (Map.Entry<String, long[]> entry : offsets.entrySet()) {
            int at = entry.getKey().lastIndexOf('/');
            ranges.add(new OffsetRange(entry.getKey().substring(0, at), Integer.parseInt(entry.getKey().substring(at + 1)),
                    entry.getValue()[0], entry.getValue()[1]));
        }
        return ranges;
    }

    /** Marks a published (or adopted) version as the new parent. */
    void continuedFrom(int version, long createdAt, long now) {
        parentVersion = version;
        parentCreatedAt = createdAt;
        lastCheckpointAt = now;
        examplesSinceCheckpoint = 0;
        offsets.clear();
        schemaIds.clear();
    }

    byte[] toBytes() {
        byte[] bundleBytes = bundle.toBytes();
        byte[] metricsBytes = metrics.toBytes();
        return StateCodec.encode(KIND, FORMAT_VERSION, out -> {
            out.writeInt(bundleBytes.length);
            out.write(bundleBytes);
            out.writeInt(metricsBytes.length);
            out.write(metricsBytes);
            out.writeLong(examplesSeen);
            out.writeLong(examplesSinceCheckpoint);
            out.writeInt(parentVersion);
            out.writeLong(parentCreatedAt);
            out.writeLong(lastCheckpointAt);
            out.writeInt(offsets.size());
            for (Map.Entry<String, long[]> entry : offsets.entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeLong(entry.getValue()[0]);
                out.writeLong(entry.getValue()[1]);
            }
            out.writeInt(schemaIds.size());
            for (int id : schemaIds) {
                out.writeInt(id);
            }
            out.writeLong(step);
            out.writeInt(inputPartition);
            out.writeLong(inputOffset);
        });
    }

    static TrainerState fromBytes(byte[] bytes) {
        return StateCodec.decode(bytes, KIND, FORMAT_VERSION, (in, version) -> {
            TrainerState state = new TrainerState(ModelBundle.fromBytes(block(in)), PrequentialMetrics.fromBytes(block(in)));
            state.examplesSeen = in.readLong();
            state.examplesSinceCheckpoint = in.readLong();
            state.parentVersion = in.readInt();
            state.parentCreatedAt = in.readLong();
            state.lastCheckpointAt = in.readLong();
            int ranges = in.readInt();
            for (int i = 0; i < ranges; i++) {
                state.offsets.put(in.readUTF(), new long[] {in.readLong(), in.readLong()});
            }
            int ids = in.readInt();
            for (int i = 0; i < ids; i++) {
                state.schemaIds.add(in.readInt());
            }
            state.step = version >= 2 ? in.readLong() : 0;
            if (version >= 3) {
                state.inputPartition = in.readInt();
                state.inputOffset = in.readLong();
            }
            state.snapshotStep = state.step;
            return state;
        });
    }

    private static byte[] block(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("block of " + length + " bytes exceeds the remaining bytes");
        }
        return in.readNBytes(length);
    }
}

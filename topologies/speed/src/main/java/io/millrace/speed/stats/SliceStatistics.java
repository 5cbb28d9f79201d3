package io.millrace.speed.stats;

import io.millrace.learning.StateCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import io.millrace.speed.stats.RollingStatsQueries.Windows;

/**
 * The values one feature of one entity took in one window slice, partitioned by how late they arrived: one
 * feature's part of an {@link EntitySlice}, the rolling-statistics store's value.
 *
 * <p>A part holds the values of one {@link Lateness}: for each window family, how many of the family's windows
 * containing the slice (in order of end) were already closed when they arrived. A value whose lateness for a family
 * is {@code c} is on time for that family's window number {@code j} iff {@code c <= j}, and late for it otherwise: so
 * each window of either family is assembled exactly, on time and late apart, from slices it shares with its
 * neighbours ({@link #onTimeFor}, {@link #lateFor}). Almost every slice has the one part {@link Lateness#ON_TIME}.
 *
 * <p>Bytes: a {@link StateCodec} envelope of kind {@value #KIND}: the number of parts, then for each its
 * lateness and its {@link ValueStatistics}.
 */
public final class SliceStatistics {

    static final String KIND = "rolling-slice";
    /** 2: a numeric sketch may be followed by the numbers that came after it (see {@link ValueStatistics}); 1 is still read. */
    private static final int FORMAT_VERSION = 2;

    private final TreeMap<Integer, ValueStatistics> parts;
    /** The part the last value went to, and its lateness: almost every value goes to the same part as the one before. */
    private ValueStatistics lastPart;
    private int lastLateness = -1;

    public SliceStatistics() {
        this(new TreeMap<>());
    }

    private SliceStatistics(TreeMap<Integer, ValueStatistics> parts) {
        this.parts = parts;
    }

    /** Adds one value of {@link Lateness} {@code lateness} (packed). */
    public SliceStatistics add(Object value, int lateness, int maxCategories) {
        if (lateness < 0) {
            throw new IllegalArgumentException("a packed lateness is not negative: " + lateness);
        }
        ValueStatistics part = lateness == lastLateness ? lastPart : part(lateness);
        part.add(value, maxCategories);
        return this;
    }

    private ValueStatistics part(int lateness) {
        ValueStatistics part = parts.get(lateness);
        if (part == null) {
            part = new ValueStatistics();
            parts.put(lateness, part);
        }
        lastPart = part;
        lastLateness = lateness;
        return part;
    }

    /** Adds {@code that} into this one, part by part; {@code that} is unchanged. */
    public SliceStatistics merge(SliceStatistics that, int maxCategories) {
        SliceStatistics source = that == this ? copy() : that;
        for (Map.Entry<Integer, ValueStatistics> part : source.parts.entrySet()) {
            ValueStatistics mine = parts.get(part.getKey());
            if (mine == null) {
                parts.put(part.getKey(), part.getValue().copy());
            } else {
                mine.merge(part.getValue(), maxCategories);
            }
        }
        return this;
    }

    public SliceStatistics copy() {
        TreeMap<Integer, ValueStatistics> copy = new TreeMap<>();
        parts.forEach((c, part) -> copy.put(c, part.copy()));
        return new SliceStatistics(copy);
    }

    /** The parts by {@link Lateness} (packed: each family's number of windows closed on arrival). */
    public SortedMap<Integer, ValueStatistics> parts() {
        return Collections.unmodifiableSortedMap(parts);
    }

    /** Values on time for {@code family}'s window number {@code windowIndex} among those holding the slice, merged into {@code into}. */
    public ValueStatistics onTimeFor(Windows family, int windowIndex, ValueStatistics into, int maxCategories) {
        parts.forEach((lateness, part) -> {
            if (Lateness.onTimeFor(family, windowIndex, lateness)) {
                into.merge(part, maxCategories);
            }
        });
        return into;
    }

    /** Values in that window that came after it closed, merged into {@code into}. */
    public ValueStatistics lateFor(Windows family, int windowIndex, ValueStatistics into, int maxCategories) {
        parts.forEach((lateness, part) -> {
            if (Lateness.lateFor(family, windowIndex, lateness)) {
                into.merge(part, maxCategories);
            }
        });
        return into;
    }

    /** Every value, on time or late, merged into {@code into} (with those of a family that had expired, which only a slice past a retention has). */
    public ValueStatistics all(ValueStatistics into, int maxCategories) {
        parts.values().forEach(part -> into.merge(part, maxCategories));
        return into;
    }

    /** The exact parts (counts, moments) of every value, merged into {@code into}; sketches stay undecoded. */
    public ValueStatistics allExact(ValueStatistics into) {
        if (parts.size() == 1 && lastPart != null) {   // read for online features on every event: no iterator
            return into.mergeExact(lastPart);
        }
        parts.values().forEach(into::mergeExact);
        return into;
    }

    /** As a stand-alone value: a {@link StateCodec} envelope of kind {@value #KIND} around {@link #writeTo}. */
    public byte[] toBytes() {
        return StateCodec.encode(KIND, FORMAT_VERSION, this::writeTo);
    }

    public static SliceStatistics fromBytes(byte[] bytes) {
        return StateCodec.decode(bytes, KIND, FORMAT_VERSION, (in, version) -> readFrom(in));
    }

    /** The number of parts, then for each its lateness and its {@link ValueStatistics}. */
    void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(parts.size());
        for (Map.Entry<Integer, ValueStatistics> part : parts.entrySet()) {
            out.writeInt(part.getKey());
            part.getValue().writeTo(out);
        }
    }

    static SliceStatistics readFrom(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > in.available()) {
            throw new IOException("part count " + count + " exceeds the remaining bytes");
        }
        TreeMap<Integer, ValueStatistics> parts = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            int closed = in.readInt();
            if (closed < 0 || parts.put(closed, ValueStatistics.readFrom(in)) != null) {
                throw new IOException("lateness " + closed + " is negative or appears twice");
            }
        }
        return new SliceStatistics(parts);
    }

    @Override
    public String toString() {
        return "SliceStatistics" + parts;
    }
}

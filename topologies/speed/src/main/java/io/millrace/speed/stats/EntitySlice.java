package io.millrace.speed.stats;

import io.millrace.learning.StateCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every feature of one entity in one slice of one window family, each as its {@link SliceStatistics} (whose
 * lateness parts count that family's windows): a family's part of a {@link StoredSlice}, the value of the
 * rolling-statistics store. The statistics of all entities together are the merge of these (see
 * {@link RollingStatsQueries}).
 *
 * <p>Bytes: a {@link StateCodec} envelope of kind {@value #KIND}: the number of features, then for each its
 * name and its {@link SliceStatistics} parts, in feature-name order.
 */
public final class EntitySlice {

    static final String KIND = "rolling-entity-slice";
    /** 2: a numeric sketch may be followed by the numbers that came after it (see {@link ValueStatistics}); 1 is still read. */
    private static final int FORMAT_VERSION = 2;

    private final TreeMap<String, SliceStatistics> features;

    public EntitySlice() {
        this(new TreeMap<>());
    }

    private EntitySlice(TreeMap<String, SliceStatistics> features) {
        this.features = features;
    }

    /** Adds {@code value} of {@code feature}, which arrived when {@code closedWindows} of the slice's windows were closed. */
    public EntitySlice add(String feature, Object value, int closedWindows, int maxCategories) {
        SliceStatistics slice = features.get(feature);
        if (slice == null) {
            slice = new SliceStatistics();
            features.put(feature, slice);
        }
        slice.add(value, closedWindows, maxCategories);
        return this;
    }

    /** The slice of {@code feature}, or null when the entity had no value of it in this slice. */
    public SliceStatistics feature(String feature) {
        return features.get(feature);
    }

    /** Every feature's slice, by name. */
    public SortedMap<String, SliceStatistics> features() {
        return Collections.unmodifiableSortedMap(features);
    }

    public byte[] toBytes() {
        return StateCodec.encode(KIND, FORMAT_VERSION, this::writeTo);
    }

    public static EntitySlice fromBytes(byte[] bytes) {
        return StateCodec.decode(bytes, KIND, FORMAT_VERSION, (in, version) -> readFrom(in));
    }

    /** The payload without its envelope, as a {@link StoredSlice} embeds it: the feature count, then each by name. */
    void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(features.size());
        for (Map.Entry<String, SliceStatistics> feature : features.entrySet()) {
            out.writeUTF(feature.getKey());
            feature.getValue().writeTo(out);
        }
    }

    static EntitySlice readFrom(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > in.available()) {
            throw new IOException("feature count " + count + " exceeds the remaining bytes");
        }
        TreeMap<String, SliceStatistics> features = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            if (features.put(name, SliceStatistics.readFrom(in)) != null) {
                throw new IOException("feature '" + name + "' appears twice");
            }
        }
        return new EntitySlice(features);
    }

    @Override
    public String toString() {
        return "EntitySlice" + features;
    }
}

package io.millrace.speed.stats;

import io.millrace.learning.StateCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The value of the rolling-statistics window store ({@link io.millrace.speed.StoreNames#ENTITY_STATS}): every feature
 * of one entity in one base slice ({@link SliceLayout}), each as its {@link SliceStatistics}, whose parts say how late
 * each value came for each window family ({@link Lateness}). One value per (entity, base slice) is what an event writes:
 * one store write and one changelog record whatever its number of features, its values stored once for both families;
 * the statistics of all entities together are the merge of these (see {@link RollingStatsQueries}).
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

    /** Adds {@code value} of {@code feature}, which came with {@link Lateness} {@code lateness} (packed). */
    public EntitySlice add(String feature, Object value, int lateness, int maxCategories) {
        SliceStatistics slice = features.get(feature);
        if (slice == null) {
            slice = new SliceStatistics();
            features.put(feature, slice);
        }
        slice.add(value, lateness, maxCategories);
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

    /** The payload without its envelope: the feature count, then each by name. */
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

    /** The serde of the store's values. */
    public static Serde<EntitySlice> serde() {
        Serializer<EntitySlice> serializer = (topic, value) -> value == null ? null : value.toBytes();
        Deserializer<EntitySlice> deserializer = (topic, bytes) -> bytes == null ? null : fromBytes(bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    @Override
    public String toString() {
        return "EntitySlice" + features;
    }
}

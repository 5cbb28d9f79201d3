package io.millrace.speed.stats;

import io.millrace.learning.StateCodec;
import io.millrace.speed.stats.RollingStatsQueries.Windows;
import java.io.IOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The value of the rolling-statistics store ({@link io.millrace.speed.StoreNames#ENTITY_STATS}): one entity's values
 * in one base slice ({@link SliceLayout}), as one {@link EntitySlice} per window family. Both parts hold the same
 * values, each with its own family's lateness; a part is absent when the family took none of them (every value came
 * after the family's retention). One value per entity and base slice is what an event writes: one store write, and
 * one changelog record, whatever the number of families and features.
 *
 * <p>Bytes: a {@link StateCodec} envelope of kind {@value #KIND}: per family, in {@link SliceLayout#FAMILIES} order,
 * a presence byte and, when present, the {@link EntitySlice} payload.
 */
public final class StoredSlice {

    static final String KIND = "rolling-entity-slices";
    private static final int FORMAT_VERSION = 1;

    private final EntitySlice[] parts;

    public StoredSlice() {
        this(new EntitySlice[SliceLayout.FAMILIES.length]);
    }

    private StoredSlice(EntitySlice[] parts) {
        this.parts = parts;
    }

    /** The part of {@code family}, or null when it took no value. */
    public EntitySlice part(Windows family) {
        return parts[family.ordinal()];
    }

    /** The part of {@code family}, made empty first if it had none: for the update processor (and tests) to fill. */
    public EntitySlice partForUpdate(Windows family) {
        EntitySlice part = parts[family.ordinal()];
        if (part == null) {
            part = new EntitySlice();
            parts[family.ordinal()] = part;
        }
        return part;
    }

    public byte[] toBytes() {
        return StateCodec.encode(KIND, FORMAT_VERSION, out -> {
            for (EntitySlice part : parts) {
                out.writeBoolean(part != null);
                if (part != null) {
                    part.writeTo(out);
                }
            }
        });
    }

    public static StoredSlice fromBytes(byte[] bytes) {
        return StateCodec.decode(bytes, KIND, FORMAT_VERSION, (in, version) -> {
            EntitySlice[] parts = new EntitySlice[SliceLayout.FAMILIES.length];
            for (int i = 0; i < parts.length; i++) {
                byte present = in.readByte();
                if (present != 0 && present != 1) {
                    throw new IOException("presence byte " + present + " of family " + SliceLayout.FAMILIES[i]);
                }
                parts[i] = present == 1 ? EntitySlice.readFrom(in) : null;
            }
            return new StoredSlice(parts);
        });
    }

    /** The serde of the store's values. */
    public static Serde<StoredSlice> serde() {
        Serializer<StoredSlice> serializer = (topic, value) -> value == null ? null : value.toBytes();
        Deserializer<StoredSlice> deserializer = (topic, bytes) -> bytes == null ? null : fromBytes(bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    @Override
    public String toString() {
        return "StoredSlice{tumbling=" + parts[Windows.TUMBLING.ordinal()] + ", hopping=" + parts[Windows.HOPPING.ordinal()] + "}";
    }
}

package io.millrace.speed.stats;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What one rolling statistic is about: a feature over all entities ({@code entity == null}: every entity's slices
 * merged when read) or a feature of one entity. The stores are keyed by entity alone (see {@link EntitySlice});
 * this names what a query reads.
 *
 * <p>Bytes: a presence byte (0 global, 1 per entity), for an entity its UTF-8 length as an int and its UTF-8
 * bytes, then the feature's UTF-8 bytes to the end.
 */
public record StatsKey(String entity, String feature) {

    public StatsKey {
        Objects.requireNonNull(feature, "feature");
    }

    /** A feature over all entities. */
    public static StatsKey global(String feature) {
        return new StatsKey(null, feature);
    }

    /** A feature of one entity. */
    public static StatsKey of(String entity, String feature) {
        return new StatsKey(Objects.requireNonNull(entity, "entity"), feature);
    }

    public boolean isGlobal() {
        return entity == null;
    }

    public byte[] toBytes() {
        byte[] featureBytes = feature.getBytes(StandardCharsets.UTF_8);
        if (entity == null) {
            return ByteBuffer.allocate(1 + featureBytes.length).put((byte) 0).put(featureBytes).array();
        }
        byte[] entityBytes = entity.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 4 + entityBytes.length + featureBytes.length)
                .put((byte) 1).putInt(entityBytes.length).put(entityBytes).put(featureBytes).array();
    }

    public static StatsKey fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length < 1) {
            throw new SerializationException("a rolling statistics key needs at least one byte");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte kind = in.get();
        String entity = null;
        if (kind == 1) {
            int length = in.remaining() >= 4 ? in.getInt() : -1;
            if (length < 0 || length > in.remaining()) {
                throw new SerializationException("rolling statistics key: entity length " + length + " exceeds the bytes");
            }
            entity = new String(bytes, in.position(), length, StandardCharsets.UTF_8);
            in.position(in.position() + length);
        } else if (kind != 0) {
            throw new SerializationException("rolling statistics key: unknown kind byte " + kind);
        }
        return new StatsKey(entity, new String(bytes, in.position(), in.remaining(), StandardCharsets.UTF_8));
    }

    /** The Kafka serde over {@link #toBytes()} and {@link #fromBytes(byte[])}. */
    public static Serde<StatsKey> serde() {
        Serializer<StatsKey> serializer = (topic, key) -> key == null ? null : key.toBytes();
        Deserializer<StatsKey> deserializer = (topic, bytes) -> bytes == null ? null : fromBytes(bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    @Override
    public String toString() {
        return entity == null ? feature : entity + "/" + feature;
    }
}

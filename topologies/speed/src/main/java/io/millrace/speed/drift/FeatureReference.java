package io.millrace.speed.drift;

import io.millrace.learning.StateCodec;
import io.millrace.learning.stats.QuantileSketch;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The reference distribution of one feature, against which the drift watch judges each window: a KLL sketch of
 * a numeric feature, or the counts of a categorical feature's most frequent categories plus the count of all the
 * others, with the event-time range {@code [from, to)} and the source it comes from ({@link #STREAM}: a window of
 * this task's own stream; later the batch layer's recomputation, through
 * {@link WatchFeatureDrift#install(java.util.Collection)}).
 *
 * <p>Stored in {@link io.millrace.speed.StoreNames#FEATURE_DRIFT_REFERENCES} under the feature's name, because the
 * window stores drop the windows it was built from after their retention. Bytes: a {@link StateCodec} envelope of
 * kind {@value #KIND}.
 */
public final class FeatureReference {

    /** The source of a reference built from a window of the task's own stream. */
    public static final String STREAM = "stream";

    static final String KIND = "feature-drift-reference";
    private static final int FORMAT_VERSION = 1;
    private static final byte NUMERIC = 0;
    private static final byte CATEGORICAL = 1;

    private final String feature;
    private final String source;
    private final long from;
    private final long to;
    private final QuantileSketch numbers;
    private final LinkedHashMap<String, Long> categories;
    private final long otherCategories;

    private FeatureReference(String feature, String source, long from, long to, QuantileSketch numbers,
                             LinkedHashMap<String, Long> categories, long otherCategories) {
        this.feature = Objects.requireNonNull(feature, "feature");
        this.source = Objects.requireNonNull(source, "source");
        if (from >= to) {
            throw new IllegalArgumentException("a reference range must start before it ends: [" + from + ", " + to + ")");
        }
        this.from = from;
        this.to = to;
        this.numbers = numbers;
        this.categories = categories;
        this.otherCategories = otherCategories;
    }

    /** A numeric feature's reference: the values {@code sketch} holds (a copy is kept). */
    public static FeatureReference numeric(String feature, String source, Instant from, Instant to, QuantileSketch sketch) {
        if (sketch.isEmpty()) {
            throw new IllegalArgumentException("the reference of '" + feature + "' holds no value");
        }
        return new FeatureReference(feature, source, from.toEpochMilli(), to.toEpochMilli(), sketch.copy(), null, 0);
    }

    /**
     * A categorical feature's reference: the counts of the categories it tracks and the count of every other value
     * (which the drift tests see as one more category, "other").
     */
    public static FeatureReference categorical(String feature, String source, Instant from, Instant to,
                                               Map<String, Long> categories, long otherCategories) {
        LinkedHashMap<String, Long> counts = new LinkedHashMap<>(categories);
        if (otherCategories < 0 || counts.values().stream().anyMatch(count -> count == null || count <= 0)) {
            throw new IllegalArgumentException("category counts of '" + feature + "' must be positive: " + categories
                    + ", other " + otherCategories);
        }
        if (counts.isEmpty() && otherCategories == 0) {
            throw new IllegalArgumentException("the reference of '" + feature + "' holds no value");
        }
        return new FeatureReference(feature, source, from.toEpochMilli(), to.toEpochMilli(), null, counts, otherCategories);
    }

    /** The reference of {@code sample}: numeric when most of its values are numbers, else categorical. */
    static FeatureReference of(String feature, String source, long from, long to, FeatureSample sample, int maxCategories) {
        if (sample.numericCount() >= sample.categoricalCount()) {
            return new FeatureReference(feature, source, from, to, sample.numbers().copy(), null, 0);
        }
        LinkedHashMap<String, Long> top = sample.topCategories(maxCategories);
        long kept = top.values().stream().mapToLong(Long::longValue).sum();
        return new FeatureReference(feature, source, from, to, null, top, sample.categoricalCount() - kept);
    }

    public String feature() {
        return feature;
    }

    public String source() {
        return source;
    }

    public Instant from() {
        return Instant.ofEpochMilli(from);
    }

    public Instant to() {
        return Instant.ofEpochMilli(to);
    }

    long fromMillis() {
        return from;
    }

    long toMillis() {
        return to;
    }

    public boolean isNumeric() {
        return numbers != null;
    }

    /** The values the reference holds: numbers of a numeric one, categorical values of a categorical one. */
    public long count() {
        return isNumeric() ? numbers.count() : categories.values().stream().mapToLong(Long::longValue).sum() + otherCategories;
    }

    /** The numeric values' sketch (not a copy: do not change it); null for a categorical reference. */
    QuantileSketch numbers() {
        return numbers;
    }

    /** The tracked categories' counts; empty for a numeric reference. */
    public Map<String, Long> categories() {
        return categories == null ? Map.of() : Collections.unmodifiableMap(categories);
    }

    /** Values of every category the reference does not track. */
    public long otherCategories() {
        return otherCategories;
    }

    public byte[] toBytes() {
        return StateCodec.encode(KIND, FORMAT_VERSION, out -> {
            out.writeUTF(feature);
            out.writeUTF(source);
            out.writeLong(from);
            out.writeLong(to);
            if (isNumeric()) {
                out.writeByte(NUMERIC);
                StateCodec.writeBytes(out, numbers.toBytes());
            } else {
                out.writeByte(CATEGORICAL);
                out.writeInt(categories.size());
                for (Map.Entry<String, Long> entry : categories.entrySet()) {
                    StateCodec.writeBytes(out, entry.getKey().getBytes(StandardCharsets.UTF_8));
                    out.writeLong(entry.getValue());
                }
                out.writeLong(otherCategories);
            }
        });
    }

    public static FeatureReference fromBytes(byte[] bytes) {
        return StateCodec.decode(bytes, KIND, FORMAT_VERSION, (in, version) -> {
            String feature = in.readUTF();
            String source = in.readUTF();
            long from = in.readLong();
            long to = in.readLong();
            byte kind = in.readByte();
            if (from >= to) {
                throw new IOException("reference range [" + from + ", " + to + ") is empty");
            }
            if (kind == NUMERIC) {
                return new FeatureReference(feature, source, from, to, QuantileSketch.fromBytes(StateCodec.readBytes(in)), null, 0);
            }
            if (kind != CATEGORICAL) {
                throw new IOException("unknown reference kind " + kind);
            }
            int size = in.readInt();
            if (size < 0 || size > in.available()) {
                throw new IOException("category count " + size + " exceeds the remaining bytes");
            }
            LinkedHashMap<String, Long> categories = new LinkedHashMap<>();
            for (int i = 0; i < size; i++) {
                String category = new String(StateCodec.readBytes(in), StandardCharsets.UTF_8);
                long count = in.readLong();
                if (count <= 0 || categories.put(category, count) != null) {
                    throw new IOException("category '" + category + "' has count " + count + " or appears twice");
                }
            }
            long other = in.readLong();
            if (other < 0) {
                throw new IOException("negative count of other categories: " + other);
            }
            return new FeatureReference(feature, source, from, to, null, categories, other);
        });
    }



    @Override
    public String toString() {
        return "FeatureReference{" + feature + ", " + source + " [" + from() + ", " + to() + "), "
                + (isNumeric() ? "numeric" : "categorical") + ", " + count() + " values}";
    }
}

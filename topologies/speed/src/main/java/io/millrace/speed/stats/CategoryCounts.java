package io.millrace.speed.stats;

import io.millrace.learning.StateCodec;
import io.millrace.learning.stats.DistinctSketch;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values one categorical feature took in a window slice: an exact count per category for the first
 * {@code maxCategories} distinct categories seen (in order of first appearance), one count for all the
 * others together, and an HLL sketch ({@link DistinctSketch}) of every category for the distinct count.
 *
 * <p>The cap keeps a slice of a high-cardinality feature (merchant ids, user agents) small; the exact
 * total ({@link #total()}) and the distinct estimate always cover every value. The empty string is a
 * category like any other; the HLL sketch, which refuses it, sees it as {@value #EMPTY_IN_SKETCH}.
 */
public final class CategoryCounts {

    /** What the HLL sketch is given for the empty category. */
    static final String EMPTY_IN_SKETCH = "\u0000";

    private final LinkedHashMap<String, Long> counts;
    private long other;
    private final DistinctSketch distinct;

    public CategoryCounts() {
        this(new LinkedHashMap<>(), 0, new DistinctSketch());
    }

    private CategoryCounts(LinkedHashMap<String, Long> counts, long other, DistinctSketch distinct) {
        this.counts = counts;
        this.other = other;
        this.distinct = distinct;
    }

    /** Counts one occurrence of {@code category}, exactly if it is tracked or fewer than {@code maxCategories} are. */
    public CategoryCounts add(String category, int maxCategories) {
        Long count = counts.get(category);
        if (count != null) {
            counts.put(category, count + 1);
        } else if (counts.size() < maxCategories) {
            counts.put(category, 1L);
        } else {
            other++;
        }
        distinct.update(category.isEmpty() ? EMPTY_IN_SKETCH : category);
        return this;
    }

    /** Adds {@code that} into this one, its categories in their order of appearance; {@code that} is unchanged. */
    public CategoryCounts merge(CategoryCounts that, int maxCategories) {
        CategoryCounts source = that == this ? copy() : that;
        for (Map.Entry<String, Long> entry : source.counts.entrySet()) {
            Long count = counts.get(entry.getKey());
            if (count != null) {
                counts.put(entry.getKey(), count + entry.getValue());
            } else if (counts.size() < maxCategories) {
                counts.put(entry.getKey(), entry.getValue());
            } else {
                other += entry.getValue();
            }
        }
        other += source.other;
        distinct.merge(source.distinct);
        return this;
    }

    public CategoryCounts copy() {
        return new CategoryCounts(new LinkedHashMap<>(counts), other, distinct.copy());
    }

    /** Exact counts of the tracked categories, in order of first appearance. */
    public Map<String, Long> counts() {
        return Collections.unmodifiableMap(counts);
    }

    /** Occurrences of categories beyond the tracked ones. */
    public long other() {
        return other;
    }

    /** Every occurrence: tracked and other. */
    public long total() {
        long total = other;
        for (long count : counts.values()) {
            total += count;
        }
        return total;
    }

    /** Estimated number of distinct categories (HLL). */
    public double distinctEstimate() {
        return distinct.estimate();
    }

    void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(counts.size());
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            StateCodec.writeBytes(out, entry.getKey().getBytes(StandardCharsets.UTF_8));
            out.writeLong(entry.getValue());
        }
        out.writeLong(other);
        StateCodec.writeBytes(out, distinct.toBytes());
    }

    static CategoryCounts readFrom(DataInputStream in) throws IOException {
        int size = in.readInt();
        if (size < 0 || size > in.available()) {
            throw new IOException("category count " + size + " exceeds the remaining bytes");
        }
        LinkedHashMap<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            String category = new String(StateCodec.readBytes(in), StandardCharsets.UTF_8);
            long count = in.readLong();
            if (count <= 0 || counts.put(category, count) != null) {
                throw new IOException("category '" + category + "' has count " + count + " or appears twice");
            }
        }
        long other = in.readLong();
        if (other < 0) {
            throw new IOException("negative count of other categories: " + other);
        }
        return new CategoryCounts(counts, other, DistinctSketch.fromBytes(StateCodec.readBytes(in)));
    }



    @Override
    public String toString() {
        return "CategoryCounts{" + counts + ", other=" + other + ", distinct~" + distinct.estimate() + "}";
    }
}

package io.millrace.speed.stats;

import io.millrace.learning.InputChecks;
import io.millrace.learning.stats.FeatureStatistics;
import io.millrace.learning.stats.Moments;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The values one feature took in one window slice (or a merge of several): how many were missing, the numeric
 * ones as {@link FeatureStatistics} (exact moments, KLL quantiles, HLL distinct count) and the categorical
 * ones as {@link CategoryCounts}.
 *
 * <p>A value is what the Avro {@code Event} carries: a {@link Number} (numeric), a {@link CharSequence}
 * (categorical) or {@code null} (missing; so is {@code NaN}). An infinite number cannot have passed ingest
 * and is refused with {@link io.millrace.learning.InvalidInputException} before anything changes.
 *
 * <p>Reading is lazy: the exact parts (missing, number of categorical values, the numeric {@link Moments})
 * are decoded at once, the sketches only when asked for. That is what lets online features merge a dozen
 * slices per event from their moments alone. The moments are kept ahead of, and equal to, the moments inside
 * the {@link FeatureStatistics}; they cost 63 bytes per slice.
 */
public final class ValueStatistics {

    private long missing;
    private long categorical;
    private final Moments moments;
    private byte[] numericBytes;
    private FeatureStatistics numeric;
    private byte[] categoryBytes;
    private CategoryCounts categories;

    public ValueStatistics() {
        this(0, 0, new Moments(), null, null);
    }

    private ValueStatistics(long missing, long categorical, Moments moments, byte[] numericBytes, byte[] categoryBytes) {
        this.missing = missing;
        this.categorical = categorical;
        this.moments = moments;
        this.numericBytes = numericBytes;
        this.categoryBytes = categoryBytes;
    }

    /** Adds one value of the feature; {@code maxCategories} caps the exact category counts. */
    public ValueStatistics add(Object value, int maxCategories) {
        if (value == null) {
            missing++;
        } else if (value instanceof Number number) {
            addNumber(number.doubleValue());
        } else if (value instanceof CharSequence text) {
            categories().add(text.toString(), maxCategories);
            categorical++;
        } else {
            throw new IllegalArgumentException("a feature value is a number, a string or null, not a "
                    + value.getClass().getName());
        }
        return this;
    }

    private void addNumber(double x) {
        if (Double.isNaN(x)) {
            missing++;
            return;
        }
        InputChecks.checkFinite("feature value", x);
        numeric().update(x);
        moments.update(x);
    }

    /** Adds {@code that} into this one; {@code that} is unchanged. */
    public ValueStatistics merge(ValueStatistics that, int maxCategories) {
        ValueStatistics source = that == this ? copy() : that;
        missing += source.missing;
        moments.merge(source.moments);
        if (source.hasNumeric()) {
            numeric().merge(source.numeric());
        }
        if (source.categorical > 0) {
            categories().merge(source.categories(), maxCategories);
            categorical += source.categorical;
        }
        return this;
    }

    /** Adds only the exact parts of {@code that} (missing, categorical count, moments): what online features need. */
    public ValueStatistics mergeExact(ValueStatistics that) {
        missing += that.missing;
        categorical += that.categorical;
        moments.merge(that.moments);
        return this;
    }

    public ValueStatistics copy() {
        return new ValueStatistics(missing, categorical, moments.copy(), hasNumeric() ? numericBytes() : null,
                categorical > 0 ? categoryBytes() : null);
    }

    /** Values present: numeric and categorical. */
    public long count() {
        return moments.count() + categorical;
    }

    /** Values missing: {@code null} or {@code NaN}. */
    public long missing() {
        return missing;
    }

    /** Categorical values. */
    public long categoricalCount() {
        return categorical;
    }

    /** A copy of the exact moments of the numeric values. */
    public Moments moments() {
        return moments.copy();
    }

    /** Statistics of the numeric values (empty when there were none); decoded on first use. */
    public FeatureStatistics numeric() {
        if (numeric == null) {
            numeric = numericBytes == null ? new FeatureStatistics() : FeatureStatistics.fromBytes(numericBytes);
            numericBytes = null;
        }
        return numeric;
    }

    /** Counts of the categorical values (empty when there were none); decoded on first use. */
    public CategoryCounts categories() {
        if (categories == null) {
            categories = categoryBytes == null ? new CategoryCounts() : decodeCategories(categoryBytes);
            categoryBytes = null;
        }
        return categories;
    }

    private boolean hasNumeric() {
        return moments.count() > 0;
    }

    void writeTo(DataOutputStream out) throws IOException {
        out.writeLong(missing);
        out.writeLong(categorical);
        CategoryCounts.writeBytes(out, moments.toBytes());
        CategoryCounts.writeBytes(out, hasNumeric() ? numericBytes() : new byte[0]);
        CategoryCounts.writeBytes(out, categorical > 0 ? categoryBytes() : new byte[0]);
    }

    static ValueStatistics readFrom(DataInputStream in) throws IOException {
        long missing = in.readLong();
        long categorical = in.readLong();
        Moments moments = Moments.fromBytes(CategoryCounts.readBytes(in));
        byte[] numeric = CategoryCounts.readBytes(in);
        byte[] categories = CategoryCounts.readBytes(in);
        if (missing < 0 || categorical < 0 || (moments.count() > 0) != (numeric.length > 0)
                || (categorical > 0) != (categories.length > 0)) {
            throw new IOException("inconsistent value statistics: missing=" + missing + " categorical=" + categorical
                    + " numeric count=" + moments.count() + " with " + numeric.length + " sketch bytes, "
                    + categories.length + " category bytes");
        }
        return new ValueStatistics(missing, categorical, moments, numeric.length == 0 ? null : numeric,
                categories.length == 0 ? null : categories);
    }

    /** The numeric statistics' bytes: as read when never decoded (byte arrays are never changed), else encoded. */
    private byte[] numericBytes() {
        return numeric == null && numericBytes != null ? numericBytes : numeric().toBytes();
    }

    private byte[] categoryBytes() {
        if (categories == null && categoryBytes != null) {
            return categoryBytes;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            categories().writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static CategoryCounts decodeCategories(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            CategoryCounts counts = CategoryCounts.readFrom(in);
            if (in.available() > 0) {
                throw new IOException(in.available() + " stray bytes after the category counts");
            }
            return counts;
        } catch (IOException e) {
            throw new io.millrace.learning.StateFormatException("category counts are corrupt: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ValueStatistics{count=" + count() + ", missing=" + missing + ", " + moments + ", categorical=" + categorical + "}";
    }
}

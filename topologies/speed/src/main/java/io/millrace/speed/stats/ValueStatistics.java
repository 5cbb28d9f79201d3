package io.millrace.speed.stats;

import io.millrace.learning.InputChecks;
import io.millrace.learning.Encoding;
import io.millrace.learning.StateCodec;
import io.millrace.learning.stats.FeatureStatistics;
import io.millrace.learning.stats.Moments;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * The values one feature took in one window slice (or a merge of several): how many were missing, the numeric
 * ones as {@link FeatureStatistics} (exact moments, KLL quantiles, HLL distinct count) and the categorical
 * ones as {@link CategoryCounts}.
 *
 * <p>A value is what the Avro {@code Event} carries: a {@link Number} (numeric), a {@link CharSequence}
 * (categorical) or {@code null} (missing; so is {@code NaN}). An infinite number cannot have passed ingest
 * and is refused with {@link io.millrace.learning.InvalidInputException} before anything changes.
 *
 * <p><b>Small slices keep their values.</b> Most slices of one entity hold a handful of values, and a sketch costs
 * a few hundred bytes however few values it holds. Up to {@value #RAW_LIMIT} numbers (and, separately, categories)
 * are therefore kept as they came, in arrival order, and the sketches are built from them only when asked for or
 * when the slice outgrows the limit. Nothing is lost: KLL keeps every value below its k (200) and HLL hashes
 * deterministically, so a sketch built by replaying the kept values is the very sketch the values would have
 * built one by one, and so are the moments (Welford's updates in the same order).
 *
 * <p><b>Large slices write their sketches once every {@value #RAW_LIMIT} numbers.</b> Past the limit the numbers go
 * into a sketch kept together with its encoding, and each new number is kept aside, after the sketch (its tail),
 * until {@value #RAW_LIMIT} have come; only then are they added to the sketch, whose encoding is made again at the
 * next write. A slice is written on every event (Kafka Streams serialises a value when it is put), and an entity
 * with hundreds of values in a slice carries a KLL and a dense HLL sketch of a few KB per numeric feature: encoding
 * those on every event was most of what a dense stream cost. The moments always include the tail; a reader adds
 * the tail to the sketch when it asks for the sketch, so what it sees is the same values.
 *
 * <p>Reading is lazy: the exact parts (missing, number of categorical values, the numeric {@link Moments}) are
 * decoded at once, the sketches only when asked for. That is what lets online features merge a dozen slices per
 * event from their moments alone.
 */
public final class ValueStatistics {

    /** The most numbers, and the most categories, a slice keeps as values before it turns them into sketches. */
    public static final int RAW_LIMIT = 16;

    private static final byte NONE = 0;
    private static final byte RAW = 1;
    private static final byte SKETCH = 2;
    private static final byte SKETCH_AND_TAIL = 3;
    private static final double[] NO_NUMBERS = new double[0];

    private long missing;
    private Moments moments;
    private double[] rawNumbers;
    /** The sketch's encoding while it is current (the sketch unchanged since), or null; with {@link #numeric} null, the sketch itself. */
    private byte[] numericBytes;
    private FeatureStatistics numeric;
    /** The numbers after the sketch, not in it yet (never changed in place: a new array each time, so copies share it). */
    private double[] numericTail;
    private long categorical;
    private String[] rawCategories;
    private byte[] categoryBytes;
    private CategoryCounts categories;

    public ValueStatistics() {
        this.moments = new Moments();
        this.rawNumbers = NO_NUMBERS;
        this.numericTail = NO_NUMBERS;
        this.rawCategories = new String[0];
    }

    private ValueStatistics(ValueStatistics that) {
        this.missing = that.missing;
        this.moments = that.moments.copy();
        this.rawNumbers = that.rawNumbers;
        this.numericBytes = that.numericBytes;
        this.numeric = that.numeric == null ? null : that.numeric.copy();
        this.numericTail = that.numericTail;
        this.categorical = that.categorical;
        this.rawCategories = that.rawCategories;
        this.categoryBytes = that.categoryBytes;
        this.categories = that.categories == null ? null : that.categories.copy();
    }

    /** Adds one value of the feature; {@code maxCategories} caps the exact category counts. */
    public ValueStatistics add(Object value, int maxCategories) {
        if (value == null) {
            missing++;
        } else if (value instanceof Number number) {
            addNumber(number.doubleValue());
        } else if (value instanceof CharSequence text) {
            addCategory(text.toString(), maxCategories);
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
        if (rawNumbers != null && rawNumbers.length < RAW_LIMIT) {
            rawNumbers = append(rawNumbers, x);
        } else if (rawNumbers != null || numericTail.length == RAW_LIMIT) {
            numeric().update(x);
        } else {
            numericTail = append(numericTail, x);
        }
        moments.update(x);
    }

    private void addCategory(String category, int maxCategories) {
        if (rawCategories != null && rawCategories.length < RAW_LIMIT && maxCategories >= RAW_LIMIT) {
            rawCategories = Arrays.copyOf(rawCategories, rawCategories.length + 1);
            rawCategories[rawCategories.length - 1] = category;
        } else {
            categories(maxCategories).add(category, maxCategories);
        }
        categorical++;
    }

    /** Adds {@code that} into this one; {@code that} is unchanged. */
    public ValueStatistics merge(ValueStatistics that, int maxCategories) {
        ValueStatistics source = that == this ? copy() : that;
        missing += source.missing;
        moments.merge(source.moments);
        if (source.moments.count() > 0) {
            FeatureStatistics into = numeric();
            if (source.rawNumbers != null) {
                for (double x : source.rawNumbers) {
                    into.update(x);
                }
            } else {
                into.merge(source.numericView());
                for (double x : source.numericTail) {
                    into.update(x);
                }
            }
        }
        if (source.categorical > 0) {
            CategoryCounts into = categories(maxCategories);
            if (source.categories == null && source.categoryBytes == null) {
                for (String category : source.rawCategories) {
                    into.add(category, maxCategories);
                }
            } else {
                into.merge(source.categoriesView(), maxCategories);
            }
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
        return new ValueStatistics(this);
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

    /**
     * Statistics of the numeric values (empty when there were none), every value in: built or decoded on first use,
     * the tail added. The caller may change them, so their encoding is made again at the next write.
     */
    public FeatureStatistics numeric() {
        if (numeric == null) {
            if (numericBytes != null) {
                numeric = FeatureStatistics.fromBytes(numericBytes);
            } else {
                numeric = new FeatureStatistics();
                for (double x : rawNumbers) {
                    numeric.update(x);
                }
            }
            rawNumbers = null;
        }
        for (double x : numericTail) {
            numeric.update(x);
        }
        numericTail = NO_NUMBERS;
        numericBytes = null;
        return numeric;
    }

    /** The sketch of a slice in sketch form, its tail left out, without changing how it holds it (a merge leaves its source as it was). */
    private FeatureStatistics numericView() {
        return numeric != null ? numeric : FeatureStatistics.fromBytes(numericBytes);
    }

    /** The sketch's encoding, made now if the sketch changed since the last one. */
    private byte[] numericEncoding() {
        if (numericBytes == null) {
            numericBytes = numeric.toBytes();
        }
        return numericBytes;
    }

    private CategoryCounts categoriesView() {
        return categories != null ? categories : decodeCategories(categoryBytes);
    }

    /** Counts of the categorical values (empty when there were none); built or decoded on first use. */
    public CategoryCounts categories() {
        return categories(Integer.MAX_VALUE);
    }

    /** Kept categories are only ever fewer than {@code maxCategories} ({@link #addCategory}), so replaying them caps nothing. */
    private CategoryCounts categories(int maxCategories) {
        if (categories == null) {
            if (categoryBytes != null) {
                categories = decodeCategories(categoryBytes);
                categoryBytes = null;
            } else {
                categories = new CategoryCounts();
                for (String category : rawCategories) {
                    categories.add(category, Math.max(maxCategories, RAW_LIMIT));
                }
            }
            rawCategories = null;
        }
        return categories;
    }

    void writeTo(DataOutputStream out) throws IOException {
        out.writeLong(missing);
        if (moments.count() == 0) {
            out.writeByte(NONE);
        } else if (rawNumbers != null) {
            out.writeByte(RAW);
            writeNumbers(out, rawNumbers);
        } else {
            out.writeByte(numericTail.length == 0 ? SKETCH : SKETCH_AND_TAIL);
            StateCodec.writeBytes(out, moments.toBytes());
            StateCodec.writeBytes(out, numericEncoding());
            if (numericTail.length > 0) {
                writeNumbers(out, numericTail);
            }
        }
        out.writeLong(categorical);
        if (categorical == 0) {
            out.writeByte(NONE);
        } else if (categories == null && categoryBytes == null) {
            out.writeByte(RAW);
            out.writeInt(rawCategories.length);
            for (String category : rawCategories) {
                out.writeUTF(category);
            }
        } else {
            out.writeByte(SKETCH);
            StateCodec.writeBytes(out, categories == null ? categoryBytes : encodeCategories(categories));
        }
    }

    static ValueStatistics readFrom(DataInputStream in) throws IOException {
        ValueStatistics values = new ValueStatistics();
        values.missing = nonNegative(in.readLong(), "missing");
        byte numericMode = in.readByte();
        if (numericMode == RAW) {
            values.rawNumbers = readNumbers(in);
            for (double x : values.rawNumbers) {
                values.moments.update(x);
            }
        } else if (numericMode == SKETCH || numericMode == SKETCH_AND_TAIL) {
            values.moments = Moments.fromBytes(StateCodec.readBytes(in));
            values.numericBytes = StateCodec.readBytes(in);
            values.rawNumbers = null;
            if (numericMode == SKETCH_AND_TAIL) {
                values.numericTail = readNumbers(in);
            }
        } else if (numericMode != NONE) {
            throw new IOException("unknown numeric mode " + numericMode);
        }
        values.categorical = nonNegative(in.readLong(), "categorical");
        byte categoryMode = in.readByte();
        if (categoryMode == RAW) {
            int count = in.readInt();
            if (count < 0 || count > RAW_LIMIT || count != values.categorical) {
                throw new IOException(count + " kept categories for " + values.categorical + " categorical values");
            }
            values.rawCategories = new String[count];
            for (int i = 0; i < count; i++) {
                values.rawCategories[i] = in.readUTF();
            }
        } else if (categoryMode == SKETCH) {
            values.categoryBytes = StateCodec.readBytes(in);
            values.rawCategories = null;
        } else if (categoryMode != NONE || values.categorical != 0) {
            throw new IOException("category mode " + categoryMode + " with " + values.categorical + " categorical values");
        }
        return values;
    }

    private static void writeNumbers(DataOutputStream out, double[] numbers) throws IOException {
        out.writeByte(numbers.length);
        for (double x : numbers) {
            out.writeDouble(x);
        }
    }

    private static double[] readNumbers(DataInputStream in) throws IOException {
        int count = in.readUnsignedByte();
        if (count == 0 || count > RAW_LIMIT) {
            throw new IOException(count + " kept numbers, expected 1 to " + RAW_LIMIT);
        }
        double[] numbers = new double[count];
        for (int i = 0; i < count; i++) {
            numbers[i] = in.readDouble();
            InputChecks.checkFinite("kept feature value", numbers[i]);
        }
        return numbers;
    }

    private static long nonNegative(long count, String what) throws IOException {
        if (count < 0) {
            throw new IOException("negative " + what + " count " + count);
        }
        return count;
    }

    private static double[] append(double[] numbers, double x) {
        double[] longer = Arrays.copyOf(numbers, numbers.length + 1);
        longer[numbers.length] = x;
        return longer;
    }

    private static byte[] encodeCategories(CategoryCounts counts) {
        return Encoding.toBytes(counts::writeTo);
    }

    private static CategoryCounts decodeCategories(byte[] bytes) {
        try (DataInputStream in = StateCodec.input(bytes)) {
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

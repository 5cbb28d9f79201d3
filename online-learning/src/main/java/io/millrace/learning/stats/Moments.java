package io.millrace.learning.stats;

import io.millrace.learning.InputChecks;
import io.millrace.learning.StateCodec;
import io.millrace.learning.StateFormatException;

/**
 * Exact running moments of one numeric series: count, mean, variance, min and max, plus the number
 * of missing values.
 *
 * <p>Values are added one at a time with Welford's update (Welford 1962, "Note on a method for
 * calculating corrected sums of squares and products", Technometrics 4(3)), which keeps the mean and
 * the sum of squared deviations {@code M2} without the cancellation of the textbook sum-of-squares
 * formula. Two partial results merge with the pairwise formula of Chan, Golub and LeVeque (1979,
 * "Updating formulae and a pairwise algorithm for computing sample variances"), so the speed layer's
 * windows and the batch layer's partitions combine into the value a single pass would give (equal to
 * about 1e-12 relative; floating point makes the last bits depend on the order of additions).
 *
 * <p>Input: {@code NaN} means missing and only increments {@link #missing()}; an infinite value is
 * refused with {@link io.millrace.learning.InvalidInputException} and changes nothing.
 *
 * <p>Not thread-safe: one instance per key or partition, merged afterwards.
 */
public final class Moments {

    static final String KIND = "moments";
    private static final int FORMAT_VERSION = 1;

    private long count;
    private long missing;
    private double mean;
    private double m2;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    /** Adds one observation; {@code NaN} counts as missing, infinity is refused. */
    public Moments update(double value) {
        if (Double.isNaN(value)) {
            missing++;
            return this;
        }
        InputChecks.checkFinite("value", value);
        count++;
        double delta = value - mean;
        mean += delta / count;
        m2 += delta * (value - mean);
        min = Math.min(min, value);
        max = Math.max(max, value);
        return this;
    }

    /** Adds another partial result into this one (Chan et al.'s pairwise formula); {@code other} is unchanged. */
    public Moments merge(Moments other) {
        missing += other.missing;
        if (other.count == 0) {
            return this;
        }
        if (count == 0) {
            count = other.count;
            mean = other.mean;
            m2 = other.m2;
            min = other.min;
            max = other.max;
            return this;
        }
        long total = count + other.count;
        double delta = other.mean - mean;
        double otherShare = (double) other.count / total;
        mean += delta * otherShare;
        m2 += other.m2 + delta * delta * count * otherShare;
        count = total;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        return this;
    }

    /** An independent copy of this state. */
    public Moments copy() {
        Moments copy = new Moments();
        copy.merge(this);
        return copy;
    }

    /** Number of finite values seen. */
    public long count() {
        return count;
    }

    /** Number of missing ({@code NaN}) values seen; they take no part in any other statistic. */
    public long missing() {
        return missing;
    }

    /** Arithmetic mean; {@code NaN} before the first value. */
    public double mean() {
        return count == 0 ? Double.NaN : mean;
    }

    /** Sum of the values, as {@code mean * count}; 0 before the first value. */
    public double sum() {
        return count == 0 ? 0 : mean * count;
    }

    /** Unbiased sample variance {@code M2 / (n - 1)}; {@code NaN} with fewer than two values. */
    public double sampleVariance() {
        return count < 2 ? Double.NaN : nonNegative(m2) / (count - 1);
    }

    /** Population variance {@code M2 / n}; {@code NaN} before the first value. */
    public double populationVariance() {
        return count == 0 ? Double.NaN : nonNegative(m2) / count;
    }

    /** Square root of {@link #sampleVariance()}. */
    public double sampleStandardDeviation() {
        return Math.sqrt(sampleVariance());
    }

    /** Square root of {@link #populationVariance()}. */
    public double populationStandardDeviation() {
        return Math.sqrt(populationVariance());
    }

    /** Smallest value; {@code NaN} before the first value. */
    public double min() {
        return count == 0 ? Double.NaN : min;
    }

    /** Largest value; {@code NaN} before the first value. */
    public double max() {
        return count == 0 ? Double.NaN : max;
    }

    /** The whole state as bytes in the {@link StateCodec} envelope (kind {@value #KIND}). */
    public byte[] toBytes() {
        return StateCodec.encode(KIND, FORMAT_VERSION, out -> {
            out.writeLong(count);
            out.writeLong(missing);
            out.writeDouble(mean);
            out.writeDouble(m2);
            out.writeDouble(min);
            out.writeDouble(max);
        });
    }

    /** Restores a state written by {@link #toBytes()}. */
    public static Moments fromBytes(byte[] bytes) {
        return StateCodec.decode(bytes, KIND, FORMAT_VERSION, (in, version) -> {
            Moments moments = new Moments();
            moments.count = in.readLong();
            moments.missing = in.readLong();
            moments.mean = in.readDouble();
            moments.m2 = in.readDouble();
            moments.min = in.readDouble();
            moments.max = in.readDouble();
            moments.validate();
            return moments;
        });
    }

    private void validate() {
        boolean empty = count == 0;
        boolean consistent = count >= 0 && missing >= 0 && m2 >= 0 && !Double.isNaN(mean)
            && (empty ? mean == 0 && m2 == 0 : Double.isFinite(mean) && Double.isFinite(m2) && min <= max);
        if (!consistent) {
            throw new StateFormatException("'" + KIND + "' state is inconsistent: count=" + count
                + " missing=" + missing + " mean=" + mean + " m2=" + m2 + " min=" + min + " max=" + max);
        }
    }

    private static double nonNegative(double value) {
        return Math.max(0, value);
    }

    @Override
    public String toString() {
        return "Moments{count=" + count + ", missing=" + missing + ", mean=" + mean() + ", sampleVariance="
            + sampleVariance() + ", min=" + min() + ", max=" + max() + "}";
    }
}

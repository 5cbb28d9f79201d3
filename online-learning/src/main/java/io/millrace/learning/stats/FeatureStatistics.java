package io.millrace.learning.stats;

import io.millrace.learning.InputChecks;
import io.millrace.learning.StateCodec;

/**
 * Everything Millrace keeps about one numeric feature: exact {@link Moments} (count, missing, mean,
 * variance, min, max), a {@link QuantileSketch} (KLL) for quantiles and the distribution-drift tests,
 * and a {@link DistinctSketch} (HLL) for the number of distinct values.
 *
 * <p>The Kafka Streams speed layer keeps one per feature and window in a state store, the Flink batch
 * layer one per partition; both combine partial results with {@link #merge}, and serving merges the
 * batch view with the speed view the same way. This one class is the definition both layers share.
 *
 * <p>Input: {@code NaN} means missing (counted by the moments, not sketched); an infinite value is
 * refused with {@link io.millrace.learning.InvalidInputException} before any part changes.
 */
public final class FeatureStatistics {

    static final String KIND = "feature-statistics";
    private static final int FORMAT_VERSION = 1;

    private final Moments moments;
    private final QuantileSketch quantiles;
    private final DistinctSketch distinct;

    /** Empty statistics with {@link SketchConfig#DEFAULT}. */
    public FeatureStatistics() {
        this(SketchConfig.DEFAULT);
    }

    public FeatureStatistics(SketchConfig config) {
        this(new Moments(), new QuantileSketch(config.quantileK()), new DistinctSketch(config.distinctLgK()));
    }

    private FeatureStatistics(Moments moments, QuantileSketch quantiles, DistinctSketch distinct) {
        this.moments = moments;
        this.quantiles = quantiles;
        this.distinct = distinct;
    }

    /** Adds one observation: {@code NaN} counts as missing, infinity is refused. */
    public FeatureStatistics update(double value) {
        if (Double.isNaN(value)) {
            moments.update(value);
            return this;
        }
        InputChecks.checkFinite("feature value", value);
        moments.update(value);
        quantiles.update(value);
        distinct.update(value);
        return this;
    }

    /** Adds another partial result into this one; {@code other} is unchanged. */
    public FeatureStatistics merge(FeatureStatistics other) {
        FeatureStatistics source = other == this ? copy() : other;
        moments.merge(source.moments);
        quantiles.merge(source.quantiles);
        distinct.merge(source.distinct);
        return this;
    }

    /** An independent copy. */
    public FeatureStatistics copy() {
        return new FeatureStatistics(moments.copy(), quantiles.copy(), distinct.copy());
    }

    /** A copy of the exact moments. */
    public Moments moments() {
        return moments.copy();
    }

    /** A copy of the quantile sketch. */
    public QuantileSketch quantiles() {
        return quantiles.copy();
    }

    /** A copy of the distinct-count sketch. */
    public DistinctSketch distinct() {
        return distinct.copy();
    }

    public long count() {
        return moments.count();
    }

    public long missing() {
        return moments.missing();
    }

    public double mean() {
        return moments.mean();
    }

    public double sampleVariance() {
        return moments.sampleVariance();
    }

    public double populationVariance() {
        return moments.populationVariance();
    }

    public double min() {
        return moments.min();
    }

    public double max() {
        return moments.max();
    }

    /** Approximate value at normalised rank {@code rank}; see {@link QuantileSketch#quantile}. */
    public double quantile(double rank) {
        return quantiles.quantile(rank);
    }

    /** Approximate fraction of values {@code <= value}. */
    public double rank(double value) {
        return quantiles.rank(value);
    }

    /** Estimated number of distinct values. */
    public double distinctEstimate() {
        return distinct.estimate();
    }

    /** One envelope of kind {@value #KIND}: the moments' own envelope, then the KLL and HLL images. */
    public byte[] toBytes() {
        return StateCodec.encode(KIND, FORMAT_VERSION, out -> {
            StateCodec.writeBytes(out, moments.toBytes());
            quantiles.writeTo(out);
            distinct.writeTo(out);
        });
    }

    /** Restores statistics written by {@link #toBytes()}. */
    public static FeatureStatistics fromBytes(byte[] bytes) {
        return StateCodec.decode(bytes, KIND, FORMAT_VERSION, (in, version) -> {
            Moments moments = Moments.fromBytes(StateCodec.readBytes(in));
            QuantileSketch quantiles = QuantileSketch.readFrom(in);
            DistinctSketch distinct = DistinctSketch.readFrom(in);
            return new FeatureStatistics(moments, quantiles, distinct);
        });
    }

    @Override
    public String toString() {
        return "FeatureStatistics{" + moments + ", " + quantiles + ", " + distinct + "}";
    }
}

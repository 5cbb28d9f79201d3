package io.millrace.learning.stats;

/**
 * Sizes of the sketches in a {@link FeatureStatistics}.
 *
 * @param quantileK KLL parameter {@code k} (default 200: about 1.33% rank error at 99% confidence)
 * @param distinctLgK HLL log2 of the bucket count (default 12: about 1.6% relative standard error)
 */
public record SketchConfig(int quantileK, int distinctLgK) {

    /** DataSketches' defaults: KLL k = 200, HLL lgK = 12. */
    public static final SketchConfig DEFAULT = new SketchConfig(QuantileSketch.DEFAULT_K, DistinctSketch.DEFAULT_LG_K);

    public SketchConfig {
        QuantileSketch.checkK(quantileK);
        DistinctSketch.checkLgK(distinctLgK);
    }
}

package io.millrace.learning.distribution;

import io.millrace.learning.stats.QuantileSketch;
import java.util.Arrays;

/**
 * Population stability index between a reference and a current sample, both held as KLL sketches.
 *
 * <p>The reference's quantiles at ranks {@code 1/B, ..., (B-1)/B} cut the line into {@code B} bins
 * (default 10, deciles; repeated edges of a discrete feature are merged); each sample's share of
 * every bin comes from its sketch's PMF, and
 * {@code PSI = sum over bins of (current - reference) * ln(current / reference)}, with an empty share
 * replaced by {@code epsilon} (default 1e-4) so that the logarithm stays finite. PSI is the symmetrised
 * Kullback-Leibler divergence of the binned distributions (Yurdakul 2018, "Statistical properties of
 * population stability index", Western Michigan University, for its sampling behaviour).
 *
 * <p>The customary reading, used by credit-scoring practice since Siddiqi (2006, "Credit Risk
 * Scorecards"): below {@value #MODERATE} no significant change, from {@value #MODERATE} to
 * {@value #SIGNIFICANT} a moderate change worth watching, above {@value #SIGNIFICANT} a significant
 * shift. {@code drifted} is {@code PSI > threshold}, the threshold defaulting to {@value #SIGNIFICANT}.
 *
 * <p>Sketch error: each bin share carries at most twice the sketch's rank error; with small samples
 * PSI is biased upwards (about {@code (B-1)(1/n + 1/m)} for samples of sizes n and m), so compare
 * windows of at least a few thousand values.
 */
public final class Psi {

    /** Below this, no significant change. */
    public static final double MODERATE = 0.1;
    /** Above this, a significant shift. */
    public static final double SIGNIFICANT = 0.25;

    static final String TEST = "psi";

    /**
     * @param bins      number of reference-quantile bins, at least 2 (default 10)
     * @param epsilon   share used in place of an empty bin's 0, in (0, 1) (default 1e-4)
     * @param threshold PSI above which the result is flagged as drift (default 0.25)
     */
    public record Config(int bins, double epsilon, double threshold) {

        public static final Config DEFAULT = new Config(10, 1e-4, SIGNIFICANT);

        public Config {
            if (bins < 2) {
                throw new IllegalArgumentException("PSI needs at least 2 bins, got " + bins);
            }
            if (!(epsilon > 0 && epsilon < 1)) {
                throw new IllegalArgumentException("PSI epsilon must be in (0, 1), got " + epsilon);
            }
            if (!(threshold > 0) || Double.isInfinite(threshold)) {
                throw new IllegalArgumentException("PSI threshold must be positive and finite, got " + threshold);
            }
        }
    }

    /** How large a PSI value is, in the customary three bands. */
    public enum Severity { STABLE, MODERATE, SIGNIFICANT }

    private final Config config;

    public Psi() {
        this(Config.DEFAULT);
    }

    public Psi(Config config) {
        this.config = config;
    }

    public Config config() {
        return config;
    }

    /** Compares {@code current} against {@code reference}; neither may be empty. */
    public DriftResult compare(QuantileSketch reference, QuantileSketch current) {
        Samples.checkNotEmpty(reference, current);
        double[] edges = binEdges(reference);
        double psi = index(reference.pmf(edges), current.pmf(edges), config.epsilon());
        return new DriftResult(TEST, psi, config.threshold(), psi > config.threshold(), reference.count(),
            current.count());
    }

    /** The strictly increasing bin edges taken from the reference's quantiles. */
    public double[] binEdges(QuantileSketch reference) {
        Samples.checkNotEmpty(reference, reference);
        double[] ranks = new double[config.bins() - 1];
        for (int i = 0; i < ranks.length; i++) {
            ranks[i] = (i + 1) / (double) config.bins();
        }
        return Arrays.stream(reference.quantiles(ranks)).distinct().toArray();
    }

    /** PSI of two share vectors of equal length, each empty share replaced by {@code epsilon}. */
    static double index(double[] referenceShares, double[] currentShares, double epsilon) {
        double psi = 0;
        for (int i = 0; i < referenceShares.length; i++) {
            double expected = Math.max(referenceShares[i], epsilon);
            double actual = Math.max(currentShares[i], epsilon);
            psi += (actual - expected) * Math.log(actual / expected);
        }
        return psi;
    }

    /** The band of a PSI value: below 0.1 stable, up to 0.25 moderate, above significant. */
    public static Severity severity(double psi) {
        if (psi > SIGNIFICANT) {
            return Severity.SIGNIFICANT;
        }
        return psi >= MODERATE ? Severity.MODERATE : Severity.STABLE;
    }
}

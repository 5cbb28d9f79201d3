package io.millrace.learning.distribution;

import io.millrace.learning.stats.QuantileSketch;
import org.apache.datasketches.quantilescommon.DoublesSortedView;

/**
 * Two-sample Kolmogorov-Smirnov test between a reference and a current sample held as KLL sketches.
 *
 * <p>The statistic is {@code D = sup_x |F_ref(x) - F_cur(x)|}, evaluated exactly on the sketches'
 * approximations of the two empirical CDFs at every value either sketch retains; while both sketches
 * are in exact mode it is the textbook two-sample D. The null hypothesis (same distribution) is
 * rejected at level {@code alpha} when {@code D} exceeds Smirnov's asymptotic critical value
 * {@code c(alpha) * sqrt((n + m) / (n m))} with {@code c(alpha) = sqrt(-ln(alpha / 2) / 2)}
 * (Smirnov 1948, "Table for estimating the goodness of fit of empirical distributions"), plus the two
 * sketches' single-sided rank errors {@code eps_ref + eps_cur} (0 for an exact sketch): the sketched D
 * differs from the true D by at most that much, at 99% confidence, so a flagged drift is not an
 * artefact of the sketches. This follows Apache DataSketches' sketch-aware KS test, with two
 * differences: the critical value uses the stream sizes {@code n, m} rather than the retained counts,
 * and D is evaluated at matching points of both CDFs; DataSketches 6.2.0's {@code computeKSDelta}
 * compares a CDF step of one sketch with the next step of the other and can under-state D (2/3
 * instead of 1 for {1,2,3} against {4,5,6}).
 *
 * <p>With large windows the test detects very small shifts; the sketch term sets a floor of about
 * 0.027 on D for two KLL sketches of k = 200 in estimation mode.
 */
public final class KolmogorovSmirnov {

    static final String TEST = "kolmogorov-smirnov";

    /** @param alpha significance level in (0, 1) (default 0.05) */
    public record Config(double alpha) {

        public static final Config DEFAULT = new Config(0.05);

        public Config {
            if (!(alpha > 0 && alpha < 1)) {
                throw new IllegalArgumentException("KS alpha must be in (0, 1), got " + alpha);
            }
        }
    }

    private final Config config;

    public KolmogorovSmirnov() {
        this(Config.DEFAULT);
    }

    public KolmogorovSmirnov(Config config) {
        this.config = config;
    }

    public Config config() {
        return config;
    }

    /** Tests {@code current} against {@code reference}; neither may be empty. */
    public DriftResult compare(QuantileSketch reference, QuantileSketch current) {
        Samples.checkNotEmpty(reference, current);
        double d = statistic(reference, current);
        double threshold = criticalValue(config.alpha(), reference.count(), current.count())
            + reference.normalizedRankError() + current.normalizedRankError();
        return new DriftResult(TEST, d, threshold, d > threshold, reference.count(), current.count());
    }

    /** The largest distance between the two sketched CDFs. */
    public static double statistic(QuantileSketch first, QuantileSketch second) {
        Samples.checkNotEmpty(first, second);
        return largestGap(first.sortedView(), second.sortedView());
    }

    /** Smirnov's asymptotic critical value of D at level {@code alpha} for samples of sizes n and m. */
    public static double criticalValue(double alpha, long n, long m) {
        if (n <= 0 || m <= 0) {
            throw new IllegalArgumentException("sample sizes must be positive, got " + n + " and " + m);
        }
        double c = Math.sqrt(-0.5 * Math.log(alpha / 2));
        return c * Math.sqrt((double) (n + m) / ((double) n * m));
    }

    /**
     * Walks both sorted views in one merge pass; at each distinct value it moves both CDFs past every
     * retained item {@code <=} that value, then measures the gap.
     */
    private static double largestGap(DoublesSortedView first, DoublesSortedView second) {
        double[] a = first.getQuantiles();
        double[] b = second.getQuantiles();
        long[] cumA = first.getCumulativeWeights();
        long[] cumB = second.getCumulativeWeights();
        double totalA = first.getN();
        double totalB = second.getN();
        int i = 0;
        int j = 0;
        long weightA = 0;
        long weightB = 0;
        double gap = 0;
        while (i < a.length || j < b.length) {
            double x = Math.min(i < a.length ? a[i] : Double.POSITIVE_INFINITY,
                j < b.length ? b[j] : Double.POSITIVE_INFINITY);
            while (i < a.length && a[i] <= x) {
                weightA = cumA[i++];
            }
            while (j < b.length && b[j] <= x) {
                weightB = cumB[j++];
            }
            gap = Math.max(gap, Math.abs(weightA / totalA - weightB / totalB));
        }
        return gap;
    }
}

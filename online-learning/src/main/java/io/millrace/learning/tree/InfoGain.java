package io.millrace.learning.tree;

/**
 * The information gain split criterion (Quinlan's ID3/C4.5 gain, as MOA's
 * {@code InfoGainSplitCriterion}) and the Hoeffding bound (Hoeffding 1963; Domingos and Hulten 2000).
 * Summation orders follow MOA's so that the same counts give the same doubles.
 */
final class InfoGain {

    private static final double LN2 = Math.log(2);

    private InfoGain() {
    }

    static double log2(double x) {
        return Math.log(x) / LN2;
    }

    /** Entropy in bits of a class distribution given as weights; 0 for an empty one. */
    static double entropy(double[] distribution) {
        double entropy = 0.0;
        double sum = 0.0;
        for (double d : distribution) {
            if (d > 0.0) {
                entropy -= d * log2(d);
                sum += d;
            }
        }
        return sum > 0.0 ? (entropy + sum * log2(sum)) / sum : 0.0;
    }

    /**
     * Information gain of splitting into the first {@code count} branch distributions, or
     * {@code -infinity} when fewer than two branches get more than {@code minBranchFraction} of the
     * weight (such a split separates nothing worth a node).
     */
    static double merit(double preSplitEntropy, double[][] branches, int count, double minBranchFraction) {
        double[] weights = new double[count];
        double total = 0.0;
        for (int i = 0; i < count; i++) {
            double weight = 0.0;
            for (double d : branches[i]) {
                weight += d;
            }
            weights[i] = weight;
            total += weight;
        }
        int heavy = 0;
        for (int i = 0; i < count; i++) {
            if (weights[i] / total > minBranchFraction) {
                heavy++;
            }
        }
        if (heavy < 2) {
            return Double.NEGATIVE_INFINITY;
        }
        double postSplitEntropy = 0.0;
        for (int i = 0; i < count; i++) {
            postSplitEntropy += weights[i] * entropy(branches[i]);
        }
        return preSplitEntropy - postSplitEntropy / total;
    }

    /** Range of the information gain for a node that has seen {@code classSpan} classes: log2 of at least 2. */
    static double range(int classSpan) {
        return log2(classSpan > 2 ? classSpan : 2);
    }

    /** epsilon = sqrt(R^2 ln(1/delta) / (2n)). */
    static double hoeffdingBound(double range, double confidence, double n) {
        return Math.sqrt(((range * range) * Math.log(1.0 / confidence)) / (2.0 * n));
    }
}

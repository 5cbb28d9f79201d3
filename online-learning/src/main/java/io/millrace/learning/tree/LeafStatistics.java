package io.millrace.learning.tree;

import io.millrace.learning.bayes.Gaussian;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import static io.millrace.learning.tree.AttributeLayout.COEFFICIENT;
import static io.millrace.learning.tree.AttributeLayout.MAX;
import static io.millrace.learning.tree.AttributeLayout.MEAN;
import static io.millrace.learning.tree.AttributeLayout.MIN;
import static io.millrace.learning.tree.AttributeLayout.NUMERIC_SLOTS;
import static io.millrace.learning.tree.AttributeLayout.SQUARES;
import static io.millrace.learning.tree.AttributeLayout.STD_DEV;
import static io.millrace.learning.tree.AttributeLayout.STORED_NUMERIC_SLOTS;
import static io.millrace.learning.tree.AttributeLayout.TWO_VARIANCE;
import static io.millrace.learning.tree.AttributeLayout.WEIGHT;

/**
 * The attribute observers of one learning leaf, in flat primitive arrays laid out by
 * {@link AttributeLayout}: per numeric attribute and class a Gaussian estimator with the observed
 * minimum and maximum (MOA's {@code GaussianNumericAttributeClassObserver}); per nominal attribute and
 * class the weight of each category (MOA's {@code NominalAttributeClassObserver}).
 *
 * <p>A nominal observer also keeps, per class, the number of categories it has seen so far (one past
 * the highest index), because MOA's Laplace smoothing divides by that number rather than the
 * attribute's cardinality, and its multiway splits make one branch per category seen.
 */
final class LeafStatistics {

    final double[] numeric;
    final double[] counts;
    final double[] totals;
    final int[] spans;

    LeafStatistics(AttributeLayout layout) {
        numeric = new double[layout.numericLength];
        counts = new double[layout.countsLength];
        totals = new double[layout.nominalClassLength];
        spans = new int[layout.nominalClassLength];
    }

    /** Adds one example; a missing (NaN) value leaves its attribute's observer unchanged. */
    void observe(AttributeLayout layout, double[] features, int label, double weight) {
        for (int j = 0; j < layout.numAttributes; j++) {
            double value = features[j];
            if (Double.isNaN(value)) {
                continue;
            }
            if (layout.nominal[j]) {
                observeNominal(layout, j, (int) value, label, weight);
            } else {
                observeNumeric(layout.base[j] + label * NUMERIC_SLOTS, value, weight);
            }
        }
    }

    private void observeNominal(AttributeLayout layout, int attribute, int category, int label, double weight) {
        counts[layout.base[attribute] + label * layout.cardinality[attribute] + category] += weight;
        int index = layout.nominalIndex[attribute] + label;
        totals[index] += weight;
        if (category >= spans[index]) {
            spans[index] = category + 1;
        }
    }

    private void observeNumeric(int slot, double value, double weight) {
        if (numeric[slot + WEIGHT] > 0.0) {
            if (value < numeric[slot + MIN]) {
                numeric[slot + MIN] = value;
            }
            if (value > numeric[slot + MAX]) {
                numeric[slot + MAX] = value;
            }
        } else {
            numeric[slot + MIN] = value;
            numeric[slot + MAX] = value;
        }
        Gaussian.observe(numeric, slot, value, weight);
        refreshCache(slot);
    }

    private void refreshCache(int slot) {
        double stdDev = Math.sqrt(Gaussian.variance(numeric[slot + WEIGHT], numeric[slot + SQUARES]));
        numeric[slot + STD_DEV] = stdDev;
        numeric[slot + COEFFICIENT] = 1.0 / (Gaussian.NORMAL_CONSTANT * stdDev);
        numeric[slot + TWO_VARIANCE] = 2.0 * stdDev * stdDev;
    }

    /**
     * P(value | class) as MOA's observers give it: the Gaussian density for a numeric attribute,
     * (count + 1) / (total + categories seen) for a nominal one; 0 for a class the observer never saw.
     */
    double likelihood(AttributeLayout layout, int attribute, int classIndex, double value) {
        if (layout.nominal[attribute]) {
            int index = layout.nominalIndex[attribute] + classIndex;
            int span = spans[index];
            if (span == 0) {
                return 0.0;
            }
            int cardinality = layout.cardinality[attribute];
            int category = (int) value;
            double count = category < cardinality
                ? counts[layout.base[attribute] + classIndex * cardinality + category] : 0.0;
            return (count + 1.0) / (totals[index] + span);
        }
        int slot = layout.base[attribute] + classIndex * NUMERIC_SLOTS;
        if (numeric[slot + WEIGHT] > 0.0) {
            if (numeric[slot + STD_DEV] > 0.0) {
                double diff = value - numeric[slot + MEAN];
                return numeric[slot + COEFFICIENT] * Math.exp(-(diff * diff / numeric[slot + TWO_VARIANCE]));
            }
            return value == numeric[slot + MEAN] ? 1.0 : 0.0;
        }
        return 0.0;
    }

    /**
     * Naive Bayes votes (MOA's {@code NaiveBayes.doNaiveBayesPrediction}): the class prior times the
     * likelihood of every present attribute, for the classes the leaf has seen ({@code span}); 0 for
     * the others. {@code statistics} is null for a leaf that has not learned yet: the prior alone.
     */
    static void naiveBayesVotes(AttributeLayout layout, LeafStatistics statistics, double[] classCounts,
                                int span, double[] features, double[] out) {
        double sum = 0.0;
        for (int c = 0; c < span; c++) {
            sum += classCounts[c];
        }
        for (int c = 0; c < span; c++) {
            double vote = classCounts[c] / sum;
            if (statistics != null) {
                for (int j = 0; j < layout.numAttributes; j++) {
                    double value = features[j];
                    if (!Double.isNaN(value)) {
                        vote *= statistics.likelihood(layout, j, c, value);
                    }
                }
            }
            out[c] = vote;
        }
        for (int c = span; c < out.length; c++) {
            out[c] = 0.0;
        }
    }

    // ---- split candidates ------------------------------------------------------------------

    /** True when some class has a value of this numeric attribute. */
    boolean hasNumericRange(AttributeLayout layout, int attribute) {
        int slot = layout.base[attribute];
        for (int c = 0; c < layout.numClasses; c++, slot += NUMERIC_SLOTS) {
            if (numeric[slot + WEIGHT] > 0.0) {
                return true;
            }
        }
        return false;
    }

    double numericMin(AttributeLayout layout, int attribute) {
        double min = Double.POSITIVE_INFINITY;
        int slot = layout.base[attribute];
        for (int c = 0; c < layout.numClasses; c++, slot += NUMERIC_SLOTS) {
            if (numeric[slot + WEIGHT] > 0.0 && numeric[slot + MIN] < min) {
                min = numeric[slot + MIN];
            }
        }
        return min;
    }

    double numericMax(AttributeLayout layout, int attribute) {
        double max = Double.NEGATIVE_INFINITY;
        int slot = layout.base[attribute];
        for (int c = 0; c < layout.numClasses; c++, slot += NUMERIC_SLOTS) {
            if (numeric[slot + WEIGHT] > 0.0 && numeric[slot + MAX] > max) {
                max = numeric[slot + MAX];
            }
        }
        return max;
    }

    /**
     * Class weights on each side of {@code value <= threshold}, estimated from each class's Gaussian
     * (MOA's {@code getClassDistsResultingFromBinarySplit}). Fills {@code left} and {@code right}
     * (zeroed by the caller) and returns the two branches' class spans packed as
     * {@code leftSpan << 16 | rightSpan}.
     */
    int numericSplit(AttributeLayout layout, int attribute, double threshold, double[] left, double[] right) {
        int leftSpan = 0;
        int rightSpan = 0;
        int slot = layout.base[attribute];
        for (int c = 0; c < layout.numClasses; c++, slot += NUMERIC_SLOTS) {
            double weight = numeric[slot + WEIGHT];
            if (!(weight > 0.0)) {
                continue;
            }
            if (threshold < numeric[slot + MIN]) {
                right[c] += weight;
                rightSpan = c + 1;
            } else if (threshold >= numeric[slot + MAX]) {
                left[c] += weight;
                leftSpan = c + 1;
            } else {
                double mean = numeric[slot + MEAN];
                double stdDev = numeric[slot + STD_DEV];
                double equal = likelihood(layout, attribute, c, threshold) * weight;
                double less = stdDev > 0.0
                    ? Gaussian.normalCdf((threshold - mean) / stdDev) * weight - equal
                    : (threshold < mean ? weight - equal : 0.0);
                double greater = weight - equal - less;
                if (greater < 0.0) {
                    greater = 0.0;
                }
                left[c] += less + equal;
                right[c] += greater;
                leftSpan = c + 1;
                rightSpan = c + 1;
            }
        }
        return leftSpan << 16 | rightSpan;
    }

    /** Categories seen for this nominal attribute by any class: the number of multiway branches. */
    int nominalBranches(AttributeLayout layout, int attribute) {
        int branches = 0;
        for (int c = 0; c < layout.numClasses; c++) {
            branches = Math.max(branches, spans[layout.nominalIndex[attribute] + c]);
        }
        return branches;
    }

    /** Class weights per category (MOA's multiway split); returns each branch's class span. */
    int[] nominalMultiwaySplit(AttributeLayout layout, int attribute, double[][] branches) {
        int[] branchSpans = new int[branches.length];
        int cardinality = layout.cardinality[attribute];
        for (int c = 0; c < layout.numClasses; c++) {
            int span = spans[layout.nominalIndex[attribute] + c];
            int from = layout.base[attribute] + c * cardinality;
            for (int v = 0; v < span; v++) {
                branches[v][c] += counts[from + v];
                branchSpans[v] = c + 1;
            }
        }
        return branchSpans;
    }

    /** Class weights for {@code category} against all others; returns the spans packed as in {@link #numericSplit}. */
    int nominalBinarySplit(AttributeLayout layout, int attribute, int category, double[] equal, double[] other) {
        int equalSpan = 0;
        int otherSpan = 0;
        int cardinality = layout.cardinality[attribute];
        for (int c = 0; c < layout.numClasses; c++) {
            int span = spans[layout.nominalIndex[attribute] + c];
            int from = layout.base[attribute] + c * cardinality;
            for (int v = 0; v < span; v++) {
                if (v == category) {
                    equal[c] += counts[from + v];
                    equalSpan = c + 1;
                } else {
                    other[c] += counts[from + v];
                    otherSpan = c + 1;
                }
            }
        }
        return equalSpan << 16 | otherSpan;
    }

    // ---- bytes --------------------------------------------------------------------------------

    void writeTo(DataOutputStream out, AttributeLayout layout) throws IOException {
        for (int slot = 0; slot < numeric.length; slot += NUMERIC_SLOTS) {
            for (int k = 0; k < STORED_NUMERIC_SLOTS; k++) {
                out.writeDouble(numeric[slot + k]);
            }
        }
        for (double count : counts) {
            out.writeDouble(count);
        }
        for (int j = 0; j < layout.numAttributes; j++) {
            if (!layout.nominal[j]) {
                continue;
            }
            for (int c = 0; c < layout.numClasses; c++) {
                out.writeDouble(totals[layout.nominalIndex[j] + c]);
                out.writeInt(spans[layout.nominalIndex[j] + c]);
            }
        }
    }

    static LeafStatistics readFrom(DataInputStream in, AttributeLayout layout) throws IOException {
        LeafStatistics statistics = new LeafStatistics(layout);
        for (int slot = 0; slot < statistics.numeric.length; slot += NUMERIC_SLOTS) {
            for (int k = 0; k < STORED_NUMERIC_SLOTS; k++) {
                statistics.numeric[slot + k] = in.readDouble();
            }
            statistics.refreshCache(slot);
        }
        for (int i = 0; i < statistics.counts.length; i++) {
            statistics.counts[i] = in.readDouble();
        }
        for (int j = 0; j < layout.numAttributes; j++) {
            if (!layout.nominal[j]) {
                continue;
            }
            for (int c = 0; c < layout.numClasses; c++) {
                int index = layout.nominalIndex[j] + c;
                statistics.totals[index] = in.readDouble();
                int span = in.readInt();
                if (span < 0 || span > layout.cardinality[j]) {
                    throw new IOException("attribute " + j + " cannot have seen " + span + " categories");
                }
                statistics.spans[index] = span;
            }
        }
        return statistics;
    }
}

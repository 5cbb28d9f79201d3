package io.millrace.learning.tree;

import java.util.Arrays;

/**
 * Decides whether a leaf splits, and on what (Domingos and Hulten 2000, as MOA's
 * {@code HoeffdingTree.attemptToSplit}): every attribute proposes its best split by information gain,
 * then the best is taken when it beats the second best by more than the Hoeffding bound, or when the
 * bound has shrunk below the tie threshold.
 */
final class SplitSearch {

    /** The class weights and class spans of the branches a chosen split creates. */
    record Branches(double[][] counts, int[] spans) {
    }

    private final AttributeLayout layout;
    private final HoeffdingTreeConfig config;

    SplitSearch(AttributeLayout layout, HoeffdingTreeConfig config) {
        this.layout = layout;
        this.config = config;
    }

    /**
     * The split to make at a leaf with these class weights and statistics: a suggestion, or
     * {@link SplitSuggestion#NONE} when no attribute can split at all, or null to wait for more data.
     */
    SplitSuggestion attempt(double[] classCounts, int classSpan, LeafStatistics statistics) {
        if (isPure(classCounts)) {
            return null;
        }
        double preSplitEntropy = InfoGain.entropy(classCounts);
        SplitSuggestion[] ranked = new SplitSuggestion[layout.numAttributes + 1];
        ranked[0] = SplitSuggestion.NONE;
        int count = 1;
        for (int j = 0; j < layout.numAttributes; j++) {
            SplitSuggestion best = layout.nominal[j]
                ? bestNominal(j, preSplitEntropy, classCounts.length, statistics)
                : bestNumeric(j, preSplitEntropy, classCounts.length, statistics);
            if (best != null) {
                ranked[count++] = best;
            }
        }
        sortByMerit(ranked, count);
        if (count < 2) {
            return ranked[0];
        }
        double weightSeen = 0.0;
        for (int c = 0; c < classSpan; c++) {
            weightSeen += classCounts[c];
        }
        double bound = InfoGain.hoeffdingBound(InfoGain.range(classSpan), config.splitConfidence(), weightSeen);
        SplitSuggestion best = ranked[count - 1];
        SplitSuggestion second = ranked[count - 2];
        if (best.merit - second.merit > bound || bound < config.tieThreshold()) {
            return best;
        }
        return null;
    }

    private static boolean isPure(double[] classCounts) {
        int nonZero = 0;
        for (double count : classCounts) {
            if (count != 0.0) {
                nonZero++;
            }
        }
        return nonZero < 2;
    }

    /** Stable ascending insertion sort by merit (as {@code Arrays.sort} on MOA's suggestions). */
    private static void sortByMerit(SplitSuggestion[] ranked, int count) {
        for (int i = 1; i < count; i++) {
            SplitSuggestion current = ranked[i];
            int k = i - 1;
            while (k >= 0 && Double.compare(ranked[k].merit, current.merit) > 0) {
                ranked[k + 1] = ranked[k];
                k--;
            }
            ranked[k + 1] = current;
        }
    }

    private SplitSuggestion bestNumeric(int attribute, double preSplitEntropy, int numClasses,
                                        LeafStatistics statistics) {
        double min = statistics.numericMin(layout, attribute);
        if (!(min < Double.POSITIVE_INFINITY)) {
            return null;
        }
        double max = statistics.numericMax(layout, attribute);
        double range = max - min;
        int points = config.numericSplitPoints();
        double[][] sides = new double[2][numClasses];
        SplitSuggestion best = null;
        double previous = Double.NaN;
        for (int i = 0; i < points; i++) {
            double threshold = range / (points + 1.0) * (i + 1) + min;
            if (!(threshold > min && threshold < max) || threshold == previous) {
                continue;
            }
            previous = threshold;
            Arrays.fill(sides[0], 0.0);
            Arrays.fill(sides[1], 0.0);
            statistics.numericSplit(layout, attribute, threshold, sides[0], sides[1]);
            double merit = InfoGain.merit(preSplitEntropy, sides, 2, config.minBranchFraction());
            if (best == null || merit > best.merit) {
                best = new SplitSuggestion(attribute, SplitSuggestion.NUMERIC, threshold, -1, merit);
            }
        }
        return best;
    }

    private SplitSuggestion bestNominal(int attribute, double preSplitEntropy, int numClasses,
                                        LeafStatistics statistics) {
        int categories = statistics.nominalBranches(layout, attribute);
        SplitSuggestion best = null;
        if (!config.binarySplits()) {
            double[][] branches = new double[categories][numClasses];
            statistics.nominalMultiwaySplit(layout, attribute, branches);
            double merit = InfoGain.merit(preSplitEntropy, branches, categories, config.minBranchFraction());
            best = new SplitSuggestion(attribute, SplitSuggestion.NOMINAL_MULTIWAY, Double.NaN, -1, merit);
        }
        double[][] sides = new double[2][numClasses];
        for (int v = 0; v < categories; v++) {
            Arrays.fill(sides[0], 0.0);
            Arrays.fill(sides[1], 0.0);
            statistics.nominalBinarySplit(layout, attribute, v, sides[0], sides[1]);
            double merit = InfoGain.merit(preSplitEntropy, sides, 2, config.minBranchFraction());
            if (best == null || merit > best.merit) {
                best = new SplitSuggestion(attribute, SplitSuggestion.NOMINAL_BINARY, Double.NaN, v, merit);
            }
        }
        return best;
    }

    /** Recomputes the class weights of the branches of a chosen split. */
    Branches branches(SplitSuggestion split, LeafStatistics statistics) {
        int numClasses = layout.numClasses;
        if (split.test == SplitSuggestion.NOMINAL_MULTIWAY) {
            int categories = statistics.nominalBranches(layout, split.attribute);
            double[][] counts = new double[categories][numClasses];
            int[] spans = statistics.nominalMultiwaySplit(layout, split.attribute, counts);
            return new Branches(counts, spans);
        }
        double[][] counts = new double[2][numClasses];
        int packed = split.test == SplitSuggestion.NUMERIC
            ? statistics.numericSplit(layout, split.attribute, split.threshold, counts[0], counts[1])
            : statistics.nominalBinarySplit(layout, split.attribute, split.category, counts[0], counts[1]);
        return new Branches(counts, new int[] {packed >>> 16, packed & 0xFFFF});
    }
}

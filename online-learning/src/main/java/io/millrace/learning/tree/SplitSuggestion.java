package io.millrace.learning.tree;

/** One candidate split of a leaf and its merit; {@link #NONE} stands for "do not split" (pre-pruning). */
final class SplitSuggestion {

    static final int NUMERIC = 0;
    static final int NOMINAL_MULTIWAY = 1;
    static final int NOMINAL_BINARY = 2;

    static final SplitSuggestion NONE = new SplitSuggestion(-1, -1, Double.NaN, -1, Double.NEGATIVE_INFINITY);

    final int attribute;
    final int test;
    final double threshold;
    final int category;
    final double merit;

    SplitSuggestion(int attribute, int test, double threshold, int category, double merit) {
        this.attribute = attribute;
        this.test = test;
        this.threshold = threshold;
        this.category = category;
        this.merit = merit;
    }

    boolean isNone() {
        return attribute < 0;
    }
}

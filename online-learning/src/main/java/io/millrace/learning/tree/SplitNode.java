package io.millrace.learning.tree;

/**
 * An inner node: a test on one attribute and a child per outcome. Numeric tests send
 * {@code value <= threshold} left; nominal multiway tests have a branch per category; nominal binary
 * tests send one category left and the rest right. A missing value has no branch.
 */
class SplitNode extends Node {

    final int attribute;
    final int test;
    final double threshold;
    final int category;
    final Node[] children;

    SplitNode(int attribute, int test, double threshold, int category, double[] classCounts, int classSpan,
              Node[] children) {
        super(classCounts, classSpan);
        this.attribute = attribute;
        this.test = test;
        this.threshold = threshold;
        this.category = category;
        this.children = children;
    }

    /** The branch an example takes, or -1 when its value for the tested attribute is missing. */
    final int branch(double[] features) {
        double value = features[attribute];
        if (Double.isNaN(value)) {
            return -1;
        }
        switch (test) {
            case SplitSuggestion.NUMERIC:
                return value <= threshold ? 0 : 1;
            case SplitSuggestion.NOMINAL_MULTIWAY:
                return (int) value;
            default:
                return (int) value == category ? 0 : 1;
        }
    }
}

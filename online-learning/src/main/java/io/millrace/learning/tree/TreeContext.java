package io.millrace.learning.tree;

import io.millrace.learning.Header;

/** What every node of one tree shares: the attribute layout, the parameters, the split search and scratch space. */
final class TreeContext {

    final Header header;
    final AttributeLayout layout;
    final HoeffdingTreeConfig config;
    final SplitSearch splitSearch;
    final double[] scratchVotes;

    TreeContext(Header header, HoeffdingTreeConfig config) {
        if (!header.isClassification()) {
            throw new IllegalArgumentException("a Hoeffding tree needs a nominal target, '" + header.target().name()
                + "' is numeric");
        }
        this.header = header;
        this.layout = new AttributeLayout(header);
        this.config = config;
        this.splitSearch = new SplitSearch(layout, config);
        this.scratchVotes = new double[layout.numClasses];
    }

    int numClasses() {
        return layout.numClasses;
    }

    /** Index of the largest vote, the lowest on ties, 0 when none is larger than the first (MOA's {@code Utils.maxIndex}). */
    static int argMax(double[] votes) {
        int best = 0;
        for (int c = 1; c < votes.length; c++) {
            if (votes[c] > votes[best]) {
                best = c;
            }
        }
        return best;
    }

    /** Cardinality of a nominal attribute, 0 for a numeric one. */
    int cardinality(int attribute) {
        return layout.cardinality[attribute];
    }
}

package io.millrace.learning.tree;

import io.millrace.learning.drift.Adwin;

/**
 * A split node of the adaptive tree: an ADWIN monitor of the errors made below it and, after that
 * error rose, the alternate tree grown to replace it (always a leaf in MOA's scheme: when it first
 * splits, the split takes this node's place at once).
 */
final class AdaptiveSplitNode extends SplitNode {

    Adwin errors;
    AdaptiveLeafNode alternate;

    AdaptiveSplitNode(int attribute, int test, double threshold, int category, double[] classCounts, int classSpan,
                      Node[] children) {
        super(attribute, test, threshold, category, classCounts, classSpan, children);
    }
}

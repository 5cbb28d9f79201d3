package io.millrace.learning.tree;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The node types of one tree kind, and the state they add to a plain node's. The Hoeffding tree uses
 * {@link #PLAIN}; the adaptive tree adds error monitors and alternate trees.
 */
interface NodeFactory {

    LeafNode newLeaf(double[] classCounts, int classSpan);

    SplitNode newSplit(int attribute, int test, double threshold, int category, double[] classCounts, int classSpan,
                       Node[] children);

    /** Writes what this kind adds to a node, after the plain fields. */
    default void writeExtra(DataOutputStream out, TreeContext context, Node node) throws IOException {
    }

    /** Reads what {@link #writeExtra} wrote into a node just created by this factory. */
    default void readExtra(DataInputStream in, TreeContext context, Node node) throws IOException {
    }

    NodeFactory PLAIN = new NodeFactory() {
        @Override
        public LeafNode newLeaf(double[] classCounts, int classSpan) {
            return new LeafNode(classCounts, classSpan);
        }

        @Override
        public SplitNode newSplit(int attribute, int test, double threshold, int category, double[] classCounts,
                                  int classSpan, Node[] children) {
            return new SplitNode(attribute, test, threshold, category, classCounts, classSpan, children);
        }
    };
}

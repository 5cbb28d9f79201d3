package io.millrace.learning.tree;

import io.millrace.learning.Header;
import io.millrace.learning.StateCodec;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Writes and reads a tree of nodes, pre-order. A tree kind with more state per node (the adaptive
 * tree's error monitors and alternate trees) supplies a {@link Flavour} that creates its node types
 * and writes their extra fields.
 */
final class NodeCodec {

    private static final int NULL = 0;
    private static final int LEAF = 1;
    private static final int SPLIT = 2;

    /** Node types and extra fields of one tree kind. */
    interface Flavour {
        LeafNode newLeaf(double[] classCounts, int classSpan);

        SplitNode newSplit(int attribute, int test, double threshold, int category, double[] classCounts,
                           int classSpan, Node[] children);

        default void writeExtra(DataOutputStream out, TreeContext context, Node node) throws IOException {
        }

        default void readExtra(DataInputStream in, TreeContext context, Node node) throws IOException {
        }
    }

    /** Plain Hoeffding tree nodes. */
    static final Flavour NO_EXTRA = new Flavour() {
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

    private NodeCodec() {
    }

    /** A tree context for decoded parameters; invalid ones are corrupt state. */
    static TreeContext context(Header header, HoeffdingTreeConfig config) throws IOException {
        try {
            return new TreeContext(header, config);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    static void write(DataOutputStream out, TreeContext context, Node node, Flavour flavour) throws IOException {
        if (node == null) {
            out.writeByte(NULL);
            return;
        }
        if (node instanceof SplitNode split) {
            out.writeByte(SPLIT);
            out.writeInt(split.attribute);
            out.writeByte(split.test);
            out.writeDouble(split.threshold);
            out.writeInt(split.category);
            writeCounts(out, split);
            flavour.writeExtra(out, context, split);
            out.writeInt(split.children.length);
            for (Node child : split.children) {
                write(out, context, child, flavour);
            }
            return;
        }
        LeafNode leaf = (LeafNode) node;
        out.writeByte(LEAF);
        writeCounts(out, leaf);
        out.writeDouble(leaf.weightAtLastSplitAttempt);
        out.writeDouble(leaf.majorityCorrect);
        out.writeDouble(leaf.naiveBayesCorrect);
        out.writeBoolean(leaf.statistics != null);
        if (leaf.statistics != null) {
            leaf.statistics.writeTo(out, context.layout);
        }
        flavour.writeExtra(out, context, leaf);
    }

    static Node read(DataInputStream in, TreeContext context, Flavour flavour) throws IOException {
        int tag = in.readUnsignedByte();
        switch (tag) {
            case NULL:
                return null;
            case SPLIT:
                return readSplit(in, context, flavour);
            case LEAF:
                return readLeaf(in, context, flavour);
            default:
                throw new IOException("unknown node tag " + tag);
        }
    }

    private static SplitNode readSplit(DataInputStream in, TreeContext context, Flavour flavour) throws IOException {
        AttributeLayout layout = context.layout;
        int attribute = in.readInt();
        if (attribute < 0 || attribute >= layout.numAttributes) {
            throw new IOException("split on attribute " + attribute + " of " + layout.numAttributes);
        }
        int test = in.readUnsignedByte();
        double threshold = in.readDouble();
        int category = in.readInt();
        boolean numericTest = test == SplitSuggestion.NUMERIC;
        if (test > SplitSuggestion.NOMINAL_BINARY || numericTest == layout.nominal[attribute]) {
            throw new IOException("test " + test + " does not fit attribute " + attribute);
        }
        if (test == SplitSuggestion.NOMINAL_BINARY && (category < 0 || category >= layout.cardinality[attribute])) {
            throw new IOException("binary split on category " + category + " of attribute " + attribute);
        }
        double[] counts = readCounts(in, layout);
        int span = readSpan(in, layout);
        int expected = test == SplitSuggestion.NOMINAL_MULTIWAY ? layout.cardinality[attribute] : 2;
        SplitNode split = flavour.newSplit(attribute, test, threshold, category, counts, span, new Node[expected]);
        flavour.readExtra(in, context, split);
        int length = in.readInt();
        if (length != expected) {
            throw new IOException("split node with " + length + " children, expected " + expected);
        }
        for (int i = 0; i < length; i++) {
            split.children[i] = read(in, context, flavour);
        }
        return split;
    }

    private static LeafNode readLeaf(DataInputStream in, TreeContext context, Flavour flavour) throws IOException {
        double[] counts = readCounts(in, context.layout);
        int span = readSpan(in, context.layout);
        LeafNode leaf = flavour.newLeaf(counts, span);
        leaf.weightAtLastSplitAttempt = in.readDouble();
        leaf.majorityCorrect = in.readDouble();
        leaf.naiveBayesCorrect = in.readDouble();
        if (in.readBoolean()) {
            leaf.statistics = LeafStatistics.readFrom(in, context.layout);
        }
        flavour.readExtra(in, context, leaf);
        return leaf;
    }

    private static void writeCounts(DataOutputStream out, Node node) throws IOException {
        StateCodec.writeDoubles(out, node.classCounts);
        out.writeInt(node.classSpan);
    }

    private static double[] readCounts(DataInputStream in, AttributeLayout layout) throws IOException {
        double[] counts = StateCodec.readDoubles(in);
        if (counts.length != layout.numClasses) {
            throw new IOException(counts.length + " class weights for " + layout.numClasses + " classes");
        }
        return counts;
    }

    private static int readSpan(DataInputStream in, AttributeLayout layout) throws IOException {
        int span = in.readInt();
        if (span < 0 || span > layout.numClasses) {
            throw new IOException("class span " + span + " of " + layout.numClasses + " classes");
        }
        return span;
    }
}

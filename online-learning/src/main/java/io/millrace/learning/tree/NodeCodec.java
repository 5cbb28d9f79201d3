package io.millrace.learning.tree;

import io.millrace.learning.Header;
import io.millrace.learning.StateCodec;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Writes and reads a tree of nodes, pre-order. A tree kind with more state per node (the adaptive
 * tree's error monitors and alternate trees) supplies a {@link NodeFactory} that creates its node
 * types and writes their extra fields.
 */
final class NodeCodec {

    private static final int NULL = 0;
    private static final int LEAF = 1;
    private static final int SPLIT = 2;

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

    static void write(DataOutputStream out, TreeContext context, Node node, NodeFactory factory) throws IOException {
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
            factory.writeExtra(out, context, split);
            out.writeInt(split.children.length);
            for (Node child : split.children) {
                write(out, context, child, factory);
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
        factory.writeExtra(out, context, leaf);
    }

    static Node read(DataInputStream in, TreeContext context, NodeFactory factory) throws IOException {
        int tag = in.readUnsignedByte();
        switch (tag) {
            case NULL:
                return null;
            case SPLIT:
                return readSplit(in, context, factory);
            case LEAF:
                return readLeaf(in, context, factory);
            default:
                throw new IOException("unknown node tag " + tag);
        }
    }

    private static SplitNode readSplit(DataInputStream in, TreeContext context, NodeFactory factory) throws IOException {
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
        SplitNode split = factory.newSplit(attribute, test, threshold, category, counts, span, new Node[expected]);
        factory.readExtra(in, context, split);
        int length = in.readInt();
        if (length != expected) {
            throw new IOException("split node with " + length + " children, expected " + expected);
        }
        for (int i = 0; i < length; i++) {
            split.children[i] = read(in, context, factory);
        }
        return split;
    }

    private static LeafNode readLeaf(DataInputStream in, TreeContext context, NodeFactory factory) throws IOException {
        double[] counts = readCounts(in, context.layout);
        int span = readSpan(in, context.layout);
        LeafNode leaf = factory.newLeaf(counts, span);
        leaf.weightAtLastSplitAttempt = in.readDouble();
        leaf.majorityCorrect = in.readDouble();
        leaf.naiveBayesCorrect = in.readDouble();
        if (in.readBoolean()) {
            leaf.statistics = LeafStatistics.readFrom(in, context.layout);
        }
        factory.readExtra(in, context, leaf);
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

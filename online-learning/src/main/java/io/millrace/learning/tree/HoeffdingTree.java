package io.millrace.learning.tree;

import io.millrace.learning.Header;
import io.millrace.learning.InputChecks;
import io.millrace.learning.Learner;
import io.millrace.learning.StateCodec;
import io.millrace.learning.Votes;

import java.io.DataInputStream;
import java.io.IOException;

/**
 * Hoeffding tree, or VFDT (P. Domingos and G. Hulten, "Mining high-speed data streams", KDD 2000): a
 * decision tree grown from a stream, splitting a leaf once the Hoeffding bound says that its best
 * attribute, by information gain, is the best with probability 1 - delta.
 *
 * <p>It follows MOA's {@code moa.classifiers.trees.HoeffdingTree} with its defaults, operation by
 * operation, so that on the same stream it makes the same splits and the same predictions: numeric
 * attributes observed by one Gaussian per class and split at 10 candidate thresholds, nominal
 * attributes by category counts and split multiway (or one category against the rest when that gains
 * more, or always with {@code binarySplits}), grace period 200, delta 1e-7, tie threshold 0.05, and
 * leaves that vote by majority class or naive Bayes, whichever has been right more often at that leaf
 * (MOA's NBAdaptive). All statistics live in primitive arrays (see {@link LeafStatistics}).
 *
 * <p>What MOA does and this does not: memory management (MOA deactivates leaves past 32 MiB, which
 * its default settings reach only for very large trees) and disabling poor attributes (off in MOA
 * with naive Bayes leaves). Where no attribute can split a leaf at all (every numeric value constant,
 * no nominal value seen), MOA's pre-pruning followed by its memory manager restarts the leaf's
 * observers keeping its class weights; this tree does the same.
 *
 * <p>Missing values: a {@code NaN} feature is ignored by a leaf's observers and by naive Bayes. An
 * example that reaches a split node testing a missing attribute stops there, as in MOA: it is not
 * learned below that node, and it is predicted by the class weights that node had when it split. The
 * same happens to a category that a multiway split had not seen, except that learning creates a new
 * leaf for it. Infinite values, wrong dimensions, unknown categories and invalid labels are rejected
 * by {@link InputChecks} before anything changes. A weight of 0 changes nothing.
 *
 * <p>Not thread-safe: one tree per stream partition.
 */
public final class HoeffdingTree implements Learner {

    public static final String KIND = "hoeffding-tree";
    private static final int FORMAT_VERSION = 1;

    private final TreeContext context;
    private Node root;
    private long splits;

    public HoeffdingTree(Header header) {
        this(header, HoeffdingTreeConfig.defaults());
    }

    public HoeffdingTree(Header header, HoeffdingTreeConfig config) {
        this.context = new TreeContext(header, config);
        this.root = new LeafNode(new double[context.numClasses()], 0);
    }

    private HoeffdingTree(TreeContext context, Node root, long splits) {
        this.context = context;
        this.root = root;
        this.splits = splits;
    }

    @Override
    public Header header() {
        return context.header;
    }

    public HoeffdingTreeConfig config() {
        return context.config;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public double[] predict(double[] features) {
        InputChecks.checkFeatures(context.header, features);
        double[] votes = new double[context.numClasses()];
        rawVotes(features, votes);
        return Votes.normalize(votes);
    }

    /** The class with the largest raw vote, the lowest index on ties (exactly MOA's choice). */
    @Override
    public int predictClass(double[] features) {
        InputChecks.checkFeatures(context.header, features);
        double[] votes = context.scratchVotes;
        rawVotes(features, votes);
        return TreeContext.argMax(votes);
    }

    private void rawVotes(double[] features, double[] out) {
        Node node = root;
        while (node instanceof SplitNode split) {
            int branch = split.branch(features);
            Node child = branch < 0 ? null : split.children[branch];
            if (child == null) {
                copyCounts(split, out);
                return;
            }
            node = child;
        }
        ((LeafNode) node).votes(context, features, out);
    }

    private static void copyCounts(Node node, double[] out) {
        System.arraycopy(node.classCounts, 0, out, 0, out.length);
    }

    @Override
    public void learn(double[] features, double target, double weight) {
        InputChecks.checkFeatures(context.header, features);
        InputChecks.checkTarget(context.header, target, weight);
        if (weight == 0.0) {
            return;
        }
        SplitNode parent = null;
        int parentBranch = -1;
        Node node = root;
        while (node instanceof SplitNode split) {
            int branch = split.branch(features);
            if (branch < 0) {
                return;
            }
            Node child = split.children[branch];
            if (child == null) {
                child = new LeafNode(new double[context.numClasses()], 0);
                split.children[branch] = child;
            }
            parent = split;
            parentBranch = branch;
            node = child;
        }
        LeafNode leaf = (LeafNode) node;
        leaf.learn(context, features, (int) target, weight);
        double weightSeen = leaf.weightSeen();
        if (weightSeen - leaf.weightAtLastSplitAttempt >= context.config.gracePeriod()) {
            attemptToSplit(leaf, parent, parentBranch);
            leaf.weightAtLastSplitAttempt = weightSeen;
        }
    }

    private void attemptToSplit(LeafNode leaf, SplitNode parent, int parentBranch) {
        Node replacement = Growth.replacementFor(context, leaf, NodeFactory.PLAIN);
        if (replacement == null) {
            return;
        }
        if (replacement instanceof SplitNode) {
            splits++;
        }
        if (parent == null) {
            root = replacement;
        } else {
            parent.children[parentBranch] = replacement;
        }
    }

    /** Number of splits made since the tree was created. */
    public long splitCount() {
        return splits;
    }

    /** Number of split nodes and leaves now in the tree. */
    public int nodeCount() {
        return TreeShape.count(root, false);
    }

    /** Number of leaves now in the tree. */
    public int leafCount() {
        return TreeShape.count(root, true);
    }

    /** The tree as indented text: one line per branch test, class weights at the leaves. */
    public String describe() {
        return TreeShape.describe(context.header, root);
    }

    /** Depth of the tree: 0 for a single leaf. */
    public int depth() {
        return TreeShape.depth(root);
    }

    @Override
    public byte[] toBytes() {
        return StateCodec.encode(KIND, FORMAT_VERSION, out -> {
            context.header.writeTo(out);
            context.config.writeTo(out);
            out.writeLong(splits);
            NodeCodec.write(out, context, root, NodeFactory.PLAIN);
        });
    }

    public static HoeffdingTree fromBytes(byte[] bytes) {
        return StateCodec.decode(bytes, KIND, FORMAT_VERSION, HoeffdingTree::read);
    }

    private static HoeffdingTree read(DataInputStream in, int version) throws IOException {
        try {
            return readTree(in);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IOException("corrupt " + KIND + ": " + e.getMessage(), e);
        }
    }

    private static HoeffdingTree readTree(DataInputStream in) throws IOException {
        Header header = Header.readFrom(in);
        TreeContext context = NodeCodec.context(header, HoeffdingTreeConfig.readFrom(in));
        long splits = in.readLong();
        Node root = NodeCodec.read(in, context, NodeFactory.PLAIN);
        if (root == null) {
            throw new IOException("a tree needs a root");
        }
        return new HoeffdingTree(context, root, splits);
    }
}

package io.millrace.learning.tree;

import io.millrace.learning.Header;
import io.millrace.learning.InputChecks;
import io.millrace.learning.Learner;
import io.millrace.learning.StateCodec;
import io.millrace.learning.Votes;
import io.millrace.learning.drift.Adwin;
import io.millrace.learning.tree.HoeffdingTreeConfig.LeafPrediction;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Hoeffding Adaptive Tree (A. Bifet and R. Gavaldà, "Adaptive learning from evolving data streams",
 * IDA 2009): a Hoeffding tree whose nodes watch their own error rate with ADWIN and, when it rises,
 * grow an alternate tree that replaces them once it is significantly more accurate.
 *
 * <p>It follows MOA's {@code moa.classifiers.trees.HoeffdingAdaptiveTree} operation by operation, so
 * that on the same stream it makes the same predictions, including MOA's particular choices:
 * <ul>
 *   <li>every node has an ADWIN (delta 0.002) over 0/1 errors: a leaf over its own predictions, a
 *       split node over the predictions of the leaf its examples reach;</li>
 *   <li>a leaf learns each example with a weight drawn from Poisson(1) (a draw of 0 keeps weight 1),
 *       its generator seeded with 1 at the leaf's creation;</li>
 *   <li>when a split node's ADWIN detects an increase of its error, it starts a new alternate leaf
 *       (dropping any previous alternate); once both have more than 300 errors in their windows, the
 *       alternate replaces the node when its error is lower by more than
 *       {@code sqrt(2 e (1 - e) ln(2 / 0.05) (1/n_alt + 1/n))}, and is dropped when higher by as much;</li>
 *   <li>an alternate learns with its owner's parent as its parent, so when the alternate leaf first
 *       splits, the new split node takes the owner's place at once;</li>
 *   <li>a leaf's votes are divided by {@code sum * error^2} (its ADWIN error estimate).</li>
 * </ul>
 * Parameters are {@link HoeffdingTreeConfig}'s with MOA's defaults. Statistics live in primitive
 * arrays (see {@link LeafStatistics}); the prediction of the leaf an example reaches is computed once
 * per example and shared by the split nodes above it (MOA recomputes it at every level).
 *
 * <p>Missing values: a {@code NaN} feature is ignored by the leaf observers and naive Bayes; an
 * example that reaches a split on a missing attribute is not learned below it, and is predicted by
 * that node's class weights from when it split (MOA's adaptive tree returns no vote there, which
 * amounts to predicting class 0). Infinite values, wrong dimensions, unknown categories and invalid
 * labels are rejected by {@link InputChecks} before anything changes. A weight of 0 changes nothing.
 *
 * <p>Not thread-safe: one tree per stream partition.
 */
public final class HoeffdingAdaptiveTree implements Learner {

    public static final String KIND = "hoeffding-adaptive-tree";
    private static final int FORMAT_VERSION = 1;

    /** Confidence of the test that replaces or drops an alternate tree (MOA's fixed 0.05). */
    private static final double SWITCH_CONFIDENCE = 0.05;
    /** Errors each window must hold before an alternate is compared (MOA's fixed 300). */
    private static final double SWITCH_MIN_WIDTH = 300;

    private static final NodeFactory NODES = new AdaptiveNodes();

    private final TreeContext context;
    private Node root;
    private long splits;
    private long alternatesStarted;
    private long alternatesSwitched;
    private long alternatesPruned;

    /** Prediction of the leaf the current example reaches, shared by the split nodes above it. */
    private int pathPrediction;
    private boolean pathPredictionKnown;

    public HoeffdingAdaptiveTree(Header header) {
        this(header, HoeffdingTreeConfig.defaults());
    }

    public HoeffdingAdaptiveTree(Header header, HoeffdingTreeConfig config) {
        this.context = new TreeContext(header, config);
        this.root = NODES.newLeaf(new double[context.numClasses()], 0);
    }

    private HoeffdingAdaptiveTree(TreeContext context, Node root) {
        this.context = context;
        this.root = root;
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
                System.arraycopy(split.classCounts, 0, out, 0, out.length);
                return;
            }
            node = child;
        }
        leafVotes((AdaptiveLeafNode) node, features, out);
    }

    /** A leaf's votes, scaled down by its error estimate as MOA's adaptive leaves do. */
    private void leafVotes(AdaptiveLeafNode leaf, double[] features, double[] out) {
        LeafPrediction prediction = context.config.leafPrediction();
        boolean naiveBayes = prediction == LeafPrediction.NAIVE_BAYES
            || prediction == LeafPrediction.NAIVE_BAYES_ADAPTIVE && !(leaf.majorityCorrect > leaf.naiveBayesCorrect);
        if (naiveBayes) {
            LeafStatistics.naiveBayesVotes(context.layout, leaf.statistics, leaf.classCounts, leaf.classSpan, features,
                out);
        } else {
            System.arraycopy(leaf.classCounts, 0, out, 0, out.length);
        }
        double sum = 0.0;
        for (double vote : out) {
            sum += vote;
        }
        double error = errorEstimate(leaf.errors);
        double scale = sum * error * error;
        if (scale > 0.0) {
            for (int c = 0; c < out.length; c++) {
                out[c] /= scale;
            }
        }
    }

    private static double errorEstimate(Adwin errors) {
        return errors == null || errors.width() == 0 ? 0.0 : errors.estimation();
    }

    @Override
    public void learn(double[] features, double target, double weight) {
        InputChecks.checkFeatures(context.header, features);
        InputChecks.checkTarget(context.header, target, weight);
        if (weight == 0.0) {
            return;
        }
        pathPredictionKnown = false;
        learnNode(root, features, (int) target, weight, null, -1);
    }

    private void learnNode(Node node, double[] features, int label, double weight, SplitNode parent,
                           int parentBranch) {
        if (node instanceof AdaptiveSplitNode split) {
            learnSplit(split, features, label, weight, parent, parentBranch);
        } else {
            learnLeaf((AdaptiveLeafNode) node, features, label, weight, parent, parentBranch);
        }
    }

    private void learnSplit(AdaptiveSplitNode split, double[] features, int label, double weight, SplitNode parent,
                            int parentBranch) {
        if (split.errors == null) {
            split.errors = new Adwin();
        }
        double oldError = errorEstimate(split.errors);
        boolean change = split.errors.update(pathPrediction(split, features) == label ? 0.0 : 1.0);
        if (change && oldError > errorEstimate(split.errors)) {
            change = false;
        }
        if (change) {
            split.alternate = (AdaptiveLeafNode) NODES.newLeaf(new double[context.numClasses()], 0);
            alternatesStarted++;
        } else if (split.alternate != null && split.alternate.errors != null) {
            compareWithAlternate(split, parent, parentBranch);
        }
        if (split.alternate != null) {
            learnLeaf(split.alternate, features, label, weight, parent, parentBranch);
        }
        int branch = split.branch(features);
        Node child = branch < 0 ? null : split.children[branch];
        if (child != null) {
            learnNode(child, features, label, weight, split, branch);
        }
    }

    /** Replaces the node by its alternate, or drops the alternate, when their error rates differ significantly. */
    private void compareWithAlternate(AdaptiveSplitNode split, SplitNode parent, int parentBranch) {
        double width = split.errors.width();
        double alternateWidth = split.alternate.errors.width();
        if (!(width > SWITCH_MIN_WIDTH && alternateWidth > SWITCH_MIN_WIDTH)) {
            return;
        }
        double error = errorEstimate(split.errors);
        double alternateError = errorEstimate(split.alternate.errors);
        double n = 1.0 / alternateWidth + 1.0 / width;
        double bound = Math.sqrt(2.0 * error * (1.0 - error) * Math.log(2.0 / SWITCH_CONFIDENCE) * n);
        if (bound < error - alternateError) {
            replace(parent, parentBranch, split.alternate);
            alternatesSwitched++;
        } else if (bound < alternateError - error) {
            split.alternate = null;
            alternatesPruned++;
        }
    }

    private void learnLeaf(AdaptiveLeafNode leaf, double[] features, int label, double weight, SplitNode parent,
                           int parentBranch) {
        int k = leaf.random.poisson(1.0);
        double drawnWeight = k > 0 ? weight * k : weight;
        double[] votes = context.scratchVotes;
        leafVotes(leaf, features, votes);
        boolean correct = TreeContext.argMax(votes) == label;
        if (leaf.errors == null) {
            leaf.errors = new Adwin();
        }
        leaf.errors.update(correct ? 0.0 : 1.0);
        leaf.learn(context, features, label, drawnWeight);
        double weightSeen = leaf.weightSeen();
        if (weightSeen - leaf.weightAtLastSplitAttempt >= context.config.gracePeriod()) {
            Node replacement = Growth.replacementFor(context, leaf, NODES);
            if (replacement != null) {
                if (replacement instanceof SplitNode) {
                    splits++;
                }
                replace(parent, parentBranch, replacement);
            }
            leaf.weightAtLastSplitAttempt = weightSeen;
        }
    }

    /**
     * The class predicted for this example by the leaf it reaches below {@code split} (MOA's
     * {@code filterInstanceToLeaf}): that leaf's votes, the class weights of a split whose attribute is
     * missing, or class 0 where a branch has no node yet. The same for every split on the path.
     */
    private int pathPrediction(SplitNode split, double[] features) {
        if (pathPredictionKnown) {
            return pathPrediction;
        }
        Node node = split;
        int prediction = 0;
        while (true) {
            if (node instanceof SplitNode inner) {
                int branch = inner.branch(features);
                if (branch < 0) {
                    prediction = TreeContext.argMax(inner.classCounts);
                    break;
                }
                node = inner.children[branch];
                if (node == null) {
                    break;
                }
            } else {
                double[] votes = context.scratchVotes;
                leafVotes((AdaptiveLeafNode) node, features, votes);
                prediction = TreeContext.argMax(votes);
                break;
            }
        }
        pathPrediction = prediction;
        pathPredictionKnown = true;
        return prediction;
    }

    private void replace(SplitNode parent, int parentBranch, Node replacement) {
        if (parent == null) {
            root = replacement;
        } else {
            parent.children[parentBranch] = replacement;
        }
    }

    /** Number of splits made since the tree was created (in the tree and its alternates). */
    public long splitCount() {
        return splits;
    }

    /** Alternate trees started because a node's error rose. */
    public long alternatesStarted() {
        return alternatesStarted;
    }

    /** Alternate trees that replaced the node they grew beside. */
    public long alternatesSwitched() {
        return alternatesSwitched;
    }

    /** Alternate trees dropped for being worse than their node. */
    public long alternatesPruned() {
        return alternatesPruned;
    }

    public int nodeCount() {
        return TreeShape.count(root, false);
    }

    public int leafCount() {
        return TreeShape.count(root, true);
    }

    public int depth() {
        return TreeShape.depth(root);
    }

    /** The tree (without alternates) as indented text: one line per branch test, class weights at the leaves. */
    public String describe() {
        return TreeShape.describe(context.header, root);
    }

    @Override
    public byte[] toBytes() {
        return StateCodec.encode(KIND, FORMAT_VERSION, out -> {
            context.header.writeTo(out);
            context.config.writeTo(out);
            out.writeLong(splits);
            out.writeLong(alternatesStarted);
            out.writeLong(alternatesSwitched);
            out.writeLong(alternatesPruned);
            NodeCodec.write(out, context, root, NODES);
        });
    }

    public static HoeffdingAdaptiveTree fromBytes(byte[] bytes) {
        return StateCodec.decode(bytes, KIND, FORMAT_VERSION, HoeffdingAdaptiveTree::read);
    }

    private static HoeffdingAdaptiveTree read(DataInputStream in, int version) throws IOException {
        try {
            return readTree(in);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IOException("corrupt " + KIND + ": " + e.getMessage(), e);
        }
    }

    private static HoeffdingAdaptiveTree readTree(DataInputStream in) throws IOException {
        Header header = Header.readFrom(in);
        TreeContext context = NodeCodec.context(header, HoeffdingTreeConfig.readFrom(in));
        long splits = in.readLong();
        long started = in.readLong();
        long switched = in.readLong();
        long pruned = in.readLong();
        Node root = NodeCodec.read(in, context, NODES);
        if (root == null) {
            throw new IOException("a tree needs a root");
        }
        HoeffdingAdaptiveTree tree = new HoeffdingAdaptiveTree(context, root);
        tree.splits = splits;
        tree.alternatesStarted = started;
        tree.alternatesSwitched = switched;
        tree.alternatesPruned = pruned;
        return tree;
    }

    /** Adaptive nodes, with their monitors, generators and alternates in the bytes. */
    private static final class AdaptiveNodes implements NodeFactory {

        @Override
        public LeafNode newLeaf(double[] classCounts, int classSpan) {
            return new AdaptiveLeafNode(classCounts, classSpan);
        }

        @Override
        public SplitNode newSplit(int attribute, int test, double threshold, int category, double[] classCounts,
                                  int classSpan, Node[] children) {
            return new AdaptiveSplitNode(attribute, test, threshold, category, classCounts, classSpan, children);
        }

        @Override
        public void writeExtra(DataOutputStream out, TreeContext context, Node node) throws IOException {
            if (node instanceof AdaptiveLeafNode leaf) {
                writeMonitor(out, leaf.errors);
                out.writeLong(leaf.random.state());
            } else {
                AdaptiveSplitNode split = (AdaptiveSplitNode) node;
                writeMonitor(out, split.errors);
                NodeCodec.write(out, context, split.alternate, this);
            }
        }

        @Override
        public void readExtra(DataInputStream in, TreeContext context, Node node) throws IOException {
            if (node instanceof AdaptiveLeafNode leaf) {
                leaf.errors = readMonitor(in);
                leaf.random = Lcg48.restored(in.readLong());
            } else {
                AdaptiveSplitNode split = (AdaptiveSplitNode) node;
                split.errors = readMonitor(in);
                Node alternate = NodeCodec.read(in, context, this);
                if (alternate != null && !(alternate instanceof AdaptiveLeafNode)) {
                    throw new IOException("an alternate tree must be a leaf");
                }
                split.alternate = (AdaptiveLeafNode) alternate;
            }
        }

        private static void writeMonitor(DataOutputStream out, Adwin monitor) throws IOException {
            out.writeBoolean(monitor != null);
            if (monitor != null) {
                byte[] bytes = monitor.toBytes();
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }

        private static Adwin readMonitor(DataInputStream in) throws IOException {
            if (!in.readBoolean()) {
                return null;
            }
            int length = in.readInt();
            if (length < 0 || length > in.available()) {
                throw new IOException("monitor of " + length + " bytes exceeds the remaining bytes");
            }
            byte[] bytes = new byte[length];
            in.readFully(bytes);
            return Adwin.fromBytes(bytes);
        }
    }
}

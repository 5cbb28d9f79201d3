package io.millrace.learning.tree;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Parameters of {@link HoeffdingTree} and {@link HoeffdingAdaptiveTree}, with MOA's defaults.
 *
 * @param gracePeriod        weight a leaf must see between split attempts (MOA {@code -g}, 200)
 * @param splitConfidence    delta of the Hoeffding bound: the allowed probability of choosing the
 *                           wrong split attribute (MOA {@code -c}, 1e-7)
 * @param tieThreshold       bound below which the best split is taken even if not clearly better
 *                           than the second (MOA {@code -t}, 0.05)
 * @param binarySplits       nominal attributes split one category against the rest only (MOA {@code -b}, off)
 * @param numericSplitPoints candidate thresholds evaluated per numeric attribute between its observed
 *                           minimum and maximum (MOA's Gaussian observer {@code -n}, 10)
 * @param minBranchFraction  a split is worthless unless at least two branches get more than this
 *                           fraction of the weight (MOA's info gain {@code -f}, 0.01)
 * @param leafPrediction     how a leaf votes (MOA {@code -l}, naive Bayes adaptive)
 * @param nbThreshold        weight a leaf must see before {@link LeafPrediction#NAIVE_BAYES} uses
 *                           naive Bayes instead of the majority class (MOA {@code -q}, 0)
 */
public record HoeffdingTreeConfig(int gracePeriod, double splitConfidence, double tieThreshold,
                                  boolean binarySplits, int numericSplitPoints, double minBranchFraction,
                                  LeafPrediction leafPrediction, int nbThreshold) {

    /** How a leaf turns its statistics into class votes. */
    public enum LeafPrediction {
        /** The leaf's class counts. */
        MAJORITY_CLASS,
        /** Naive Bayes over the leaf's attribute observers. */
        NAIVE_BAYES,
        /** Whichever of the two has been right more often at this leaf (MOA's default). */
        NAIVE_BAYES_ADAPTIVE
    }

    public HoeffdingTreeConfig {
        if (gracePeriod < 1) {
            throw new IllegalArgumentException("gracePeriod must be >= 1, got " + gracePeriod);
        }
        if (!(splitConfidence > 0 && splitConfidence < 1)) {
            throw new IllegalArgumentException("splitConfidence must be in (0, 1), got " + splitConfidence);
        }
        if (!(tieThreshold >= 0 && tieThreshold <= 1)) {
            throw new IllegalArgumentException("tieThreshold must be in [0, 1], got " + tieThreshold);
        }
        if (numericSplitPoints < 1) {
            throw new IllegalArgumentException("numericSplitPoints must be >= 1, got " + numericSplitPoints);
        }
        if (!(minBranchFraction >= 0 && minBranchFraction <= 0.5)) {
            throw new IllegalArgumentException("minBranchFraction must be in [0, 0.5], got " + minBranchFraction);
        }
        if (leafPrediction == null) {
            throw new IllegalArgumentException("leafPrediction is required");
        }
        if (nbThreshold < 0) {
            throw new IllegalArgumentException("nbThreshold must be >= 0, got " + nbThreshold);
        }
    }

    /** MOA's defaults. */
    public static HoeffdingTreeConfig defaults() {
        return new HoeffdingTreeConfig(200, 1e-7, 0.05, false, 10, 0.01, LeafPrediction.NAIVE_BAYES_ADAPTIVE, 0);
    }

    public HoeffdingTreeConfig withGracePeriod(int value) {
        return new HoeffdingTreeConfig(value, splitConfidence, tieThreshold, binarySplits, numericSplitPoints,
            minBranchFraction, leafPrediction, nbThreshold);
    }

    public HoeffdingTreeConfig withSplitConfidence(double value) {
        return new HoeffdingTreeConfig(gracePeriod, value, tieThreshold, binarySplits, numericSplitPoints,
            minBranchFraction, leafPrediction, nbThreshold);
    }

    public HoeffdingTreeConfig withTieThreshold(double value) {
        return new HoeffdingTreeConfig(gracePeriod, splitConfidence, value, binarySplits, numericSplitPoints,
            minBranchFraction, leafPrediction, nbThreshold);
    }

    public HoeffdingTreeConfig withBinarySplits(boolean value) {
        return new HoeffdingTreeConfig(gracePeriod, splitConfidence, tieThreshold, value, numericSplitPoints,
            minBranchFraction, leafPrediction, nbThreshold);
    }

    public HoeffdingTreeConfig withLeafPrediction(LeafPrediction value) {
        return new HoeffdingTreeConfig(gracePeriod, splitConfidence, tieThreshold, binarySplits, numericSplitPoints,
            minBranchFraction, value, nbThreshold);
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(gracePeriod);
        out.writeDouble(splitConfidence);
        out.writeDouble(tieThreshold);
        out.writeBoolean(binarySplits);
        out.writeInt(numericSplitPoints);
        out.writeDouble(minBranchFraction);
        out.writeByte(leafPrediction.ordinal());
        out.writeInt(nbThreshold);
    }

    static HoeffdingTreeConfig readFrom(DataInput in) throws IOException {
        int gracePeriod = in.readInt();
        double splitConfidence = in.readDouble();
        double tieThreshold = in.readDouble();
        boolean binarySplits = in.readBoolean();
        int numericSplitPoints = in.readInt();
        double minBranchFraction = in.readDouble();
        int prediction = in.readUnsignedByte();
        if (prediction >= LeafPrediction.values().length) {
            throw new IOException("unknown leaf prediction " + prediction);
        }
        return new HoeffdingTreeConfig(gracePeriod, splitConfidence, tieThreshold, binarySplits, numericSplitPoints,
            minBranchFraction, LeafPrediction.values()[prediction], in.readInt());
    }
}

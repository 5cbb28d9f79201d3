package io.millrace.learning.linear;

import io.millrace.learning.Header;
import io.millrace.learning.InvalidInputException;
import io.millrace.learning.StateCodec;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The weights of a linear model with {@code rows} outputs (one for a binary or regression model, one
 * per class for softmax) and the per-coordinate state of its optimiser, updated in two phases: every
 * new value is first computed into scratch arrays and checked finite, and only then written. An
 * example whose update would not be finite is refused with {@link InvalidInputException} and leaves
 * the model exactly as it was, so a NaN or an infinity never reaches a weight.
 *
 * <p>Only the coordinates an example touches are updated (and regularised): the usual lazy update of
 * sparse online learning. Not thread-safe: one instance belongs to one stream task.
 */
final class LinearWeights {

    private static final int SGD = 0;
    private static final int ADAGRAD = 1;
    private static final int FTRL = 2;

    private final LinearConfig config;
    private final SlotLayout layout;
    private final int rows;
    private final int dimension;
    private final int kind;
    private final double l1;
    private final double l2;
    /** AdaGrad's rate, or FTRL's alpha. */
    private final double rate;
    /** AdaGrad's epsilon, or FTRL's beta. */
    private final double smoothing;
    /** FTRL's 1 / alpha. */
    private final double inverseRate;

    private final double[] weights;
    /** AdaGrad's summed squared gradients, or FTRL's n; null under SGD. */
    private final double[] squares;
    /** FTRL's z; null otherwise. */
    private final double[] zs;
    private final double[] bias;
    private final double[] biasSquares;
    private final double[] biasZ;
    private long steps;

    private final int[] activeSlots;
    private final double[] activeValues;
    private int active;
    private final double[] nextWeights;
    private final double[] nextSquares;
    private final double[] nextZs;
    private final double[] stagedBias;

    LinearWeights(Header header, LinearConfig config, int rows) {
        this.config = config;
        this.layout = new SlotLayout(header, config.categorical());
        this.rows = rows;
        this.dimension = layout.dimension();
        this.kind = config.optimizer() instanceof Optimizer.Sgd ? SGD : config.optimizer() instanceof Optimizer.AdaGrad ? ADAGRAD : FTRL;
        this.l1 = config.l1();
        this.l2 = config.l2();
        if (config.optimizer() instanceof Optimizer.AdaGrad adaGrad) {
            rate = adaGrad.learningRate();
            smoothing = adaGrad.epsilon();
        } else if (config.optimizer() instanceof Optimizer.Ftrl ftrl) {
            rate = ftrl.alpha();
            smoothing = ftrl.beta();
        } else {
            rate = 0;
            smoothing = 0;
        }
        inverseRate = kind == FTRL ? 1 / rate : 0;
        int size = rows * dimension;
        weights = new double[size];
        squares = kind == SGD ? null : new double[size];
        zs = kind == FTRL ? new double[size] : null;
        bias = new double[rows];
        biasSquares = new double[rows];
        biasZ = new double[rows];
        int features = header.numFeatures();
        activeSlots = new int[features];
        activeValues = new double[features];
        nextWeights = new double[rows * features];
        nextSquares = new double[rows * features];
        nextZs = new double[rows * features];
        stagedBias = new double[rows * 3];
    }

    /** The linear score of output {@code row}: intercept plus weighted inputs; NaN inputs add nothing. */
    double score(int row, double[] features) {
        return bias[row] + layout.dot(weights, row * dimension, features);
    }

    /** Number of examples learned. */
    long steps() {
        return steps;
    }

    /** Reads the example's present inputs; call once before {@link #stage}. */
    void prepare(double[] features) {
        active = layout.resolve(features, activeSlots, activeValues);
    }

    /**
     * Computes, without applying, the update of output {@code row} for loss gradient {@code g} (with
     * respect to the score, already weighted and clipped).
     *
     * @return whether every new value is finite
     */
    boolean stage(int row, double g) {
        if (!Double.isFinite(g)) {
            return false;
        }
        boolean finite = true;
        double rate = kind == SGD ? ((Optimizer.Sgd) config.optimizer()).rate(steps) : 0;
        int base = row * dimension;
        int scratch = row * activeSlots.length;
        for (int i = 0; i < active; i++) {
            finite &= stageCoordinate(scratch + i, base + activeSlots[i], g * activeValues[i], rate);
        }
        return finite & stageIntercept(row, g);
    }

    /** Writes every staged value; the caller checked that {@link #stage} returned true for each row. */
    void commit() {
        for (int row = 0; row < rows; row++) {
            int base = row * dimension;
            int scratch = row * activeSlots.length;
            for (int i = 0; i < active; i++) {
                int slot = base + activeSlots[i];
                weights[slot] = nextWeights[scratch + i];
                if (squares != null) {
                    squares[slot] = nextSquares[scratch + i];
                }
                if (zs != null) {
                    zs[slot] = nextZs[scratch + i];
                }
            }
            commitIntercept(row);
        }
        steps++;
    }

    private boolean stageCoordinate(int at, int slot, double gradient, double sgdRate) {
        double w = weights[slot];
        double next;
        switch (kind) {
            case SGD -> {
                next = shrink(w - sgdRate * (gradient + l2 * w), sgdRate * l1);
            }
            case ADAGRAD -> {
                double full = gradient + l2 * w;
                double sum = squares[slot] + full * full;
                double step = rate / (Math.sqrt(sum) + smoothing);
                next = shrink(w - step * full, step * l1);
                nextSquares[at] = sum;
                if (!Double.isFinite(sum)) {
                    return false;
                }
            }
            default -> {
                double n = squares[slot];
                double sum = n + gradient * gradient;
                double root = Math.sqrt(sum);
                double z = zs[slot] + gradient - (root - Math.sqrt(n)) * inverseRate * w;
                next = ftrlWeight(z, root, l1, l2);
                nextSquares[at] = sum;
                nextZs[at] = z;
                if (!Double.isFinite(sum) || !Double.isFinite(z)) {
                    return false;
                }
            }
        }
        nextWeights[at] = next;
        return Double.isFinite(next);
    }

    private boolean stageIntercept(int row, double g) {
        if (!config.fitIntercept()) {
            return true;
        }
        double b = bias[row];
        double sum = biasSquares[row];
        double z = biasZ[row];
        double next;
        switch (kind) {
            case SGD -> next = b - config.interceptLearningRate() * g;
            case ADAGRAD -> {
                sum += g * g;
                next = b - rate / (Math.sqrt(sum) + smoothing) * g;
            }
            default -> {
                double n = sum;
                sum += g * g;
                double root = Math.sqrt(sum);
                z += g - (root - Math.sqrt(n)) * inverseRate * b;
                next = ftrlWeight(z, root, 0, 0);
            }
        }
        int at = row * 3;
        stagedBias[at] = next;
        stagedBias[at + 1] = sum;
        stagedBias[at + 2] = z;
        return Double.isFinite(next) && Double.isFinite(sum) && Double.isFinite(z);
    }

    private void commitIntercept(int row) {
        if (!config.fitIntercept()) {
            return;
        }
        int at = row * 3;
        bias[row] = stagedBias[at];
        biasSquares[row] = stagedBias[at + 1];
        biasZ[row] = stagedBias[at + 2];
    }

    /** The weight of output {@code row} at {@code slot} (numeric feature {@code j} is slot {@code j}). */
    double weight(int row, int slot) {
        return weights[row * dimension + slot];
    }

    double intercept(int row) {
        return bias[row];
    }

    int dimension() {
        return dimension;
    }

    SlotLayout layout() {
        return layout;
    }

    /** Writes the learned state (not the configuration or header). */
    void writeTo(DataOutputStream out) throws IOException {
        out.writeLong(steps);
        StateCodec.writeDoubles(out, weights);
        if (squares != null) {
            StateCodec.writeDoubles(out, squares);
        }
        if (zs != null) {
            StateCodec.writeDoubles(out, zs);
        }
        StateCodec.writeDoubles(out, bias);
        StateCodec.writeDoubles(out, biasSquares);
        StateCodec.writeDoubles(out, biasZ);
    }

    /** Reads state written by {@link #writeTo} into this freshly built instance, refusing any non-finite value. */
    void readFrom(DataInputStream in) throws IOException {
        steps = in.readLong();
        if (steps < 0) {
            throw new IOException("negative step count " + steps);
        }
        copy(in, weights, "weights");
        if (squares != null) {
            copy(in, squares, "squared gradients");
        }
        if (zs != null) {
            copy(in, zs, "FTRL z");
        }
        copy(in, bias, "intercepts");
        copy(in, biasSquares, "intercept squared gradients");
        copy(in, biasZ, "intercept FTRL z");
    }

    private static void copy(DataInputStream in, double[] target, String what) throws IOException {
        double[] values = StateCodec.readDoubles(in);
        if (values.length != target.length) {
            throw new IOException(what + ": expected " + target.length + " values, got " + values.length);
        }
        for (double value : values) {
            if (!Double.isFinite(value)) {
                throw new IOException(what + " hold a non-finite value");
            }
        }
        System.arraycopy(values, 0, target, 0, values.length);
    }

    private static double shrink(double w, double threshold) {
        if (threshold == 0) {
            return w;
        }
        return w > threshold ? w - threshold : w < -threshold ? w + threshold : 0.0;
    }

    /** McMahan et al. 2013, Algorithm 1: the weight in closed form from z and the root of n. */
    private double ftrlWeight(double z, double rootN, double l1, double l2) {
        if (Math.abs(z) <= l1) {
            return 0.0;
        }
        return -(z - Math.signum(z) * l1) / ((smoothing + rootN) * inverseRate + l2);
    }
}

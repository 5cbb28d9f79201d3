package io.millrace.learning.eval;

import io.millrace.learning.Header;
import io.millrace.learning.InputChecks;
import io.millrace.learning.StateCodec;
import io.millrace.learning.StateFormatException;
import io.millrace.learning.Votes;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The scores of a prequential ("test, then train") evaluation, over the whole stream and over a
 * sliding window of the last {@code windowSize} examples (Gama, Sebastião and Rodrigues 2013, "On
 * evaluating stream learning algorithms", Machine Learning 90(3)): accuracy, Cohen's kappa and
 * log-loss for classification, MAE and RMSE for regression. See {@link Metrics}.
 *
 * <p>Accuracy and kappa are kept as integer counts, so the window forgets an example exactly; the
 * window's floating sums are recomputed from its ring each time it wraps, so rounding never piles up.
 * Given the same predictions, accuracy and kappa equal MOA's {@code BasicClassificationPerformanceEvaluator}
 * (whole stream) and {@code WindowClassificationPerformanceEvaluator} (window), predicted class
 * being the first most probable one as in MOA.
 *
 * <p>The speed layer keeps one per model version in a state store: it serialises with
 * {@link #toBytes()}, and a restored instance scores on exactly as the original would.
 */
public final class PrequentialMetrics {

    /** Size of the sliding window in MOA and in Millrace by default. */
    public static final int DEFAULT_WINDOW = 1000;

    static final String KIND = "prequential-metrics";
    private static final int FORMAT_VERSION = 1;
    private static final double PROBABILITY_FLOOR = 1e-15;

    private final Header header;
    private final int numClasses;
    private Tally whole;
    private final Tally window;
    private final int[] ringActual;
    private final int[] ringPredicted;
    private final double[] ringValue;
    private int ringNext;
    private int ringLength;

    /**
     * The largest window a decoded state may ask for: what bounds the arrays corrupt bytes can make it allocate. (A
     * window is not bounded by the state's size: one that has seen fewer examples than its window is small.)
     */
    static final int MAX_DECODED_WINDOW = 1 << 24;

    /** Scores for a stream of the given shape with the default window of 1000. */
    public PrequentialMetrics(Header header) {
        this(header, DEFAULT_WINDOW);
    }

    public PrequentialMetrics(Header header, int windowSize) {
        if (windowSize < 1) {
            throw new IllegalArgumentException("window size must be at least 1, got " + windowSize);
        }
        this.header = header;
        this.numClasses = header.isClassification() ? header.numClasses() : 0;
        this.whole = new Tally(numClasses);
        this.window = new Tally(numClasses);
        this.ringActual = new int[numClasses > 0 ? windowSize : 0];
        this.ringPredicted = new int[numClasses > 0 ? windowSize : 0];
        this.ringValue = new double[windowSize];
    }

    /**
     * Scores one prediction made before the learner saw {@code target}.
     *
     * @param prediction class probabilities (length = number of classes, finite, non-negative; they
     *                   are normalised for the log-loss) or a one-element regression prediction
     * @throws io.millrace.learning.InvalidInputException if the target is not a valid label or value
     * @throws IllegalArgumentException if the prediction does not fit the task; nothing changes
     */
    public void record(double[] prediction, double target) {
        InputChecks.checkTarget(header, target, 1.0);
        checkPrediction(prediction);
        if (numClasses > 0) {
            recordClassification(prediction, (int) target);
        } else {
            recordRegression(target - prediction[0]);
        }
    }

    private void recordClassification(double[] probabilities, int actual) {
        int predicted = Votes.argMax(probabilities);
        double loss = logLoss(probabilities, actual);
        whole.addClassification(actual, predicted, loss, 1);
        if (ringLength == ringValue.length) {
            window.addClassification(ringActual[ringNext], ringPredicted[ringNext], ringValue[ringNext], -1);
        }
        window.addClassification(actual, predicted, loss, 1);
        ringActual[ringNext] = actual;
        ringPredicted[ringNext] = predicted;
        advance(loss);
    }

    private void recordRegression(double error) {
        whole.addRegression(error, 1);
        if (ringLength == ringValue.length) {
            window.addRegression(ringValue[ringNext], -1);
        }
        window.addRegression(error, 1);
        advance(error);
    }

    private void advance(double value) {
        ringValue[ringNext] = value;
        ringNext++;
        if (ringLength < ringValue.length) {
            ringLength++;
        }
        if (ringNext == ringValue.length) {
            ringNext = 0;
            recomputeWindowSums();
        }
    }

    private void recomputeWindowSums() {
        double loss = 0;
        double absolute = 0;
        double squared = 0;
        for (int i = 0; i < ringLength; i++) {
            double value = ringValue[i];
            loss += value;
            absolute += Math.abs(value);
            squared += value * value;
        }
        window.resetSums(loss, absolute, squared);
    }

    /** {@code -ln p(actual)} with the probabilities normalised (uniform if all 0) and clipped. */
    static double logLoss(double[] probabilities, int actual) {
        double sum = 0;
        for (double probability : probabilities) {
            sum += probability;
        }
        double p = sum > 0 ? probabilities[actual] / sum : 1.0 / probabilities.length;
        return -Math.log(Math.min(Math.max(p, PROBABILITY_FLOOR), 1 - PROBABILITY_FLOOR));
    }

    private void checkPrediction(double[] prediction) {
        int expected = Math.max(numClasses, 1);
        if (prediction == null || prediction.length != expected) {
            throw new IllegalArgumentException("prediction for '" + header.name() + "' must have " + expected
                + " entries, got " + (prediction == null ? "null" : String.valueOf(prediction.length)));
        }
        for (double value : prediction) {
            if (!Double.isFinite(value) || (numClasses > 0 && value < 0)) {
                throw new IllegalArgumentException("prediction for '" + header.name() + "' holds " + value);
            }
        }
    }

    /** Scores over every example recorded. */
    public Metrics whole() {
        return whole.metrics();
    }

    /** Scores over the last {@link #windowSize()} examples. */
    public Metrics window() {
        return window.metrics();
    }

    public int windowSize() {
        return ringValue.length;
    }

    public Header header() {
        return header;
    }

    /**
     * The whole state in the {@link StateCodec} envelope: header, window size, whole-stream counts, the
     * window's ring and its running sums (so that a restored instance continues bit for bit).
     */
    public byte[] toBytes() {
        return StateCodec.encode(KIND, FORMAT_VERSION, out -> {
            header.writeTo(out);
            out.writeInt(ringValue.length);
            whole.writeTo(out);
            writeRing(out);
        });
    }

    /** Restores metrics written by {@link #toBytes()}. */
    public static PrequentialMetrics fromBytes(byte[] bytes) {
        return StateCodec.decode(bytes, KIND, FORMAT_VERSION, (in, version) -> {
            Header header = Header.readFrom(in);
            int windowSize = in.readInt();
            if (windowSize < 1 || windowSize > MAX_DECODED_WINDOW) {
                throw new StateFormatException("'" + KIND + "' window size " + windowSize + " is not plausible");
            }
            PrequentialMetrics metrics = new PrequentialMetrics(header, windowSize);
            metrics.whole = Tally.readFrom(in, metrics.numClasses);
            metrics.readRing(in);
            return metrics;
        });
    }

    private void writeRing(DataOutputStream out) throws IOException {
        out.writeInt(ringNext);
        out.writeInt(ringLength);
        for (int i = 0; i < ringLength; i++) {
            if (numClasses > 0) {
                out.writeInt(ringActual[i]);
                out.writeInt(ringPredicted[i]);
            }
            out.writeDouble(ringValue[i]);
        }
        window.writeSums(out);
    }

    private void readRing(DataInputStream in) throws IOException {
        ringNext = in.readInt();
        ringLength = in.readInt();
        boolean plausible = ringLength >= 0 && ringLength <= ringValue.length && ringNext >= 0
            && ringNext < ringValue.length && (ringLength == ringValue.length || ringNext == ringLength);
        if (!plausible) {
            throw new IOException("window ring position " + ringNext + " and length " + ringLength
                + " do not fit a window of " + ringValue.length);
        }
        for (int i = 0; i < ringLength; i++) {
            if (numClasses > 0) {
                ringActual[i] = readClass(in);
                ringPredicted[i] = readClass(in);
            }
            ringValue[i] = in.readDouble();
            if (numClasses > 0) {
                window.addClassification(ringActual[i], ringPredicted[i], ringValue[i], 1);
            } else {
                window.addRegression(ringValue[i], 1);
            }
        }
        window.readSums(in);
    }

    private int readClass(DataInputStream in) throws IOException {
        int value = in.readInt();
        if (value < 0 || value >= numClasses) {
            throw new IOException("class index " + value + " out of range");
        }
        return value;
    }
}

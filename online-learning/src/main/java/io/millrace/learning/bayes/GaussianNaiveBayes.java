package io.millrace.learning.bayes;

import io.millrace.learning.Attribute;
import io.millrace.learning.Header;
import io.millrace.learning.InputChecks;
import io.millrace.learning.Learner;
import io.millrace.learning.StateCodec;
import io.millrace.learning.StateFormatException;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Incremental naive Bayes classifier: class priors from weighted counts, one weighted Gaussian
 * estimator per numeric attribute and class, and Laplace-smoothed category counts per nominal
 * attribute and class (as MOA's {@code NaiveBayes} with its {@code GaussianNumericAttributeClassObserver}).
 *
 * <p>Differences from MOA, both chosen for production streams: probabilities are combined in log
 * space, so many features never underflow every class to zero (MOA multiplies densities); and a
 * category's probability is {@code (count + 1) / (total + cardinality)} with the header's
 * cardinality, where MOA divides by the number of categories seen so far for that class. On SEA and
 * Agrawal both give the same predictions for all but a handful of instances.
 *
 * <p>Missing values: a {@code NaN} feature is left out, in learning (no estimator sees it) and in
 * prediction (its factor is skipped). Infinite values, wrong dimensions, unknown category indices and
 * invalid labels are rejected by {@link InputChecks} before any state changes. A class that has
 * never seen a value of a numeric attribute has density 0 for it, as in MOA. A weight of 0 changes
 * nothing.
 *
 * <p>Not thread-safe: one model per stream partition.
 */
public final class GaussianNaiveBayes implements Learner {

    public static final String KIND = "gaussian-naive-bayes";
    private static final int FORMAT_VERSION = 1;

    private final Header header;
    private final int numClasses;
    /** Per attribute: index of its first slot in {@link #gaussians} or {@link #counts}. */
    private final int[] base;
    /** Per attribute: its number of categories, 0 for a numeric attribute. */
    private final int[] cardinality;
    private final double[] classWeights;
    /** Gaussian estimators, {@link Gaussian#SLOTS} per (numeric attribute, class). */
    private final double[] gaussians;
    /** Per estimator, derived once per update: its standard deviation and log(sqrt(2 pi) stdDev). */
    private final double[] shapes;
    /** Category weights per (nominal attribute, class, category). */
    private final double[] counts;
    /** Non-missing weight per (attribute, class); used by nominal attributes. */
    private final double[] totals;
    private final double[] scratch;

    public GaussianNaiveBayes(Header header) {
        this(header, null, null, null, null);
    }

    private GaussianNaiveBayes(Header header, double[] classWeights, double[] gaussians, double[] counts,
                               double[] totals) {
        if (!header.isClassification()) {
            throw new IllegalArgumentException("naive Bayes needs a nominal target, '" + header.target().name()
                + "' is numeric");
        }
        this.header = header;
        this.numClasses = header.numClasses();
        this.base = new int[header.numFeatures()];
        this.cardinality = new int[header.numFeatures()];
        int numericSlots = 0;
        int nominalSlots = 0;
        for (int j = 0; j < base.length; j++) {
            Attribute attribute = header.feature(j);
            if (attribute.isNominal()) {
                base[j] = nominalSlots;
                cardinality[j] = attribute.cardinality();
                nominalSlots += numClasses * attribute.cardinality();
            } else {
                base[j] = numericSlots;
                numericSlots += numClasses * Gaussian.SLOTS;
            }
        }
        this.classWeights = orNew(classWeights, numClasses);
        this.gaussians = orNew(gaussians, numericSlots);
        this.shapes = new double[numericSlots / Gaussian.SLOTS * 2];
        for (int slot = 0; slot < numericSlots; slot += Gaussian.SLOTS) {
            refreshShape(slot);
        }
        this.counts = orNew(counts, nominalSlots);
        this.totals = orNew(totals, base.length * numClasses);
        this.scratch = new double[numClasses];
    }

    private static double[] orNew(double[] given, int length) {
        if (given == null) {
            return new double[length];
        }
        if (given.length != length) {
            throw new StateFormatException("naive Bayes state holds " + given.length + " values where the header needs "
                + length);
        }
        return given;
    }

    @Override
    public Header header() {
        return header;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public double[] predict(double[] features) {
        InputChecks.checkFeatures(header, features);
        double[] logVotes = logVotes(features, new double[numClasses]);
        return softmax(logVotes);
    }

    @Override
    public int predictClass(double[] features) {
        InputChecks.checkFeatures(header, features);
        double[] logVotes = logVotes(features, scratch);
        int best = 0;
        for (int c = 1; c < numClasses; c++) {
            if (logVotes[c] > logVotes[best]) {
                best = c;
            }
        }
        return best;
    }

    @Override
    public void learn(double[] features, double target, double weight) {
        InputChecks.checkFeatures(header, features);
        InputChecks.checkTarget(header, target, weight);
        if (weight == 0.0) {
            return;
        }
        int label = (int) target;
        classWeights[label] += weight;
        for (int j = 0; j < features.length; j++) {
            double value = features[j];
            if (Double.isNaN(value)) {
                continue;
            }
            if (cardinality[j] > 0) {
                counts[base[j] + label * cardinality[j] + (int) value] += weight;
            } else {
                int slot = base[j] + label * Gaussian.SLOTS;
                Gaussian.observe(gaussians, slot, value, weight);
                refreshShape(slot);
            }
            totals[j * numClasses + label] += weight;
        }
    }

    /** Total weight learned per class. */
    public double[] classWeights() {
        return classWeights.clone();
    }

    private double[] logVotes(double[] features, double[] out) {
        double total = 0.0;
        for (double w : classWeights) {
            total += w;
        }
        for (int c = 0; c < numClasses; c++) {
            double logVote = Math.log(classWeights[c] / total);
            for (int j = 0; j < features.length && logVote > Double.NEGATIVE_INFINITY; j++) {
                double value = features[j];
                if (!Double.isNaN(value)) {
                    logVote += logLikelihood(j, c, value);
                }
            }
            out[c] = total > 0.0 ? logVote : 0.0;
        }
        return out;
    }

    private double logLikelihood(int attributeIndex, int classIndex, double value) {
        int categories = cardinality[attributeIndex];
        if (categories > 0) {
            double count = counts[base[attributeIndex] + classIndex * categories + (int) value];
            return Math.log((count + 1.0) / (totals[attributeIndex * numClasses + classIndex] + categories));
        }
        int slot = base[attributeIndex] + classIndex * Gaussian.SLOTS;
        if (!(gaussians[slot + Gaussian.WEIGHT] > 0.0)) {
            return Double.NEGATIVE_INFINITY;
        }
        int shape = slot / Gaussian.SLOTS * 2;
        double stdDev = shapes[shape];
        double mean = gaussians[slot + Gaussian.MEAN];
        if (stdDev > 0.0) {
            double z = (value - mean) / stdDev;
            return -0.5 * z * z - shapes[shape + 1];
        }
        return value == mean ? 0.0 : Double.NEGATIVE_INFINITY;
    }

    /** Recomputes the cached shape of the estimator at {@code slot} (same values as {@link Gaussian#logDensity}). */
    private void refreshShape(int slot) {
        double stdDev = Gaussian.stdDev(gaussians, slot);
        int shape = slot / Gaussian.SLOTS * 2;
        shapes[shape] = stdDev;
        shapes[shape + 1] = Math.log(Gaussian.NORMAL_CONSTANT * stdDev);
    }

    /** Turns log votes into probabilities; uniform when every class has probability zero. */
    private static double[] softmax(double[] logVotes) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logVotes) {
            max = Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            Arrays.fill(logVotes, 1.0 / logVotes.length);
            return logVotes;
        }
        double sum = 0.0;
        for (int c = 0; c < logVotes.length; c++) {
            logVotes[c] = Math.exp(logVotes[c] - max);
            sum += logVotes[c];
        }
        for (int c = 0; c < logVotes.length; c++) {
            logVotes[c] /= sum;
        }
        return logVotes;
    }

    @Override
    public byte[] toBytes() {
        return StateCodec.encode(KIND, FORMAT_VERSION, out -> {
            header.writeTo(out);
            StateCodec.writeDoubles(out, classWeights);
            StateCodec.writeDoubles(out, gaussians);
            StateCodec.writeDoubles(out, counts);
            StateCodec.writeDoubles(out, totals);
        });
    }

    public static GaussianNaiveBayes fromBytes(byte[] bytes) {
        return StateCodec.decode(bytes, KIND, FORMAT_VERSION, GaussianNaiveBayes::read);
    }

    private static GaussianNaiveBayes read(DataInputStream in, int version) throws IOException {
        try {
            Header header = Header.readFrom(in);
            return new GaussianNaiveBayes(header, StateCodec.readDoubles(in), StateCodec.readDoubles(in),
                StateCodec.readDoubles(in), StateCodec.readDoubles(in));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IOException("corrupt " + KIND + ": " + e.getMessage(), e);
        }
    }
}

package io.millrace.learning.linear;

import io.millrace.learning.Header;
import io.millrace.learning.InputChecks;
import io.millrace.learning.InvalidInputException;
import io.millrace.learning.Learner;
import io.millrace.learning.StateCodec;
import io.millrace.learning.Votes;

import java.io.IOException;

/**
 * Logistic regression learned one example at a time: a sigmoid over one weight vector for a binary
 * target, a softmax over one weight vector per class when the target has more than two classes. The
 * loss is the log-loss; its gradient {@code (p - y) * weight}, clipped, goes to the configured
 * {@link Optimizer} (SGD, AdaGrad or FTRL-Proximal) with optional L1 and L2 (see {@link LinearConfig},
 * whose defaults are River's {@code linear_model.LogisticRegression}).
 *
 * <p>Inputs: numeric features enter as they are (scale them, e.g. with the feature encoder's
 * standardisation, for plain SGD), nominal ones as one-hot or hashed weights ({@link CategoricalEncoding}).
 * A missing value ({@code NaN}) contributes nothing to the score and its weight is not updated, which
 * is mean imputation for standardised features. An invalid row or label, or an example whose update
 * would not be finite, throws {@link InvalidInputException} and leaves the model unchanged.
 *
 * <p>{@link #predictClass} and {@link #probability} allocate nothing; {@link #learn} allocates nothing.
 * Not thread-safe.
 */
public final class LogisticRegression implements Learner {

    /** Kind name in the byte envelope and on the command line. */
    public static final String KIND = "logistic-regression";
    private static final int FORMAT_VERSION = 1;

    private final Header header;
    private final LinearConfig config;
    private final int classes;
    private final LinearWeights weights;
    private final RowChecks rowChecks;
    private final double[] probabilities;

    /** A model with River's defaults. */
    public LogisticRegression(Header header) {
        this(header, LinearConfig.defaults());
    }

    public LogisticRegression(Header header, LinearConfig config) {
        if (!header.isClassification() || header.numClasses() < 2) {
            throw new IllegalArgumentException("logistic regression needs a nominal target with at least two classes, '"
                + header.name() + "' has target " + header.target());
        }
        this.header = header;
        this.rowChecks = new RowChecks(header);
        this.config = config;
        this.classes = header.numClasses();
        this.weights = new LinearWeights(header, config, classes == 2 ? 1 : classes);
        this.probabilities = new double[classes];
    }

    @Override
    public Header header() {
        return header;
    }

    public LinearConfig config() {
        return config;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Number of examples learned (of weight above zero). */
    public long steps() {
        return weights.steps();
    }

    @Override
    public double[] predict(double[] features) {
        rowChecks.checkFeatures(features);
        double[] result = new double[classes];
        fillProbabilities(features, result);
        return result;
    }

    /** Probability of class 1 for a binary target, without allocating. */
    public double probability(double[] features) {
        if (classes != 2) {
            throw new IllegalStateException("probability(features) is for a binary target; '" + header.name()
                + "' has " + classes + " classes: use predict");
        }
        rowChecks.checkFeatures(features);
        return sigmoid(weights.score(0, features));
    }

    @Override
    public int predictClass(double[] features) {
        rowChecks.checkFeatures(features);
        if (classes == 2) {
            double p = sigmoid(weights.score(0, features));
            return p > 1 - p ? 1 : 0;
        }
        fillProbabilities(features, probabilities);
        return Votes.argMax(probabilities);
    }

    @Override
    public void learn(double[] features, double target, double weight) {
        rowChecks.checkFeatures(features);
        InputChecks.checkTarget(header, target, weight);
        if (weight == 0) {
            return;
        }
        int label = (int) target;
        weights.prepare(features);
        boolean finite;
        if (classes == 2) {
            double p = sigmoid(weights.score(0, features));
            finite = weights.stage(0, clip((p - label) * weight));
        } else {
            fillProbabilities(features, probabilities);
            finite = true;
            for (int k = 0; k < classes; k++) {
                finite &= weights.stage(k, clip((probabilities[k] - (k == label ? 1 : 0)) * weight));
            }
        }
        if (!finite) {
            throw new InvalidInputException("example gives a non-finite update (features too large for the current "
                + "weights and rate?); the model is unchanged");
        }
        weights.commit();
    }

    /** The weight of numeric feature {@code feature} for output {@code output} (0 for a binary target, else the class). */
    public double coefficient(int output, int feature) {
        if (weights.layout().isNominal(feature)) {
            throw new IllegalArgumentException("feature " + feature + " is nominal: name a category");
        }
        return weights.weight(output, feature);
    }

    /** The weight of one category of nominal feature {@code feature} (shared with colliding categories when hashed). */
    public double coefficient(int output, int feature, int category) {
        return weights.weight(output, weights.layout().slot(feature, category));
    }

    public double intercept(int output) {
        return weights.intercept(output);
    }

    @Override
    public byte[] toBytes() {
        return StateCodec.encode(KIND, FORMAT_VERSION, out -> {
            header.writeTo(out);
            config.writeTo(out);
            weights.writeTo(out);
        });
    }

    /** Restores a model written by {@link #toBytes}; it then behaves exactly as the original. */
    public static LogisticRegression fromBytes(byte[] bytes) {
        return StateCodec.decode(bytes, KIND, FORMAT_VERSION, (in, version) -> {
            LogisticRegression model;
            try {
                model = new LogisticRegression(Header.readFrom(in), LinearConfig.readFrom(in));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new IOException("invalid header or parameters: " + e.getMessage(), e);
            }
            model.weights.readFrom(in);
            return model;
        });
    }

    private void fillProbabilities(double[] features, double[] into) {
        if (classes == 2) {
            double p = sigmoid(weights.score(0, features));
            into[0] = 1 - p;
            into[1] = p;
            return;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            into[k] = weights.score(k, features);
            max = Math.max(max, into[k]);
        }
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            into[k] = Math.exp(into[k] - max);
            sum += into[k];
        }
        for (int k = 0; k < classes; k++) {
            into[k] /= sum;
        }
    }

    private double clip(double gradient) {
        double bound = config.clipGradient();
        return gradient > bound ? bound : gradient < -bound ? -bound : gradient;
    }

    /** The logistic function, computed without overflow on either side. */
    static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }
}

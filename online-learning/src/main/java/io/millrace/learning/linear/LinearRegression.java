package io.millrace.learning.linear;

import io.millrace.learning.Header;
import io.millrace.learning.InputChecks;
import io.millrace.learning.InvalidInputException;
import io.millrace.learning.Learner;
import io.millrace.learning.StateCodec;

import java.io.IOException;

/**
 * Linear regression learned one example at a time on the squared loss: the gradient
 * {@code (prediction - target) * weight}, clipped, goes to the configured {@link Optimizer} (SGD,
 * AdaGrad or FTRL-Proximal) with optional L1 and L2 (see {@link LinearConfig}, whose defaults are
 * River's {@code linear_model.LinearRegression}).
 *
 * <p>Plain SGD on unscaled features diverges when {@code rate * |x|^2} is large: standardise them (the
 * feature encoder does) or use AdaGrad. A missing value ({@code NaN}) contributes nothing and its
 * weight is not updated. An invalid row or target, or an example whose update would not be finite,
 * throws {@link InvalidInputException} and leaves the model unchanged.
 *
 * <p>{@link #predictValue} and {@link #learn} allocate nothing. Not thread-safe.
 */
public final class LinearRegression implements Learner {

    /** Kind name in the byte envelope and on the command line. */
    public static final String KIND = "linear-regression";
    private static final int FORMAT_VERSION = 1;

    private final Header header;
    private final LinearConfig config;
    private final LinearWeights weights;
    private final RowChecks rowChecks;

    /** A model with River's defaults. */
    public LinearRegression(Header header) {
        this(header, LinearConfig.defaults());
    }

    public LinearRegression(Header header, LinearConfig config) {
        if (header.isClassification()) {
            throw new IllegalArgumentException("linear regression needs a numeric target, '" + header.name()
                + "' has the nominal target " + header.target().name());
        }
        this.header = header;
        this.rowChecks = new RowChecks(header);
        this.config = config;
        this.weights = new LinearWeights(header, config, 1);
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
        return new double[] {predictValue(features)};
    }

    /** The predicted value, without allocating. */
    public double predictValue(double[] features) {
        rowChecks.checkFeatures(features);
        return weights.score(0, features);
    }

    /** The predicted value rounded to the nearest integer, as {@link Learner#predictClass} documents. */
    @Override
    public int predictClass(double[] features) {
        return (int) Math.round(predictValue(features));
    }

    @Override
    public void learn(double[] features, double target, double weight) {
        rowChecks.checkFeatures(features);
        InputChecks.checkTarget(header, target, weight);
        if (weight == 0) {
            return;
        }
        weights.prepare(features);
        double error = weights.score(0, features) - target;
        double bound = config.clipGradient();
        double gradient = Math.max(-bound, Math.min(bound, error * weight));
        if (Double.isNaN(error) || !weights.stage(0, gradient)) {
            throw new InvalidInputException("example gives a non-finite update (features or target too large for "
                + "the current weights and rate?); the model is unchanged");
        }
        weights.commit();
    }

    /** The weight of numeric feature {@code feature}. */
    public double coefficient(int feature) {
        if (weights.layout().isNominal(feature)) {
            throw new IllegalArgumentException("feature " + feature + " is nominal: name a category");
        }
        return weights.weight(0, feature);
    }

    /** The weight of one category of nominal feature {@code feature} (shared with colliding categories when hashed). */
    public double coefficient(int feature, int category) {
        return weights.weight(0, weights.layout().slot(feature, category));
    }

    public double intercept() {
        return weights.intercept(0);
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
    public static LinearRegression fromBytes(byte[] bytes) {
        return StateCodec.decode(bytes, KIND, FORMAT_VERSION, (in, version) -> {
            LinearRegression model;
            try {
                model = new LinearRegression(Header.readFrom(in), LinearConfig.readFrom(in));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new IOException("invalid header or parameters: " + e.getMessage(), e);
            }
            model.weights.readFrom(in);
            return model;
        });
    }
}

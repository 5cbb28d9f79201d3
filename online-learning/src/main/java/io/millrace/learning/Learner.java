package io.millrace.learning;

/**
 * A model that learns one example at a time (test, then train).
 *
 * <p>Features arrive as a dense vector laid out as {@link Header#features()}: numeric values as they
 * are, nominal values as their category index. {@code NaN} means "missing" and each learner documents
 * how it imputes it; an infinite value, a wrong dimension, an unknown category index or an invalid
 * label is rejected with {@link InvalidInputException} before any state changes, so a bad row never
 * reaches a weight.
 */
public interface Learner {

    /** The stream shape this learner was built for. */
    Header header();

    /**
     * Class probabilities (length {@link Header#numClasses()}, summing to 1) for classification, or a
     * single predicted value for regression.
     */
    double[] predict(double[] features);

    /**
     * Learns from one example. For classification {@code target} is the class index; for regression
     * the value. {@code weight} scales the example's influence (1 for an ordinary example).
     */
    void learn(double[] features, double target, double weight);

    /** Learns from one example of weight 1. */
    default void learn(double[] features, double target) {
        learn(features, target, 1.0);
    }

    /** Index of the most probable class (classification) or the predicted value rounded (regression). */
    default int predictClass(double[] features) {
        return Votes.argMax(predict(features));
    }

    /** Stable name of this learner kind, used by the byte codec and the command line. */
    String kind();

    /** The learner's whole state as bytes: {@link StateCodec} envelope, then its own payload. */
    byte[] toBytes();
}

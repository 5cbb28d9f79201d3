package io.millrace.learning.eval;

/**
 * One labelled example of a stream: features laid out as the learner's
 * {@link io.millrace.learning.Header}, and the target (class index or regression value).
 */
public record Example(double[] features, double target) {
}

package io.millrace.learning.eval;

/**
 * Where a prequential evaluation stands.
 *
 * @param whole              scores over every example seen
 * @param window             scores over the last {@code windowSize} examples
 * @param rejected           rows refused as invalid input by {@link PrequentialEvaluator#evaluate}
 * @param seconds            wall-clock time since the first example
 * @param instancesPerSecond examples tested and trained per second of that time ({@code NaN} before any)
 */
public record PrequentialResult(Metrics whole, Metrics window, long rejected, double seconds,
                                double instancesPerSecond) {
}

package io.millrace.learning.distribution;

/**
 * Outcome of one comparison of a current sample against a reference sample.
 *
 * @param test       the test that produced it ({@code "psi"} or {@code "kolmogorov-smirnov"})
 * @param statistic  the test statistic (PSI, or the KS distance D)
 * @param threshold  the value the statistic had to exceed to signal drift
 * @param drifted    whether {@code statistic > threshold}
 * @param reference  number of values in the reference sample
 * @param current    number of values in the current sample
 */
public record DriftResult(String test, double statistic, double threshold, boolean drifted, long reference,
                          long current) {
}

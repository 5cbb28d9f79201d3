package io.millrace.learning.features;

/**
 * How a numeric feature is scaled by the running statistics of the values observed so far (River's
 * {@code preprocessing.StandardScaler} and {@code MinMaxScaler}). Nothing is clipped: a value beyond
 * the observed range scales beyond [0, 1].
 */
public enum Scaling {
    /** The value as it is. */
    NONE,
    /** {@code (x - mean) / sd} with the population standard deviation; 0 while the deviation is 0 (fewer than two distinct values). */
    STANDARD,
    /** {@code (x - min) / (max - min)}; 0 while {@code max == min} (fewer than two distinct values). */
    MIN_MAX
}

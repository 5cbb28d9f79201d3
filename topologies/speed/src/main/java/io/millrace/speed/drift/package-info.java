/**
 * Feature-distribution drift in the speed layer: each task judges every closed hopping window of its rolling
 * statistics against a reference distribution per feature (PSI and Kolmogorov-Smirnov over KLL sketches, PSI over
 * category shares) and raises a {@code DriftAlert} on {@code drift-alerts} when a feature turns drifted. Wired by
 * {@link io.millrace.speed.drift.FeatureDriftTopology} after the rolling statistics' update processor; the processor
 * is {@link io.millrace.speed.drift.WatchFeatureDrift}.
 */
package io.millrace.speed.drift;

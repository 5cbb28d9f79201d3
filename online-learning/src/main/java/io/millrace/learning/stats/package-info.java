/**
 * Rolling statistics that merge and serialise, shared by the Kafka Streams speed layer and the Flink
 * batch layer: exact {@link io.millrace.learning.stats.Moments}, KLL
 * {@link io.millrace.learning.stats.QuantileSketch}, HLL {@link io.millrace.learning.stats.DistinctSketch},
 * and the three together per feature in {@link io.millrace.learning.stats.FeatureStatistics}.
 */
package io.millrace.learning.stats;

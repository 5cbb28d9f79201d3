/**
 * Distribution drift between a reference sample (typically the batch view) and a current one (the
 * speed layer's window), both held as KLL sketches: {@link io.millrace.learning.distribution.Psi} and
 * the two-sample {@link io.millrace.learning.distribution.KolmogorovSmirnov} test, each returning a
 * {@link io.millrace.learning.distribution.DriftResult}.
 */
package io.millrace.learning.distribution;

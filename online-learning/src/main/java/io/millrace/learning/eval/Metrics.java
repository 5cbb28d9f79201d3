package io.millrace.learning.eval;

/**
 * Prequential scores over a span of a stream (the whole stream, or the sliding window).
 *
 * <p>Classification fills {@code accuracy}, {@code kappa} and {@code logLoss} and leaves {@code mae}
 * and {@code rmse} as {@code NaN}; regression the reverse. With no instances every score is
 * {@code NaN}.
 *
 * @param instances number of examples scored
 * @param accuracy  fraction of examples whose most probable class was the true one
 * @param kappa     Cohen's kappa of predicted against true classes (Cohen 1960), as in MOA:
 *                  {@code (p0 - pc) / (1 - pc)}; {@code NaN} when chance agreement {@code pc} is 1
 * @param logLoss   mean of {@code -ln p(true class)}, the probability clipped to {@code [1e-15, 1 - 1e-15]}
 * @param mae       mean absolute error
 * @param rmse      root mean squared error
 */
public record Metrics(long instances, double accuracy, double kappa, double logLoss, double mae, double rmse) {
}

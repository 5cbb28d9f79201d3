/**
 * Prequential (test-then-train) evaluation: {@link io.millrace.learning.eval.PrequentialEvaluator}
 * drives a learner over a stream; {@link io.millrace.learning.eval.PrequentialMetrics} keeps accuracy,
 * Cohen's kappa, log-loss, MAE and RMSE over the whole stream and a sliding window, serialisable.
 */
package io.millrace.learning.eval;

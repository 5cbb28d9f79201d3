package io.millrace.learning.eval;

import io.millrace.learning.InputChecks;
import io.millrace.learning.InvalidInputException;
import io.millrace.learning.Learner;
import java.util.Iterator;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Prequential ("interleaved test-then-train") evaluation of a {@link Learner}: every example is
 * first predicted, the prediction scored against its target, and only then learnt (Dawid 1984,
 * "Present position and potential developments: some personal views: statistical theory: the
 * prequential approach"; Gama et al. 2013). This is MOA's {@code EvaluatePrequential} and River's
 * {@code evaluate.progressive_val_score}, and what the speed layer does with every labelled event.
 *
 * <p>Scores are kept by {@link PrequentialMetrics} over the whole stream and a sliding window; the
 * evaluator adds the learner and a clock for instances per second, measured from the first example to
 * the call of {@link #result()}.
 *
 * <p>Bad rows: {@link #accept} refuses an invalid row (wrong dimension, infinite value, unknown
 * category, invalid label) with {@link InvalidInputException} before the learner or the scores change;
 * {@link #evaluate} counts such rows in {@link PrequentialResult#rejected()} and goes on.
 */
public final class PrequentialEvaluator {

    private final Learner learner;
    private final PrequentialMetrics metrics;
    private final LongSupplier nanoClock;
    private long rejected;
    private long startNanos;
    private boolean started;

    /** Evaluates {@code learner} with the default window of 1000. */
    public PrequentialEvaluator(Learner learner) {
        this(learner, PrequentialMetrics.DEFAULT_WINDOW);
    }

    public PrequentialEvaluator(Learner learner, int windowSize) {
        this(learner, new PrequentialMetrics(learner.header(), windowSize), System::nanoTime);
    }

    /**
     * Evaluates {@code learner}, continuing from {@code metrics} (for instance restored from bytes),
     * timed by {@code nanoClock}.
     */
    public PrequentialEvaluator(Learner learner, PrequentialMetrics metrics, LongSupplier nanoClock) {
        this.learner = Objects.requireNonNull(learner, "learner");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        if (!metrics.header().equals(learner.header())) {
            throw new IllegalArgumentException("metrics are for '" + metrics.header().name()
                + "', the learner for '" + learner.header().name() + "'");
        }
    }

    /**
     * Tests the learner on one example, scores the prediction, then trains the learner on it.
     *
     * @return the prediction made before training
     * @throws InvalidInputException for an invalid row; neither the learner nor the scores change
     */
    public double[] accept(double[] features, double target) {
        startClock();
        InputChecks.checkFeatures(learner.header(), features);
        InputChecks.checkTarget(learner.header(), target, 1.0);
        double[] prediction = learner.predict(features);
        metrics.record(prediction, target);
        learner.learn(features, target);
        return prediction;
    }

    /** Runs over {@code examples}, counting invalid rows instead of stopping, and returns the result. */
    public PrequentialResult evaluate(Iterable<Example> examples) {
        return evaluate(examples.iterator());
    }

    /** Runs over {@code examples}, counting invalid rows instead of stopping, and returns the result. */
    public PrequentialResult evaluate(Iterator<Example> examples) {
        startClock();
        while (examples.hasNext()) {
            Example example = examples.next();
            try {
                accept(example.features(), example.target());
            } catch (InvalidInputException e) {
                rejected++;
            }
        }
        return result();
    }

    /** Scores so far, with the time since the first example. */
    public PrequentialResult result() {
        double seconds = started ? (nanoClock.getAsLong() - startNanos) / 1e9 : 0;
        long instances = metrics.whole().instances();
        double rate = seconds > 0 ? instances / seconds : Double.NaN;
        return new PrequentialResult(metrics.whole(), metrics.window(), rejected, seconds, rate);
    }

    /** The live scores; serialise them with {@link PrequentialMetrics#toBytes()}. */
    public PrequentialMetrics metrics() {
        return metrics;
    }

    public Learner learner() {
        return learner;
    }

    private void startClock() {
        if (!started) {
            started = true;
            startNanos = nanoClock.getAsLong();
        }
    }
}

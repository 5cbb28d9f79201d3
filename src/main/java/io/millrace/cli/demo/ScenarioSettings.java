package io.millrace.cli.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import io.millrace.speed.TopicNames;

/**
 * How the payments scenario runs.
 *
 * @param events          payments to produce, N
 * @param driftAt         index of the first payment of the new fraud pattern, K (0 < K < N)
 * @param badRatio        share of bad records injected after payments, 0 to 1
 * @param fraudRate       expected share of fraud among payments
 * @param rate            payments produced per second; 0 for as fast as the broker takes them
 * @param learner         learner kind of the {@value #MODEL} model
 * @param seed            seed of the payments and of the injected bad records
 * @param topics          topic names
 * @param partitions      partitions of the topics the scenario creates
 * @param applicationId   the speed layer's application id
 * @param stateDir        the speed layer's state directory
 * @param checkpointEvery the model is published as a new version every this many examples
 * @param timeout         how long to wait for the speed layer to process everything
 */
public record ScenarioSettings(int events, int driftAt, double badRatio, double fraudRate, double rate, String learner, long seed,
                               TopicNames topics, int partitions, String applicationId, Path stateDir,
                               long checkpointEvery, Duration timeout) {

    /** The name of the model the scenario trains. */
    public static final String MODEL = "fraud";
    public static final int DEFAULT_EVENTS = 20_000;
    public static final double DEFAULT_BAD_RATIO = 0.01;
    /**
     * Higher than the generator's 2%: the change shows as the card tests the model misses until their first labels
     * arrive, so their number sets the drift signal. At 10%, ADWIN (increases) on the served errors fired after the
     * change in every one of 50 offline replays of 50,000 payments with the change at 25,000, within 6,800 payments
     * of it (at 5%: 3 of 40 missed); see online-learning's {@code PaymentsDriftSignalTest}.
     */
    public static final double DEFAULT_FRAUD_RATE = 0.10;
    public static final String DEFAULT_LEARNER = "hoeffding-tree";
    /**
     * Payments a second: a live stream the trainer keeps up with on a laptop, so each payment is scored by a model that
     * learned from the labels before it. Replayed faster, scoring runs ahead of learning and the model served lags.
     */
    public static final double DEFAULT_RATE = 200;
    public static final long DEFAULT_CHECKPOINT_EVERY = 1000;
    /** The longest span w of the accuracy windows just before and after the change. */
    public static final int MAX_ACCURACY_WINDOW = 2000;

    public ScenarioSettings {
        if (events < 2) {
            throw new IllegalArgumentException("--events must be at least 2, got " + events);
        }
        if (driftAt < 1 || driftAt >= events) {
            throw new IllegalArgumentException("--drift-at must lie within 1 and " + (events - 1) + " (--events - 1), got " + driftAt);
        }
        if (!(badRatio >= 0 && badRatio <= 1)) {
            throw new IllegalArgumentException("--bad-ratio must be within 0 and 1, got " + badRatio);
        }
        if (!(fraudRate > 0 && fraudRate <= 0.5)) {
            throw new IllegalArgumentException("--fraud-rate must be above 0 and at most 0.5, got " + fraudRate);
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("--rate must be 0 (as fast as possible) or positive, got " + rate);
        }
        Objects.requireNonNull(learner, "learner");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(timeout, "timeout");
        if (partitions < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1, got " + partitions);
        }
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpointEvery must be at least 1, got " + checkpointEvery);
        }
    }

    /** The span w of the accuracy windows around the change: {@code min(2000, K, (N - K) / 2)}. */
    public int accuracyWindow() {
        return Math.min(MAX_ACCURACY_WINDOW, Math.min(driftAt, (events - driftAt) / 2));
    }
}

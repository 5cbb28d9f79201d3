package io.millrace.learning.drift;

import io.millrace.learning.InvalidInputException;

/**
 * A change detector over a stream of numbers, usually a model's error stream (0/1 mistakes or a loss),
 * fed one observation at a time.
 *
 * <p>{@link #update} answers whether a change is detected at this very observation. What the detector
 * does after a detection is the algorithm's own rule, as in MOA: ADWIN has already dropped the stale
 * part of its window and goes on; Page-Hinkley, DDM, EDDM and KSWIN start afresh (or shrink their
 * window) at the next observation. A caller that wants a full restart calls {@link #reset()}.
 *
 * <p>A value the detector cannot take (NaN, infinity, or for DDM and EDDM a value outside their domain)
 * is refused with {@link InvalidInputException} before any state changes.
 *
 * <p>The read-only accessors describe the last update for a drift alert: which {@code statistic} was
 * compared with which {@code threshold}, over which window. Every detector serialises its whole state
 * with {@link #toBytes()}; {@link Detectors#fromBytes(byte[])} restores any of them, and the restored
 * detector behaves exactly as the original from there on.
 */
public interface DriftDetector {

    /**
     * Feeds one observation.
     *
     * @return true when a change is detected at this observation
     * @throws InvalidInputException when the value is refused; the state is then unchanged
     */
    boolean update(double value);

    /** True while the detector is in its warning zone (after a warning, before a change). */
    boolean isWarningZone();

    /** Forgets everything seen so far: the detector behaves as a new one with the same configuration. */
    void reset();

    /** Stable name of this detector kind: the command-line name and the byte envelope's kind. */
    String kind();

    /** The whole state as bytes: the {@code StateCodec} envelope, then the configuration and the state. */
    byte[] toBytes();

    /** Observations fed since creation or the last {@link #reset()}. */
    long observations();

    /** The detector's current estimate of the monitored quantity (for example the error rate). */
    double estimation();

    /**
     * The test statistic of the last update, in the units of {@link #threshold()}; each detector's
     * Javadoc says which. {@code NaN} before the detector has computed one.
     */
    double statistic();

    /** The value the {@link #statistic()} was compared with at the last update. */
    double threshold();

    /** A short human-readable description of the data the statistic covers, for alerts and logs. */
    String windowDescription();
}

package io.millrace.speed.config;

import java.time.Duration;
import java.util.Objects;

/**
 * One family of event-time windows of the rolling statistics: windows {@code [start, start + size)} whose
 * starts are the multiples of {@code advance} since the epoch (tumbling when {@code advance == size}, hopping
 * when smaller), as Kafka Streams' {@code TimeWindows} aligns them.
 *
 * <p>A window accepts events on time until the stream time (the largest event time this task has read)
 * reaches {@code end + grace}; it is then closed, and an event that still arrives for it is <em>late</em>:
 * kept apart from the on-time statistics, counted, and visible (see {@code io.millrace.speed.stats}).
 * Windows stay in the store, queryable and able to take late events, for {@code retention} after their start,
 * which must cover at least {@code size + grace}.
 *
 * @param size      window length
 * @param advance   distance between the starts of consecutive windows, in {@code (0, size]}
 * @param grace     how long after its end a window still accepts events as on time
 * @param retention how long a window stays in the store after its start; at least {@code size + grace}
 */
public record WindowSpec(Duration size, Duration advance, Duration grace, Duration retention) {

    public WindowSpec {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(advance, "advance");
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(retention, "retention");
        if (size.toMillis() <= 0) {
            throw new IllegalArgumentException("window size must be at least 1 ms: " + size);
        }
        if (advance.toMillis() <= 0 || advance.compareTo(size) > 0) {
            throw new IllegalArgumentException("window advance must be in (0, size = " + size + "]: " + advance);
        }
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative: " + grace);
        }
        if (retention.compareTo(size.plus(grace)) < 0) {
            throw new IllegalArgumentException("retention " + retention + " must cover the window size plus grace ("
                    + size.plus(grace) + ")");
        }
    }

    /** Tumbling windows of {@code size}: each event time lies in exactly one. */
    public static WindowSpec tumbling(Duration size, Duration grace, Duration retention) {
        return new WindowSpec(size, size, grace, retention);
    }

    /** Hopping windows of {@code size} starting every {@code advance}: each event time lies in {@code size / advance} of them. */
    public static WindowSpec hopping(Duration size, Duration advance, Duration grace, Duration retention) {
        return new WindowSpec(size, advance, grace, retention);
    }

    public boolean isTumbling() {
        return advance.equals(size);
    }

    public WindowSpec withGrace(Duration value) {
        return new WindowSpec(size, advance, value, retention);
    }

    public WindowSpec withRetention(Duration value) {
        return new WindowSpec(size, advance, grace, value);
    }

    @Override
    public String toString() {
        return (isTumbling() ? "tumbling " + size : "hopping " + size + " by " + advance) + ", grace " + grace
                + ", retention " + retention;
    }
}

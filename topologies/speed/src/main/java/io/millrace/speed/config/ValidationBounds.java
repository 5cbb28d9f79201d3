package io.millrace.speed.config;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How far an event's time may lie from the moment the speed layer validates it. An event stamped more
 * than {@code maxFutureSkew} ahead of the validating clock (a producer with a wrong clock or time zone,
 * seconds taken for milliseconds) or more than {@code maxPastAge} behind it (a zero or garbage timestamp,
 * a replay of ancient data) is dead-lettered instead of poisoning windows and statistics.
 *
 * <p>Defaults: 1 day into the future, 365 days into the past. A backfill of older history widens
 * {@code maxPastAge}.
 */
public record ValidationBounds(Duration maxFutureSkew, Duration maxPastAge) {

    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofDays(1);
    public static final Duration DEFAULT_MAX_PAST_AGE = Duration.ofDays(365);

    public ValidationBounds {
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        Objects.requireNonNull(maxPastAge, "maxPastAge");
        if (maxFutureSkew.isNegative() || maxPastAge.isNegative()) {
            throw new IllegalArgumentException("event time bounds must not be negative: future " + maxFutureSkew
                    + ", past " + maxPastAge);
        }
    }

    public static ValidationBounds defaults() {
        return new ValidationBounds(DEFAULT_MAX_FUTURE_SKEW, DEFAULT_MAX_PAST_AGE);
    }

    /** True when {@code eventTime} lies more than {@link #maxFutureSkew} after {@code now}. */
    public boolean isTooFarInTheFuture(Instant eventTime, Instant now) {
        return Duration.between(now, eventTime).compareTo(maxFutureSkew) > 0;
    }

    /** True when {@code eventTime} lies more than {@link #maxPastAge} before {@code now}. */
    public boolean isTooFarInThePast(Instant eventTime, Instant now) {
        return Duration.between(eventTime, now).compareTo(maxPastAge) > 0;
    }
}

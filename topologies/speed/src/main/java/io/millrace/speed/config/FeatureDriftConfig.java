package io.millrace.speed.config;

import io.millrace.learning.distribution.KolmogorovSmirnov;
import io.millrace.learning.distribution.Psi;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The feature-distribution drift watch of the speed layer: each task compares every closed hopping window of the
 * rolling statistics, per feature, against a reference distribution, with PSI and the two-sample
 * Kolmogorov-Smirnov test over the windows' KLL sketches, and raises a {@code DriftAlert} when a feature turns
 * drifted (see {@code io.millrace.speed.drift}).
 *
 * <p>Defaults: on; the reference is the first hopping window of event time each task reads (1 hour with the
 * default windows); PSI over 10 reference-decile bins with threshold {@value Psi#SIGNIFICANT} (the customary
 * "significant shift"); KS at level {@value #DEFAULT_KS_ALPHA}; no judgement with fewer than
 * {@value #DEFAULT_MIN_COUNT} values on either side.
 *
 * <p>Why KS at 0.01 rather than the textbook 0.05: the test is repeated for every feature and partition every
 * hopping advance (every 5 minutes, about 24 independent windows a day with 1 hour windows), so at 0.05 a stable
 * stream would raise about one false alert a day per feature and partition. Above {@code k = 200} values a KLL
 * sketch is approximate and the test adds both sketches' rank errors (about 0.027) to the critical value, which
 * makes the effective level far smaller than the nominal one (about 1e-3 at 300 values a side, 1e-4 at 1,000);
 * 0.01 is the nominal level that still holds for the small, exact windows near {@code minCount}.
 *
 * @param enabled   whether the rolling statistics carry the drift watch
 * @param reference which part of the stream is the reference
 * @param psi       PSI's bins, empty-bin share and threshold
 * @param ks        KS's significance level
 * @param minCount  fewer values than this in the reference or in a window (numeric values for PSI and KS on a
 *                  numeric feature, categories for PSI on a categorical one) and the feature is not judged on that
 *                  window: its drift flag stays as it was
 * @param ignoredFeatures features the watch leaves out: those that move by design against any reference of one part of
 *                  the stream (an hour of the day against the first hour), or are ids
 */
public record FeatureDriftConfig(boolean enabled, ReferenceWindow reference, Psi.Config psi, KolmogorovSmirnov.Config ks,
                                 long minCount, Set<String> ignoredFeatures) {

    public static final double DEFAULT_KS_ALPHA = 0.01;
    public static final long DEFAULT_MIN_COUNT = 200;

    public FeatureDriftConfig {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(psi, "psi");
        Objects.requireNonNull(ks, "ks");
        if (minCount < 1) {
            throw new IllegalArgumentException("feature drift minCount must be at least 1: " + minCount);
        }
        ignoredFeatures = Set.copyOf(Objects.requireNonNull(ignoredFeatures, "ignoredFeatures"));
    }

    public static FeatureDriftConfig defaults() {
        return new FeatureDriftConfig(true, ReferenceWindow.firstHoppingWindow(), Psi.Config.DEFAULT,
                new KolmogorovSmirnov.Config(DEFAULT_KS_ALPHA), DEFAULT_MIN_COUNT, Set.of());
    }

    /** The same settings, switched off: the rolling statistics then carry no drift watch at all. */
    public FeatureDriftConfig disabled() {
        return new FeatureDriftConfig(false, reference, psi, ks, minCount, ignoredFeatures);
    }

    public FeatureDriftConfig withReference(ReferenceWindow value) {
        return new FeatureDriftConfig(enabled, value, psi, ks, minCount, ignoredFeatures);
    }

    /** PSI above {@code value} is drift; bins and empty-bin share stay. */
    public FeatureDriftConfig withPsiThreshold(double value) {
        return new FeatureDriftConfig(enabled, reference, new Psi.Config(psi.bins(), psi.epsilon(), value), ks, minCount, ignoredFeatures);
    }

    public FeatureDriftConfig withKsAlpha(double value) {
        return new FeatureDriftConfig(enabled, reference, psi, new KolmogorovSmirnov.Config(value), minCount, ignoredFeatures);
    }

    /** The same settings, leaving {@code features} out of the watch. */
    public FeatureDriftConfig withIgnoredFeatures(String... features) {
        return new FeatureDriftConfig(enabled, reference, psi, ks, minCount, Set.of(features));
    }

    public FeatureDriftConfig withMinCount(long value) {
        return new FeatureDriftConfig(enabled, reference, psi, ks, value, ignoredFeatures);
    }

    /**
     * Checks that the reference can be read from the hopping windows' store: its bounds fall on the store's slices
     * ({@code gcd(size, advance)}, 5 minutes by default) and it is still in the store when it closes (its length
     * plus the grace within the retention).
     */
    void checkAgainst(WindowSpec hopping) {
        reference.checkAgainst(hopping);
    }

    /**
     * The part of the stream the reference distribution comes from.
     *
     * <ul>
     *   <li>{@link #firstHoppingWindow()} (default): one hopping window's length of event time, starting at the
     *       hopping window boundary at or before the first event time a task reads;</li>
     *   <li>{@link #first(Duration)}: the same with another length;</li>
     *   <li>{@link #between(Instant, Instant)}: a fixed range {@code [from, to)} of event time, the same for every
     *       task.</li>
     * </ul>
     * A task builds the reference once its event-time clock passes the end plus the hopping grace; until then it
     * judges nothing.
     *
     * @param length the length of a first-of-the-stream reference; {@code null} for one hopping window's size, or
     *               when {@code from} and {@code to} are set
     * @param from   start of a fixed reference, inclusive; {@code null} for a first-of-the-stream one
     * @param to     end of a fixed reference, exclusive; set together with {@code from}
     */
    public record ReferenceWindow(Duration length, Instant from, Instant to) {

        public ReferenceWindow {
            if ((from == null) != (to == null)) {
                throw new IllegalArgumentException("a fixed feature drift reference needs both from and to: "
                        + from + ", " + to);
            }
            if (from != null && length != null) {
                throw new IllegalArgumentException("a feature drift reference has a length or a fixed range, not both");
            }
            if (from != null && !from.isBefore(to)) {
                throw new IllegalArgumentException("the feature drift reference must start before it ends: [" + from
                        + ", " + to + ")");
            }
            if (length != null && (length.isNegative() || length.isZero())) {
                throw new IllegalArgumentException("the feature drift reference length must be positive: " + length);
            }
        }

        /** The first hopping window's length of each task's stream (the default). */
        public static ReferenceWindow firstHoppingWindow() {
            return new ReferenceWindow(null, null, null);
        }

        /** The first {@code length} of each task's stream, from the hopping boundary at or before its first event. */
        public static ReferenceWindow first(Duration length) {
            return new ReferenceWindow(Objects.requireNonNull(length, "length"), null, null);
        }

        /** The fixed event-time range {@code [from, to)}. */
        public static ReferenceWindow between(Instant from, Instant to) {
            return new ReferenceWindow(null, Objects.requireNonNull(from, "from"), Objects.requireNonNull(to, "to"));
        }

        public boolean isFixed() {
            return from != null;
        }

        /** The length of the reference with {@code hopping} windows. */
        public Duration lengthWith(WindowSpec hopping) {
            if (isFixed()) {
                return Duration.between(from, to);
            }
            return length != null ? length : hopping.size();
        }

        void checkAgainst(WindowSpec hopping) {
            long slice = gcd(hopping.size().toMillis(), hopping.advance().toMillis());
            Duration span = lengthWith(hopping);
            if (span.toMillis() % slice != 0) {
                throw new IllegalArgumentException("the feature drift reference length " + span + " must be a multiple of "
                        + "the hopping windows' slice, gcd(size, advance) = " + Duration.ofMillis(slice));
            }
            if (isFixed() && from.toEpochMilli() % slice != 0) {
                throw new IllegalArgumentException("the feature drift reference must start on a multiple of the hopping "
                        + "windows' slice, gcd(size, advance) = " + Duration.ofMillis(slice) + " since the epoch: " + from);
            }
            if (span.plus(hopping.grace()).compareTo(hopping.retention()) > 0) {
                throw new IllegalArgumentException("the feature drift reference (" + span + ") plus the grace ("
                        + hopping.grace() + ") must fit in the hopping windows' retention (" + hopping.retention()
                        + "): it is read from that store when it closes");
            }
        }

        private static long gcd(long a, long b) {
            return b == 0 ? a : gcd(b, a % b);
        }
    }
}

package io.millrace.speed.drift;

import io.millrace.learning.distribution.DriftResult;
import io.millrace.learning.distribution.KolmogorovSmirnov;
import io.millrace.learning.distribution.Psi;
import io.millrace.speed.config.FeatureDriftConfig;
import java.util.List;
import java.util.Map;

/**
 * The tests the drift watch runs on one feature and window against its reference: on a numeric feature PSI over
 * the reference's decile bins and the two-sample Kolmogorov-Smirnov test, both over KLL sketches
 * ({@link Psi}, {@link KolmogorovSmirnov}); on a categorical feature PSI over the category shares, one bin per
 * category the reference tracks and one for every other value (so a category the reference never saw moves
 * mass into "other"). A side with fewer than {@code minCount} values is not judged.
 */
final class DriftTests {
    /** The detector name of PSI in alerts, metrics and the state store. */
    static final String PSI = "psi";
    /** The detector name of the Kolmogorov-Smirnov test. */
    static final String KS = "ks";
    static final List<String> DETECTORS = List.of(PSI, KS);

    private final Psi psi;
    private final KolmogorovSmirnov ks;
    private final long minCount;

    DriftTests(FeatureDriftConfig config) {
        this.psi = new Psi(config.psi());
        this.ks = new KolmogorovSmirnov(config.ks());
        this.minCount = config.minCount();
    }

    /** The detectors that apply to a feature with {@code reference}. */
    List<String> detectorsFor(FeatureReference reference) {
        return reference.isNumeric() ? DETECTORS : List.of(PSI);
    }

    /** Values of {@code current} that {@code reference}'s tests see. */
    static long comparableCount(FeatureReference reference, FeatureSample current) {
        return current == null ? 0 : reference.isNumeric() ? current.numericCount() : current.categoricalCount();
    }

    /** Whether both sides hold enough values to be judged. */
    boolean judges(FeatureReference reference, FeatureSample current) {
        return reference.count() >= minCount && comparableCount(reference, current) >= minCount;
    }

    /** The outcome of {@code detector} on {@code current} against {@code reference}; both must be {@link #judges judged}. */
    DriftResult run(String detector, FeatureReference reference, FeatureSample current) {
        if (reference.isNumeric()) {
            return switch (detector) {
                case PSI -> psi.compare(reference.numbers(), current.numbers());
                case KS -> ks.compare(reference.numbers(), current.numbers());
                default -> throw new IllegalArgumentException("unknown feature drift detector: " + detector);
            };
        }
        if (!detector.equals(PSI)) {
            throw new IllegalArgumentException(detector + " does not apply to the categorical feature " + reference.feature());
        }
        return categoricalPsi(reference, current, psi.config());
    }

    /** PSI over the reference's categories plus one bin for all others; empty shares count as {@code epsilon}. */
    static DriftResult categoricalPsi(FeatureReference reference, FeatureSample current, Psi.Config config) {
        double referenceTotal = reference.count();
        double currentTotal = current.categoricalCount();
        Map<String, Long> seen = current.categories();
        double index = 0;
        long currentTracked = 0;
        for (Map.Entry<String, Long> bin : reference.categories().entrySet()) {
            long count = seen.getOrDefault(bin.getKey(), 0L);
            currentTracked += count;
            index += term(bin.getValue() / referenceTotal, count / currentTotal, config.epsilon());
        }
        index += term(reference.otherCategories() / referenceTotal, (currentTotal - currentTracked) / currentTotal,
                config.epsilon());
        return new DriftResult(PSI, index, config.threshold(), index > config.threshold(), reference.count(),
                current.categoricalCount());
    }

    private static double term(double referenceShare, double currentShare, double epsilon) {
        double expected = Math.max(referenceShare, epsilon);
        double actual = Math.max(currentShare, epsilon);
        return (actual - expected) * Math.log(actual / expected);
    }
}

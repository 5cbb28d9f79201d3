package io.millrace.learning.features;

import java.time.Duration;
import java.util.Objects;

/**
 * A per-entity rolling feature: an aggregate of a base feature over the entity's recent window (for
 * example the count, or the mean amount, of an account's payments in the last hour). The spec only
 * names it: the caller computes the value from its rolling stores (a windowed store in the speed layer,
 * an exact window in the batch layer) and passes it to the encoder by this feature's name, so the
 * definition stays pure and both layers agree on what it means. Encoded as one numeric column, scaled
 * and imputed like a {@link NumericFeature}.
 */
public record RollingFeature(String name, String base, Aggregate aggregate, Duration window, Scaling scaling,
                             MissingPolicy missing) implements FeatureDefinition {

    /** The aggregate over the window. */
    public enum Aggregate { COUNT, SUM, MEAN, MIN, MAX, STDDEV }

    public RollingFeature {
        FeatureDefinition.requireName(name);
        FeatureDefinition.requireName(base);
        Objects.requireNonNull(aggregate, "aggregate");
        Objects.requireNonNull(scaling, "scaling");
        Objects.requireNonNull(missing, "missing");
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("rolling feature '" + name + "' needs a positive window, got " + window);
        }
        if (missing instanceof MissingPolicy.Category) {
            throw new IllegalArgumentException("rolling feature '" + name + "' cannot impute a category");
        }
    }
}

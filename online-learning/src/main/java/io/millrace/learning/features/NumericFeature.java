package io.millrace.learning.features;

import java.util.Objects;

/**
 * A numeric feature read from the raw map (a {@link Number}; a string is a wrong type), scaled by
 * running statistics. Encoded as one numeric column.
 */
public record NumericFeature(String name, Scaling scaling, MissingPolicy missing) implements FeatureDefinition {

    public NumericFeature {
        FeatureDefinition.requireName(name);
        Objects.requireNonNull(scaling, "scaling");
        Objects.requireNonNull(missing, "missing");
        if (missing instanceof MissingPolicy.Category) {
            throw new IllegalArgumentException("numeric feature '" + name + "' cannot impute a category");
        }
    }

    /** Standardised, missing values imputed with the mean. */
    public static NumericFeature standardised(String name) {
        return new NumericFeature(name, Scaling.STANDARD, MissingPolicy.imputeMean());
    }
}

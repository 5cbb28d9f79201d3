package io.millrace.learning.features;

/**
 * One feature of a {@link FeatureSpec}: how a raw value becomes one column of the encoded row.
 * Every definition yields exactly one column, named as the feature.
 */
public sealed interface FeatureDefinition permits NumericFeature, CategoricalFeature, RollingFeature {

    /** The feature's name: its key in the raw map (or the rolling map) and its column name. */
    String name();

    /** What the feature becomes when missing. */
    MissingPolicy missing();

    /** Checks the name shared by every definition. */
    static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a feature needs a non-blank name");
        }
        return name;
    }
}

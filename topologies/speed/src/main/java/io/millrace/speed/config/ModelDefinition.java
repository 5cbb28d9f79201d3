package io.millrace.speed.config;

import io.millrace.learning.features.FeatureSpec;
import java.util.Map;
import java.util.Objects;

/**
 * One model the speed layer scores with and trains online: its name (the key of its versions on the
 * {@code models} topic and of its learner state), the learner kind and parameters its bootstrap version is
 * built with, and the one feature definition that turns an event's raw features into the learner's row.
 *
 * @param name          model name: letters, digits, '.', '_' and '-' (it is part of record keys)
 * @param learnerKind   a learner kind of online-learning ({@code hoeffding-tree}, {@code logistic-regression}, ...)
 * @param learnerParams kebab-case learner parameters; empty for the learner's defaults
 * @param features      the feature spec: raw and rolling features, and the target
 */
public record ModelDefinition(String name, String learnerKind, Map<String, String> learnerParams, FeatureSpec features) {

    public ModelDefinition {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-zA-Z0-9._-]+")) {
            throw new IllegalArgumentException("model name may hold only letters, digits, '.', '_' and '-': '" + name + "'");
        }
        if (learnerKind == null || learnerKind.isBlank()) {
            throw new IllegalArgumentException("model '" + name + "' needs a learner kind");
        }
        learnerParams = Map.copyOf(Objects.requireNonNull(learnerParams, "learnerParams"));
        Objects.requireNonNull(features, "features");
    }

    /** A model with the learner's default parameters. */
    public static ModelDefinition of(String name, String learnerKind, FeatureSpec features) {
        return new ModelDefinition(name, learnerKind, Map.of(), features);
    }
}

package io.millrace.cli;

import java.util.Map;

import io.millrace.learning.Learners;
import io.millrace.speed.config.ModelDefinition;
import io.millrace.speed.presets.ModelPresets;

/**
 * One {@code --model NAME=LEARNER[:PRESET]} value of {@code millrace serve}: a model called NAME, learning with
 * the online-learning learner LEARNER (its default parameters), over the features of PRESET
 * ({@value ModelPresets#DEFAULT} when left out).
 */
final class ModelOption {

    static final String FORMAT = "NAME=LEARNER[:PRESET]";

    private ModelOption() {
    }

    /**
     * The model definition {@code value} names.
     *
     * @throws IllegalArgumentException naming what is wrong: the format, an unknown preset, a bad model name
     */
    static ModelDefinition parse(String value) {
        int equals = value.indexOf('=');
        if (equals <= 0 || equals == value.length() - 1) {
            throw new IllegalArgumentException("--model takes " + FORMAT + ", e.g. fraud=hoeffding-tree, got '" + value + "'");
        }
        String name = value.substring(0, equals).trim();
        String rest = value.substring(equals + 1).trim();
        int colon = rest.indexOf(':');
        String learner = colon < 0 ? rest : rest.substring(0, colon).trim();
        String preset = colon < 0 ? ModelPresets.DEFAULT : rest.substring(colon + 1).trim();
        if (learner.isEmpty() || preset.isEmpty()) {
            throw new IllegalArgumentException("--model takes " + FORMAT + ", e.g. fraud=hoeffding-tree:payments, got '" + value + "'");
        }
        ModelDefinition model = ModelPresets.definition(preset, name, learner, Map.of());
        try {
            Learners.create(model.learnerKind(), model.features().header(), model.learnerParams());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--model " + value + ": " + e.getMessage(), e);
        }
        return model;
    }
}

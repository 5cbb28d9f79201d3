package io.millrace.speed.presets;

import io.millrace.speed.config.ModelDefinition;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The named feature definitions a model can be configured with from the command line
 * ({@code millrace serve --model NAME=LEARNER[:PRESET]}): a preset fixes which raw features a model reads, how it
 * encodes them and what it predicts, for one known event stream. Only {@value PaymentsModel#PRESET} for now.
 */
public final class ModelPresets {

    /** The preset a model gets when none is named. */
    public static final String DEFAULT = PaymentsModel.PRESET;
    /** Every preset name. */
    public static final List<String> NAMES = List.of(PaymentsModel.PRESET);

    private ModelPresets() {
    }

    /**
     * The model {@code name} learning with {@code learnerKind} over the features of {@code preset} (case-insensitive).
     *
     * @throws IllegalArgumentException for an unknown preset, or a name {@link ModelDefinition} refuses
     */
    public static ModelDefinition definition(String preset, String name, String learnerKind, Map<String, String> learnerParams) {
        String key = preset.trim().toLowerCase(Locale.ROOT);
        if (key.equals(PaymentsModel.PRESET)) {
            return PaymentsModel.definition(name, learnerKind, learnerParams);
        }
        throw new IllegalArgumentException("unknown model preset '" + preset + "'; known: " + String.join(", ", NAMES));
    }
}

package io.millrace.bench.speed;

import java.util.List;

import io.millrace.learning.Attribute;
import io.millrace.learning.features.CategoricalFeature;
import io.millrace.learning.features.FeatureSpec;
import io.millrace.learning.features.NumericFeature;
import io.millrace.learning.generators.PaymentsGenerator;
import io.millrace.speed.config.ModelDefinition;

/**
 * The model the whole-topology run trains: a Hoeffding tree named {@value #NAME} over the payment's features
 * (amount, hour and distance_km standardised by running statistics, a missing one taking the running mean;
 * merchant_category and country one-hot over the generator's own categories plus "other") and the 0/1 fraud
 * target. The label arrives later on {@code labels} as 0.0 or 1.0, the class index. The same spec as the
 * speed layer's payments preset, spelled out here so the benchmark does not wait for it.
 */
public final class PaymentsModel {

    public static final String NAME = "payments-fraud";
    public static final String LEARNER = "hoeffding-tree";

    private PaymentsModel() {
    }

    /** The model definition, a Hoeffding tree with its default parameters (MOA's). */
    public static ModelDefinition definition() {
        return definition(LEARNER);
    }

    /** The model definition with another learner of online-learning ({@code Learners.NAMES}), default parameters. */
    public static ModelDefinition definition(String learner) {
        return ModelDefinition.of(NAME, learner, spec());
    }

    /** The features and the target of the payments stream. */
    public static FeatureSpec spec() {
        return new FeatureSpec("payments", List.of(
            numeric(PaymentsGenerator.AMOUNT),
            numeric(PaymentsGenerator.HOUR),
            numeric(PaymentsGenerator.DISTANCE_KM),
            categorical(PaymentsGenerator.MERCHANT_CATEGORY),
            categorical(PaymentsGenerator.COUNTRY)),
            Attribute.nominal("fraud", "0", "1"));
    }

    private static NumericFeature numeric(String name) {
        return NumericFeature.standardised(name);
    }

    private static CategoricalFeature categorical(String name) {
        List<String> categories = attribute(name).values();
        return CategoricalFeature.oneHot(name, categories.toArray(String[]::new));
    }

    private static Attribute attribute(String name) {
        return PaymentsGenerator.HEADER.features().stream()
            .filter(attribute -> attribute.name().equals(name))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("the payments header has no feature '" + name + "'"));
    }
}

package io.millrace.speed.presets;

import io.millrace.learning.Attribute;
import io.millrace.learning.features.CategoricalFeature;
import io.millrace.learning.features.FeatureSpec;
import io.millrace.learning.features.MissingPolicy;
import io.millrace.learning.features.NumericFeature;
import io.millrace.learning.features.RollingFeature;
import io.millrace.learning.features.Scaling;
import io.millrace.learning.generators.PaymentsGenerator;
import io.millrace.speed.config.ModelDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The fraud model of card payments, as the payments stream ({@link PaymentsGenerator}, {@code millrace produce
 * --generator payments}) carries them: {@code amount}, {@code hour} and {@code distance_km} standardised by
 * running statistics (a missing value takes the running mean); {@code merchant_category} and {@code country}
 * one-hot over the known categories plus an "other" position that every unknown category takes (a missing one
 * stays missing); the target {@code fraud} with classes {@code "0"} (genuine) and {@code "1"} (fraud), so the
 * labels topic's {@code 0}/{@code 1} values (numbers, or the strings "0" and "1") are the class indices.
 *
 * <p>The categories are those of the payments stream, {@code gift_cards} included: a category the model has
 * not met yet (card testers' favourite after the stream's fraud-pattern change) has its own position from the
 * start, so the model can learn it the moment its labels arrive. Every other merchant category or country
 * shares the "other" position rather than being refused.
 */
public final class PaymentsModel {

    /** The preset's name on the command line ({@code --model fraud=hoeffding-tree:payments}). */
    public static final String PRESET = "payments";
    /** The target attribute's name. */
    public static final String TARGET = "fraud";
    /** The classes of the target: index 0 genuine, index 1 fraud. */
    public static final List<String> CLASSES = List.of("0", "1");
    /** The class index of a fraudulent payment. */
    public static final int FRAUD = 1;

    private PaymentsModel() {
    }

    /** A model called {@code name} that learns with {@code learnerKind} (its default parameters) over {@link #features()}. */
    public static ModelDefinition definition(String name, String learnerKind) {
        return definition(name, learnerKind, Map.of());
    }

    /** A model called {@code name} that learns with {@code learnerKind} and {@code learnerParams} over {@link #features()}. */
    public static ModelDefinition definition(String name, String learnerKind, Map<String, String> learnerParams) {
        return new ModelDefinition(name, learnerKind, learnerParams, features());
    }

    /** The account's number of payments in the last hour (this one included): card testing comes in bursts. */
    public static final String PAYMENTS_LAST_HOUR = "payments_1h";
    /** The account's mean payment amount in the last hour (this one included). */
    public static final String MEAN_AMOUNT_LAST_HOUR = "mean_amount_1h";

    /**
     * The payments feature spec: three standardised numbers, two one-hot categories, two standardised rolling
     * features of the account's last hour ({@value #PAYMENTS_LAST_HOUR}, {@value #MEAN_AMOUNT_LAST_HOUR}, read from
     * the speed layer's hopping windows of 1 hour), the 0/1 fraud target.
     */
    public static FeatureSpec features() {
        return new FeatureSpec(PRESET, List.of(
                NumericFeature.standardised(PaymentsGenerator.AMOUNT),
                NumericFeature.standardised(PaymentsGenerator.HOUR),
                NumericFeature.standardised(PaymentsGenerator.DISTANCE_KM),
                oneHot(PaymentsGenerator.MERCHANT_CATEGORY),
                oneHot(PaymentsGenerator.COUNTRY),
                lastHour(PAYMENTS_LAST_HOUR, RollingFeature.Aggregate.COUNT),
                lastHour(MEAN_AMOUNT_LAST_HOUR, RollingFeature.Aggregate.MEAN)),
                Attribute.nominal(TARGET, CLASSES));
    }

    private static RollingFeature lastHour(String name, RollingFeature.Aggregate aggregate) {
        return new RollingFeature(name, PaymentsGenerator.AMOUNT, aggregate, Duration.ofHours(1), Scaling.STANDARD,
                MissingPolicy.imputeMean());
    }

    /** One-hot over the categories the payments stream declares for {@code feature}, plus "other". */
    private static CategoricalFeature oneHot(String feature) {
        List<String> categories = PaymentsGenerator.HEADER.features().stream()
                .filter(attribute -> attribute.name().equals(feature))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the payments stream has no feature '" + feature + "'"))
                .values();
        return CategoricalFeature.oneHot(feature, categories.toArray(String[]::new));
    }
}

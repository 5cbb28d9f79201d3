package io.millrace.speed.presets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.learning.Learner;
import io.millrace.learning.Learners;
import io.millrace.learning.features.CategoricalFeature;
import io.millrace.learning.features.FeatureEncoder;
import io.millrace.learning.features.FeatureSpec;
import io.millrace.learning.generators.Payment;
import io.millrace.learning.generators.PaymentsGenerator;
import io.millrace.speed.config.ModelDefinition;
import io.millrace.speed.config.ModelSettings;
import io.millrace.speed.config.SpeedLayerConfig;
import io.millrace.speed.model.ModelTopology;
import io.millrace.speed.model.RollingFeatureSource;
import io.millrace.schemas.registry.InMemorySchemaRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaymentsModelTest {

    private static final FeatureSpec SPEC = PaymentsModel.features();

    @Test
    void columnsAreTheFivePaymentFeaturesTwoOfTheAccountsLastHourAndTheTargetIsZeroOrOne() {
        assertThat(SPEC.header().features()).extracting(a -> a.name())
                .containsExactly("amount", "hour", "distance_km", "merchant_category", "country", "payments_1h", "mean_amount_1h");
        assertThat(SPEC.header().target().values()).containsExactly("0", "1");
        assertThat(SPEC.header().feature(3).values()).contains("gift_cards", "electronics")
                .endsWith(CategoricalFeature.OTHER);
        assertThat(SPEC.rollingFeatures()).extracting(f -> f.base() + " " + f.aggregate() + " " + f.window())
                .containsExactly("amount COUNT PT1H", "amount MEAN PT1H");
    }

    @Test
    void labelsOfTheLabelsTopicAreClassIndices() {
        FeatureEncoder encoder = new FeatureEncoder(SPEC);
        assertThat(encoder.encodeLabel(1.0)).isEqualTo(1.0);
        assertThat(encoder.encodeLabel(0.0)).isEqualTo(0.0);
        assertThat(encoder.encodeLabel("1")).isEqualTo(1.0);
        assertThatThrownBy(() -> encoder.encodeLabel(2.0)).hasMessageContaining("class index");
    }

    @Test
    void encodesAPaymentStandardisedAndAnUnknownCategoryAsOther() {
        FeatureEncoder encoder = new FeatureEncoder(SPEC);
        List<Payment> payments = new PaymentsGenerator(PaymentsGenerator.Config.DEFAULT.withSeed(3)).take(500);
        payments.forEach(payment -> encoder.observe(payment.features(), Map.of()));
        Payment payment = payments.get(0);
        double[] row = encoder.encode(payment.features(), Map.of());
        double mean = payments.stream().mapToDouble(Payment::amount).average().orElseThrow();
        assertThat(Math.signum(row[0])).isEqualTo(Math.signum(payment.amount() - mean));
        List<String> categories = SPEC.header().feature(3).values();
        assertThat(row[3]).isEqualTo(categories.indexOf(payment.merchantCategory()));

        Map<String, Object> unknown = new HashMap<>(payment.features());
        unknown.put("merchant_category", "spaceflight");
        unknown.put("country", "ZZ");
        double[] other = encoder.encode(unknown, Map.of());
        assertThat(other[3]).isEqualTo(categories.size() - 1);
        assertThat(other[4]).isEqualTo(SPEC.header().feature(4).values().size() - 1);
    }

    @Test
    void everyClassifierOfOnlineLearningTakesThePreset() {
        for (String kind : List.of("hoeffding-tree", "hoeffding-adaptive-tree", "logistic-regression", "naive-bayes", "mlp")) {
            Learner learner = Learners.create(kind, SPEC.header(), Map.of());
            assertThat(learner.header()).isEqualTo(SPEC.header());
        }
    }

    @Test
    void theModelTopologyAcceptsTheDefinition() {
        ModelDefinition fraud = PaymentsModel.definition("fraud", "hoeffding-tree");
        SpeedLayerConfig config = SpeedLayerConfig.defaults().withModels(ModelSettings.defaults().withModel(fraud));
        assertThat(new ModelTopology(config, new InMemorySchemaRegistry(), RollingFeatureSource.none()).build().describe().subtopologies())
                .isNotEmpty();
        assertThat(fraud.name()).isEqualTo("fraud");
        assertThat(fraud.features()).isEqualTo(SPEC);
    }

    @Test
    void presetsAreLookedUpByName() {
        ModelDefinition model = ModelPresets.definition("Payments", "m1", "logistic-regression", Map.of("learning-rate", "0.05"));
        assertThat(model.learnerParams()).containsEntry("learning-rate", "0.05");
        assertThat(model.features()).isEqualTo(SPEC);
        assertThatThrownBy(() -> ModelPresets.definition("weather", "m", "hoeffding-tree", Map.of()))
                .hasMessageContaining("unknown model preset 'weather'").hasMessageContaining("payments");
    }
}

package io.millrace.learning.features;

import io.millrace.learning.Attribute;
import io.millrace.learning.Header;
import io.millrace.learning.InvalidInputException;
import io.millrace.learning.StateFormatException;
import io.millrace.learning.linear.LinearConfig;
import io.millrace.learning.linear.LogisticRegression;
import io.millrace.learning.linear.Optimizer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FeatureEncoderTest {

    static final FeatureSpec PAYMENTS = new FeatureSpec("payments", List.of(
        NumericFeature.standardised("amount"),
        new NumericFeature("hour", Scaling.MIN_MAX, MissingPolicy.constant(12)),
        CategoricalFeature.oneHot("merchant", "grocery", "fuel", "travel"),
        CategoricalFeature.hashing("city", 8, 42).withMissing(MissingPolicy.category("unknown")),
        new RollingFeature("tx_count_1h", "amount", RollingFeature.Aggregate.COUNT, Duration.ofHours(1), Scaling.NONE,
            MissingPolicy.constant(0)),
        new RollingFeature("amount_mean_1h", "amount", RollingFeature.Aggregate.MEAN, Duration.ofHours(1), Scaling.STANDARD,
            MissingPolicy.imputeMean())),
        Attribute.nominal("fraud", "no", "yes"));

    private static Map<String, Object> raw(Object amount, Object hour, Object merchant, Object city) {
        Map<String, Object> raw = new HashMap<>();
        raw.put("amount", amount);
        raw.put("hour", hour);
        raw.put("merchant", merchant);
        raw.put("city", city);
        raw.put("ignored_by_this_model", "anything");
        return raw;
    }

    private static FeatureEncoder fittedOnThreeRows() {
        FeatureEncoder encoder = new FeatureEncoder(PAYMENTS);
        encoder.observe(raw(10.0, 0.0, "grocery", "Lyon"), Map.of("tx_count_1h", 0.0, "amount_mean_1h", 10.0));
        encoder.observe(raw(20.0, 6.0, "fuel", "Lyon"), Map.of("tx_count_1h", 1.0, "amount_mean_1h", 15.0));
        encoder.observe(raw(30.0, 18.0, "travel", null), Map.of("tx_count_1h", 2.0, "amount_mean_1h", 20.0));
        return encoder;
    }

    @Test
    void pinsKnownOutputs() {
        FeatureEncoder encoder = fittedOnThreeRows();
        assertThat(encoder.mean("amount")).isEqualTo(20.0);
        assertThat(encoder.standardDeviation("amount")).isCloseTo(Math.sqrt(200.0 / 3), within(1e-12));

        double[] row = encoder.encode(raw(40.0, null, "games", "Paris"), Map.of("amount_mean_1h", 25.0));
        assertThat(row[0]).as("amount: (40 - 20) / sqrt(200/3)").isCloseTo(Math.sqrt(6), within(1e-12));
        assertThat(row[1]).as("hour: missing -> 12, (12 - 0) / 18").isCloseTo(2.0 / 3, within(1e-15));
        assertThat(row[2]).as("merchant: unseen -> other").isEqualTo(3.0);
        assertThat(row[3]).as("city: murmur3('Paris', 42) mod 8").isEqualTo(Murmur3.bucket("Paris", 42, 8)).isEqualTo(6.0);
        assertThat(row[4]).as("tx_count_1h: absent -> 0").isEqualTo(0.0);
        assertThat(row[5]).as("amount_mean_1h: (25 - 15) / sqrt(50/3)").isCloseTo(Math.sqrt(6), within(1e-12));

        double[] sparse = encoder.encode(raw(null, 18.0, null, null), Map.of());
        assertThat(sparse[0]).as("amount: missing -> mean -> 0").isEqualTo(0.0);
        assertThat(sparse[1]).isEqualTo(1.0);
        assertThat(sparse[2]).as("merchant: missing stays missing").isNaN();
        assertThat(sparse[3]).as("city: missing -> 'unknown'").isEqualTo(Murmur3.bucket("unknown", 42, 8)).isEqualTo(3.0);
        assertThat(sparse[5]).as("amount_mean_1h: missing -> mean -> 0").isEqualTo(0.0);
    }

    @Test
    void describesItsColumnsInTheHeader() {
        Header header = new FeatureEncoder(PAYMENTS).header();
        assertThat(header.name()).isEqualTo("payments");
        assertThat(header.features()).extracting(Attribute::name)
            .containsExactly("amount", "hour", "merchant", "city", "tx_count_1h", "amount_mean_1h");
        assertThat(header.feature(2).values()).containsExactly("grocery", "fuel", "travel", CategoricalFeature.OTHER);
        assertThat(header.feature(3).values()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7");
        assertThat(header.feature(4).isNominal()).isFalse();
        assertThat(header.target()).isEqualTo(PAYMENTS.target());
        assertThat(PAYMENTS.rollingFeatures()).extracting(RollingFeature::name).containsExactly("tx_count_1h", "amount_mean_1h");
    }

    @Test
    void beforeAnyObservationScaledValuesAreZero() {
        double[] row = new FeatureEncoder(PAYMENTS).encode(raw(99.0, 7.0, "fuel", "Rome"), Map.of("tx_count_1h", 3));
        assertThat(row[0]).isEqualTo(0.0);
        assertThat(row[1]).isEqualTo(0.0);
        assertThat(row[2]).isEqualTo(1.0);
        assertThat(row[4]).as("unscaled, an Integer is a number").isEqualTo(3.0);
    }

    @Test
    void wrongTypesAndInfinitiesNameTheFeatureAndChangeNothing() {
        FeatureEncoder encoder = fittedOnThreeRows();
        byte[] before = encoder.toBytes();
        Map<String, Object> rolling = Map.of("tx_count_1h", 1.0);
        assertThatThrownBy(() -> encoder.observe(raw("12.5", 1.0, "fuel", "Rome"), rolling))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("'amount'").hasMessageContaining("String");
        assertThatThrownBy(() -> encoder.observe(raw(12.5, 1.0, 3.0, "Rome"), rolling))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("'merchant'");
        assertThatThrownBy(() -> encoder.observe(raw(12.5, 1.0, "fuel", true), rolling))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("'city'");
        assertThatThrownBy(() -> encoder.observe(raw(12.5, Double.POSITIVE_INFINITY, "fuel", "Rome"), rolling))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("'hour'");
        assertThatThrownBy(() -> encoder.encode(raw(12.5, 1.0, "fuel", "Rome"), Map.of("amount_mean_1h", "high")))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("'amount_mean_1h'");
        assertThat(encoder.toBytes()).isEqualTo(before);
    }

    @Test
    void encodingIsPureAndNaNIsMissing() {
        FeatureEncoder encoder = fittedOnThreeRows();
        byte[] before = encoder.toBytes();
        double[] first = encoder.encode(raw(Double.NaN, 3.0, "fuel", "Rome"), Map.of());
        double[] second = encoder.encode(raw(null, 3.0, "fuel", "Rome"), Map.of());
        assertThat(first).containsExactly(second);
        assertThat(encoder.toBytes()).isEqualTo(before);
        encoder.observe(raw(Double.NaN, 3.0, "fuel", "Rome"), Map.of());
        assertThat(encoder.count("amount")).isEqualTo(3);
        assertThat(encoder.missingCount("amount")).isEqualTo(1);
    }

    @Test
    void encodeThenObserveIsTestThenTrain() {
        FeatureEncoder encoder = fittedOnThreeRows();
        double[] row = encoder.encodeThenObserve(raw(40.0, 1.0, "fuel", "Rome"), Map.of());
        assertThat(row[0]).isCloseTo(Math.sqrt(6), within(1e-12));
        assertThat(encoder.mean("amount")).isEqualTo(25.0);
    }

    @Test
    void restoredMidStreamEncodesIdentically() {
        FeatureEncoder original = new FeatureEncoder(PAYMENTS);
        Random random = new Random(17);
        for (int i = 0; i < 500; i++) {
            original.observe(randomRaw(random), randomRolling(random));
        }
        FeatureEncoder restored = FeatureEncoder.fromBytes(original.toBytes());
        assertThat(restored.spec()).isEqualTo(PAYMENTS);
        for (int i = 0; i < 500; i++) {
            Map<String, Object> raw = randomRaw(random);
            Map<String, Object> rolling = randomRolling(random);
            assertThat(restored.encodeThenObserve(raw, rolling)).containsExactly(original.encodeThenObserve(raw, rolling));
        }
        assertThat(restored.toBytes()).isEqualTo(original.toBytes());
        assertThat(FeatureSpec.fromBytes(PAYMENTS.toBytes())).isEqualTo(PAYMENTS);
    }

    @Test
    void refusesForeignOrCorruptBytes() {
        byte[] bytes = fittedOnThreeRows().toBytes();
        assertThatThrownBy(() -> FeatureSpec.fromBytes(bytes)).isInstanceOf(StateFormatException.class);
        assertThatThrownBy(() -> FeatureEncoder.fromBytes(java.util.Arrays.copyOf(bytes, bytes.length - 1)))
            .isInstanceOf(StateFormatException.class);
    }

    @Test
    void encodesLabels() {
        FeatureEncoder encoder = new FeatureEncoder(PAYMENTS);
        assertThat(encoder.encodeLabel("yes")).isEqualTo(1.0);
        assertThat(encoder.encodeLabel(0.0)).isEqualTo(0.0);
        assertThatThrownBy(() -> encoder.encodeLabel("maybe")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> encoder.encodeLabel(2.0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> encoder.encodeLabel(null)).isInstanceOf(InvalidInputException.class);
        FeatureEncoder regression = new FeatureEncoder(new FeatureSpec("r", List.of(NumericFeature.standardised("x")),
            Attribute.numeric("y")));
        assertThat(regression.encodeLabel(3.5)).isEqualTo(3.5);
        assertThatThrownBy(() -> regression.encodeLabel("3.5")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> regression.encodeLabel(Double.NaN)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void refusesInconsistentSpecs() {
        Attribute target = Attribute.nominal("y", "a", "b");
        assertThatThrownBy(() -> new FeatureSpec("s", List.of(NumericFeature.standardised("x"), NumericFeature.standardised("x")), target))
            .hasMessageContaining("twice");
        assertThatThrownBy(() -> new FeatureSpec("s", List.of(new RollingFeature("r", "nope", RollingFeature.Aggregate.SUM,
            Duration.ofMinutes(5), Scaling.NONE, MissingPolicy.constant(0))), target)).hasMessageContaining("nope");
        assertThatThrownBy(() -> new FeatureSpec("s", List.of(CategoricalFeature.oneHot("c", "p"), new RollingFeature("r", "c",
            RollingFeature.Aggregate.MEAN, Duration.ofMinutes(5), Scaling.NONE, MissingPolicy.constant(0))), target))
            .hasMessageContaining("only COUNT");
        assertThatThrownBy(() -> new NumericFeature("x", Scaling.NONE, MissingPolicy.category("z")))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CategoricalFeature.oneHot("c", "p", CategoricalFeature.OTHER)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CategoricalFeature.hashing("c", CategoricalFeature.MAX_BUCKETS + 1, 0))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CategoricalFeature.oneHot("c", "p").withMissing(MissingPolicy.imputeMean()))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void feedsALinearLearnerEndToEnd() {
        FeatureEncoder encoder = new FeatureEncoder(PAYMENTS);
        LogisticRegression model = new LogisticRegression(encoder.header(),
            LinearConfig.defaults().withOptimizer(new Optimizer.AdaGrad(0.5, 1e-8)));
        Random random = new Random(23);
        int lateCorrect = 0;
        for (int i = 0; i < 20_000; i++) {
            Map<String, Object> raw = randomRaw(random);
            Map<String, Object> rolling = randomRolling(random);
            boolean fraud = raw.get("amount") instanceof Double amount && amount > 150 && "travel".equals(raw.get("merchant"));
            double[] row = encoder.encodeThenObserve(raw, rolling);
            if (i >= 15_000 && model.predictClass(row) == (fraud ? 1 : 0)) {
                lateCorrect++;
            }
            model.learn(row, encoder.encodeLabel(fraud ? "yes" : "no"));
        }
        assertThat(lateCorrect / 5000.0).isGreaterThan(0.95);
    }

    private static Map<String, Object> randomRaw(Random random) {
        String[] merchants = {"grocery", "fuel", "travel", "games", null};
        String[] cities = {"Lyon", "Rome", "Oslo", "Kyiv", null};
        return raw(random.nextInt(10) == 0 ? null : 200 * random.nextDouble(), (double) random.nextInt(24),
            merchants[random.nextInt(merchants.length)], cities[random.nextInt(cities.length)]);
    }

    private static Map<String, Object> randomRolling(Random random) {
        Map<String, Object> rolling = new HashMap<>();
        if (random.nextBoolean()) {
            rolling.put("tx_count_1h", (double) random.nextInt(5));
            rolling.put("amount_mean_1h", 100 * random.nextDouble());
        }
        return rolling;
    }
}

package io.millrace.learning.neural;

import io.millrace.learning.Attribute;
import io.millrace.learning.Header;
import io.millrace.learning.InvalidInputException;
import io.millrace.learning.neural.MultiLayerPerceptron.Activation;
import io.millrace.learning.neural.MultiLayerPerceptron.Config;
import io.millrace.learning.neural.MultiLayerPerceptron.Updater;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The multi-layer perceptron learns, scores in plain Java exactly as DL4J does, weighs examples and
 * refuses bad rows without changing. Streams stay at a few thousand rows: DL4J steps cost milliseconds.
 */
class MultiLayerPerceptronTest {

    private static final Config FAST = Config.DEFAULTS.withUpdater(Updater.ADAM, 0.01);

    @BeforeAll
    static void oneNativeThread() {
        NativeThreads.useOne();
    }

    @Test
    void plainJavaForwardPassEqualsDl4jOutputForClassificationAndRegression() {
        List<MultiLayerPerceptron> learners = List.of(
            new MultiLayerPerceptron(Rows.threeClasses(), FAST.withActivation(Activation.TANH)),
            new MultiLayerPerceptron(Rows.binary(), FAST.withHiddenLayers(8)),
            new MultiLayerPerceptron(Rows.regression(), FAST.withHiddenLayers(32, 16, 8)),
            new MultiLayerPerceptron(Rows.regression(), FAST.withHiddenLayers()));
        Rows.Stream training = Rows.linearThreeClasses(11, 320);
        double[][] probes = randomRows(12, 500);
        for (MultiLayerPerceptron learner : learners) {
            for (int i = 0; i < training.size(); i++) {
                double target = training.targets()[i];
                learner.learn(training.features()[i], learner.header().isClassification()
                    ? target % learner.header().numClasses() : 3 * training.features()[i][0] - target);
            }
            assertThat(learner.steps()).isEqualTo(10);
            double[][] dl4j = learner.predictBatch(probes);
            for (int i = 0; i < probes.length; i++) {
                double[] plain = learner.predict(probes[i]);
                assertThat(plain).hasSize(learner.header().numClasses());
                for (int j = 0; j < plain.length; j++) {
                    assertThat(plain[j]).isCloseTo(dl4j[i][j], within(1e-9));
                }
            }
        }
    }

    /** Wider than the training range, with missing values, so every unit and the imputation are used. */
    private static double[][] randomRows(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new double[] {random.nextDouble(-3, 3), random.nextDouble(-3, 3), random.nextInt(3)};
            if (i % 10 == 0) {
                rows[i][i % 3] = Double.NaN;
            }
        }
        return rows;
    }

    @Test
    void learnsXorOnlineWhereALinearModelCannot() {
        MultiLayerPerceptron mlp = new MultiLayerPerceptron(Rows.binary(), FAST);
        MultiLayerPerceptron linear = new MultiLayerPerceptron(Rows.binary(), FAST.withHiddenLayers());

        assertThat(prequentialAccuracyOfLast(mlp, Rows.xor(1, 3_000), 500)).isGreaterThan(0.90);
        assertThat(prequentialAccuracyOfLast(linear, Rows.xor(1, 2_000), 500)).isBetween(0.35, 0.65);
    }

    @Test
    void learnsThreeClassesOnlineWithTheDefaults() {
        MultiLayerPerceptron mlp = new MultiLayerPerceptron(Rows.threeClasses());

        assertThat(prequentialAccuracyOfLast(mlp, Rows.linearThreeClasses(2, 3_000), 500)).isGreaterThan(0.85);
    }

    private static double prequentialAccuracyOfLast(MultiLayerPerceptron learner, Rows.Stream stream, int last) {
        int right = 0;
        for (int i = 0; i < stream.size(); i++) {
            if (i >= stream.size() - last && learner.predictClass(stream.features()[i]) == (int) stream.targets()[i]) {
                right++;
            }
            learner.learn(stream.features()[i], stream.targets()[i]);
        }
        return right / (double) last;
    }

    @Test
    void regressionErrorDropsOnline() {
        Rows.Stream stream = Rows.smoothRegression(3, 3_000, 0.1);
        MultiLayerPerceptron learner = new MultiLayerPerceptron(Rows.regression(), FAST);
        double first = 0;
        double last = 0;
        for (int i = 0; i < stream.size(); i++) {
            double error = learner.predict(stream.features()[i])[0] - stream.targets()[i];
            if (i < 500) {
                first += error * error;
            } else if (i >= stream.size() - 500) {
                last += error * error;
            }
            learner.learn(stream.features()[i], stream.targets()[i]);
        }
        double firstRmse = Math.sqrt(first / 500);
        double lastRmse = Math.sqrt(last / 500);

        assertThat(lastRmse).isLessThan(0.25).isLessThan(firstRmse / 3);
    }

    @Test
    void fitBatchLearnsXorInEpochsAndIsSeeded() {
        Rows.Stream training = Rows.xor(4, 2_000);
        Rows.Stream test = Rows.xor(5, 1_000);
        Config config = Config.DEFAULTS.withUpdater(Updater.ADAM, 0.02).withMiniBatchSize(100);
        MultiLayerPerceptron first = new MultiLayerPerceptron(Rows.binary(), config);
        MultiLayerPerceptron second = new MultiLayerPerceptron(Rows.binary(), config);
        first.fitBatch(training.features(), training.targets(), 8);
        second.fitBatch(training.features(), training.targets(), 8);

        assertThat(first.steps()).isEqualTo(8 * 20);
        int right = 0;
        for (int i = 0; i < test.size(); i++) {
            right += first.predictClass(test.features()[i]) == (int) test.targets()[i] ? 1 : 0;
            assertThat(second.predict(test.features()[i])).containsExactly(first.predict(test.features()[i]));
        }
        assertThat(right / (double) test.size()).isGreaterThan(0.90);
        assertThat(first.pendingExamples()).isZero();
    }

    @Test
    void anotherSeedGivesAnotherNetwork() {
        double[] row = {0.3, -0.2, 1};

        assertThat(new MultiLayerPerceptron(Rows.binary(), FAST.withSeed(2)).predict(row))
            .isNotEqualTo(new MultiLayerPerceptron(Rows.binary(), FAST).predict(row));
    }

    @Test
    void learnsOneStepPerFullMiniBatch() {
        MultiLayerPerceptron learner = new MultiLayerPerceptron(Rows.binary(), FAST.withMiniBatchSize(10));
        Rows.Stream stream = Rows.xor(6, 25);
        double[] probe = {0.5, 0.5, 0};
        double[] before = learner.predict(probe);
        for (int i = 0; i < 9; i++) {
            learner.learn(stream.features()[i], stream.targets()[i]);
        }
        assertThat(learner.pendingExamples()).isEqualTo(9);
        assertThat(learner.steps()).isZero();
        assertThat(learner.predict(probe)).containsExactly(before);

        for (int i = 9; i < 25; i++) {
            learner.learn(stream.features()[i], stream.targets()[i]);
        }
        assertThat(learner.steps()).isEqualTo(2);
        assertThat(learner.pendingExamples()).isEqualTo(5);
        assertThat(learner.predict(probe)).isNotEqualTo(before);
    }

    @Test
    void anExampleOfWeightTwoStepsLikeADoubledLearningRate() {
        Config sgd = FAST.withL2(0).withUpdater(Updater.SGD, 0.1);
        MultiLayerPerceptron weighted = new MultiLayerPerceptron(Rows.threeClasses(), sgd);
        MultiLayerPerceptron doubled = new MultiLayerPerceptron(Rows.threeClasses(), sgd.withUpdater(Updater.SGD, 0.2));
        MultiLayerPerceptron plain = new MultiLayerPerceptron(Rows.threeClasses(), sgd);
        Rows.Stream stream = Rows.linearThreeClasses(7, 64);
        for (int i = 0; i < stream.size(); i++) {
            weighted.learn(stream.features()[i], stream.targets()[i], 2.0);
            doubled.learn(stream.features()[i], stream.targets()[i]);
            plain.learn(stream.features()[i], stream.targets()[i]);
        }

        for (double[] probe : randomRows(8, 50)) {
            double[] expected = doubled.predict(probe);
            double[] actual = weighted.predict(probe);
            for (int j = 0; j < expected.length; j++) {
                assertThat(actual[j]).isCloseTo(expected[j], within(1e-9));
            }
        }
        assertThat(weighted.predict(stream.features()[0])).isNotEqualTo(plain.predict(stream.features()[0]));
    }

    @Test
    void examplesOfWeightZeroAreIgnored() {
        Rows.Stream stream = Rows.xor(9, 64);
        MultiLayerPerceptron skipping = new MultiLayerPerceptron(Rows.binary(), FAST);
        MultiLayerPerceptron unweighted = new MultiLayerPerceptron(Rows.binary(), FAST);
        for (int i = 0; i < stream.size(); i++) {
            skipping.learn(stream.features()[i], stream.targets()[i], i % 2);
            if (i % 2 == 1) {
                unweighted.learn(stream.features()[i], stream.targets()[i]);
            }
        }

        assertThat(skipping.steps()).isEqualTo(1);
        assertThat(skipping.predict(stream.features()[0])).containsExactly(unweighted.predict(stream.features()[0]));
    }

    @Test
    void nominalFeaturesAreOneHotAndMissingValuesAreZeros() {
        Header header = new Header("mixed", List.of(Attribute.numeric("amount"),
            Attribute.nominal("merchant", "food", "travel", "games", "fuel"), Attribute.numeric("hour")),
            Attribute.nominal("fraud", "no", "yes"));
        MultiLayerPerceptron learner = new MultiLayerPerceptron(header, FAST);

        assertThat(learner.inputWidth()).isEqualTo(6);
        assertThat(learner.predict(new double[] {Double.NaN, 2, 0.5}))
            .containsExactly(learner.predict(new double[] {0, 2, 0.5}));
        assertThat(learner.predict(new double[] {1, Double.NaN, 0.5})).doesNotContain(Double.NaN)
            .isNotEqualTo(learner.predict(new double[] {1, 0, 0.5}));
        learner.learn(new double[] {Double.NaN, Double.NaN, Double.NaN}, 1);
        assertThat(learner.pendingExamples()).isEqualTo(1);
    }

    @Test
    void badRowsAreRefusedAndChangeNothing() {
        MultiLayerPerceptron learner = new MultiLayerPerceptron(Rows.binary(), FAST);
        Rows.Stream stream = Rows.xor(10, 100);
        for (int i = 0; i < stream.size(); i++) {
            learner.learn(stream.features()[i], stream.targets()[i]);
        }
        double[][] probes = randomRows(13, 20);
        double[][] before = predictAll(learner, probes);
        long steps = learner.steps();

        double[] good = {0.1, 0.2, 1};
        assertRefused(() -> learner.learn(new double[] {0.1, Double.POSITIVE_INFINITY, 1}, 1));
        assertRefused(() -> learner.learn(new double[] {0.1, 0.2}, 1));
        assertRefused(() -> learner.learn(new double[] {0.1, 0.2, 3}, 1));
        assertRefused(() -> learner.learn(new double[] {0.1, 0.2, 0.5}, 1));
        assertRefused(() -> learner.learn(null, 1));
        assertRefused(() -> learner.learn(good, 2));
        assertRefused(() -> learner.learn(good, Double.NaN));
        assertRefused(() -> learner.learn(good, 1, -1));
        assertRefused(() -> learner.learn(good, 1, Double.NaN));
        assertRefused(() -> learner.predict(new double[] {0.1, 0.2, -1}));
        assertRefused(() -> learner.predictBatch(new double[][] {good, {0.1, Double.NEGATIVE_INFINITY, 0}}));
        double[][] batch = {good, good, {0.1, 0.2, 7}, good};
        assertRefused(() -> learner.fitBatch(batch, new double[] {0, 1, 0, 1}, 3));
        assertRefused(() -> learner.fitBatch(new double[][] {good, good}, new double[] {0, 1.5}, 3));
        assertRefused(() -> learner.fitBatch(new double[][] {good, good}, new double[] {0}, 3));
        assertRefused(() -> learner.fitBatch(new double[][] {good}, new double[] {0}, new double[] {-2}, 3));

        assertThat(learner.steps()).isEqualTo(steps);
        assertThat(learner.pendingExamples()).isEqualTo(100 % 32);
        assertThat(predictAll(learner, probes)).isDeepEqualTo(before);
    }

    @Test
    void regressionRefusesNonFiniteTargets() {
        MultiLayerPerceptron learner = new MultiLayerPerceptron(Rows.regression(), FAST);

        assertRefused(() -> learner.learn(new double[] {0.1, 0.2, 1}, Double.POSITIVE_INFINITY));
        assertRefused(() -> learner.learn(new double[] {0.1, 0.2, 1}, Double.NaN));
        assertThat(learner.pendingExamples()).isZero();
    }

    private static void assertRefused(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOf(InvalidInputException.class);
    }

    static double[][] predictAll(MultiLayerPerceptron learner, double[][] rows) {
        double[][] predictions = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            predictions[i] = learner.predict(rows[i]);
        }
        return predictions;
    }

    @Test
    void configurationsAreChecked() {
        assertThatThrownBy(() -> Config.DEFAULTS.withHiddenLayers(8, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Config.DEFAULTS.withUpdater(Updater.ADAM, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Config.DEFAULTS.withUpdater(Updater.SGD, Double.NaN))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Config.DEFAULTS.withL2(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Config.DEFAULTS.withMiniBatchSize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MultiLayerPerceptron(Rows.header(Attribute.nominal("only", "one"))))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two classes");
        assertThat(Config.DEFAULTS.hiddenLayers()).containsExactly(32, 16);
        assertThat(Config.DEFAULTS.updater()).isEqualTo(Updater.ADAM);
        assertThat(Config.DEFAULTS.miniBatchSize()).isEqualTo(32);
        assertThat(new MultiLayerPerceptron(Rows.regression()).kind()).isEqualTo("mlp");
    }
}

package io.millrace.learning.linear;

import io.millrace.learning.Attribute;
import io.millrace.learning.Header;
import io.millrace.learning.InvalidInputException;
import io.millrace.learning.StateFormatException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LogisticRegressionTest {

    private static Header numericHeader(int features, String... classes) {
        List<Attribute> attributes = new ArrayList<>();
        for (int j = 0; j < features; j++) {
            attributes.add(Attribute.numeric("x" + j));
        }
        return new Header("test", attributes, Attribute.nominal("y", classes));
    }

    /** x uniform in [-1, 1]^2, label x0 + x1 > 0, points within 0.1 of the boundary left out. */
    private static double[][] separable(long seed, int n) {
        Random random = new Random(seed);
        double[][] rows = new double[n][];
        for (int i = 0; i < n; ) {
            double a = 2 * random.nextDouble() - 1;
            double b = 2 * random.nextDouble() - 1;
            if (Math.abs(a + b) >= 0.1) {
                rows[i++] = new double[] {a, b, a + b > 0 ? 1 : 0};
            }
        }
        return rows;
    }

    private static double[] x(double[] row) {
        return java.util.Arrays.copyOf(row, row.length - 1);
    }

    private static int prequentialMistakes(LogisticRegression model, double[][] rows, int from) {
        int mistakes = 0;
        for (int i = 0; i < rows.length; i++) {
            double[] row = rows[i];
            if (i >= from && model.predictClass(x(row)) != (int) row[row.length - 1]) {
                mistakes++;
            }
            model.learn(x(row), row[row.length - 1]);
        }
        return mistakes;
    }

    @Test
    void convergesOnASeparableStreamWithEachOptimiser() {
        double[][] rows = separable(42, 20_000);
        for (Optimizer optimizer : List.of(new Optimizer.Sgd(), new Optimizer.AdaGrad(), new Optimizer.Ftrl(),
            new Optimizer.Sgd(0.5, Optimizer.Schedule.INVERSE_SCALING, 0.5))) {
            LogisticRegression model = new LogisticRegression(numericHeader(2, "neg", "pos"),
                LinearConfig.defaults().withOptimizer(optimizer));
            int lateMistakes = prequentialMistakes(model, rows, 10_000);
            assertThat(lateMistakes).as("%s mistakes in the last 10k", optimizer).isLessThan(100);
            // the boundary x0 + x1 = 0: equal weights, intercept near 0
            assertThat(model.coefficient(0, 0)).as("%s", optimizer).isPositive();
            assertThat(model.coefficient(0, 0) / model.coefficient(0, 1)).as("%s", optimizer).isCloseTo(1.0, within(0.1));
            assertThat(Math.abs(model.intercept(0)) / model.coefficient(0, 0)).as("%s", optimizer).isLessThan(0.05);
        }
    }

    @Test
    void pinsKnownWeightsOfDefaultSgd() {
        // River-equivalent defaults: SGD 0.01, intercept rate 0.01, no regularisation. 20k examples.
        LogisticRegression model = new LogisticRegression(numericHeader(2, "neg", "pos"));
        int mistakes = prequentialMistakes(model, separable(42, 20_000), 0);
        assertThat(model.steps()).isEqualTo(20_000);
        assertThat(mistakes).isEqualTo(PINNED_DEFAULT_MISTAKES);
        assertThat(model.coefficient(0, 0)).isCloseTo(PINNED_W0, within(1e-9));
        assertThat(model.coefficient(0, 1)).isCloseTo(PINNED_W1, within(1e-9));
        assertThat(model.intercept(0)).isCloseTo(PINNED_B, within(1e-9));
    }

    private static final int PINNED_DEFAULT_MISTAKES = 63;
    private static final double PINNED_W0 = 5.548910384423395;
    private static final double PINNED_W1 = 5.621597896881091;
    private static final double PINNED_B = 0.035675908750927986;

    @Test
    void softmaxSeparatesThreeBlobs() {
        Header header = numericHeader(2, "a", "b", "c");
        double[][] centres = {{0, 2}, {-2, -1}, {2, -1}};
        Random random = new Random(7);
        LogisticRegression model = new LogisticRegression(header, LinearConfig.defaults().withOptimizer(new Optimizer.AdaGrad()));
        int lateMistakes = 0;
        for (int i = 0; i < 20_000; i++) {
            int label = random.nextInt(3);
            double[] features = {centres[label][0] + 0.5 * random.nextGaussian(), centres[label][1] + 0.5 * random.nextGaussian()};
            if (i >= 10_000 && model.predictClass(features) != label) {
                lateMistakes++;
            }
            model.learn(features, label);
        }
        assertThat(lateMistakes).isLessThan(50);
        double[] probabilities = model.predict(new double[] {0, 2});
        assertThat(probabilities).hasSize(3);
        assertThat(probabilities[0] + probabilities[1] + probabilities[2]).isCloseTo(1.0, within(1e-12));
        assertThat(probabilities[0]).isGreaterThan(0.95);
    }

    @Test
    void ftrlWithL1ZeroesIrrelevantWeights() {
        // 10 features, only x0 and x1 decide the label; the other 8 are noise
        LogisticRegression sparse = ftrlOnTwoRelevantOfTen(100.0);
        assertThat(sparse.coefficient(0, 0)).isCloseTo(1.8775, within(1e-4));
        assertThat(sparse.coefficient(0, 1)).isCloseTo(-2.7425, within(1e-4));
        for (int j = 2; j < 10; j++) {
            assertThat(sparse.coefficient(0, j)).as("weight of noise feature x%d", j).isEqualTo(0.0);
        }
        // without L1 the noise features keep small non-zero weights
        LogisticRegression dense = ftrlOnTwoRelevantOfTen(0.0);
        for (int j = 2; j < 10; j++) {
            assertThat(dense.coefficient(0, j)).as("weight of noise feature x%d", j).isNotEqualTo(0.0);
        }
    }

    private static LogisticRegression ftrlOnTwoRelevantOfTen(double l1) {
        LogisticRegression model = new LogisticRegression(numericHeader(10, "neg", "pos"),
            LinearConfig.defaults().withOptimizer(new Optimizer.Ftrl(0.1, 1.0)).withL1(l1).withL2(1.0));
        Random random = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            double[] features = new double[10];
            for (int j = 0; j < 10; j++) {
                features[j] = random.nextGaussian();
            }
            double z = 2 * features[0] - 3 * features[1];
            model.learn(features, random.nextDouble() < LogisticRegression.sigmoid(z) ? 1 : 0);
        }
        return model;
    }

    @Test
    void learnsNominalAttributesOneHotAndHashed() {
        List<String> merchants = new ArrayList<>();
        for (int c = 0; c < 200; c++) {
            merchants.add("m" + c);
        }
        Header header = new Header("pay", List.of(Attribute.nominal("kind", "a", "b", "c"), Attribute.nominal("merchant", merchants)),
            Attribute.nominal("fraud", "no", "yes"));
        // max one-hot 16: "kind" (3 values) is one-hot, "merchant" (200) hashed into 4096 buckets; 256: both one-hot
        for (int maxOneHot : new int[] {16, 256}) {
            LinearConfig config = LinearConfig.defaults().withOptimizer(new Optimizer.AdaGrad(0.5, 1e-8))
                .withCategorical(new CategoricalEncoding(maxOneHot, 4096, 11));
            LogisticRegression model = new LogisticRegression(header, config);
            Random random = new Random(5);
            int lateMistakes = 0;
            for (int i = 0; i < 60_000; i++) {
                int kind = random.nextInt(3);
                int merchant = random.nextInt(200);
                int label = merchant % 10 == 0 || kind == 2 ? 1 : 0;
                double[] features = {kind, merchant};
                if (i >= 50_000 && model.predictClass(features) != label) {
                    lateMistakes++;
                }
                model.learn(features, label);
            }
            assertThat(lateMistakes).as("max one-hot %d", maxOneHot).isZero();
            assertThat(model.coefficient(0, 0, 2)).isGreaterThan(5).isGreaterThan(model.coefficient(0, 0, 0));
            assertThat(model.coefficient(0, 1, 10)).isGreaterThan(5).isGreaterThan(model.coefficient(0, 1, 11));
        }
    }

    @Test
    void missingValueContributesNothing() {
        LogisticRegression model = trained(1000);
        double[] withNaN = {Double.NaN, 0.3};
        double[] withZero = {0.0, 0.3};
        assertThat(model.predict(withNaN)).containsExactly(model.predict(withZero));
        // and learning from a NaN leaves its weight alone
        double before = model.coefficient(0, 0);
        model.learn(withNaN, 1);
        assertThat(model.coefficient(0, 0)).isEqualTo(before);
        assertThat(model.coefficient(0, 1)).isNotEqualTo(before);
    }

    @Test
    void badRowsThrowAndChangeNothing() {
        LogisticRegression model = trained(2000);
        byte[] before = model.toBytes();
        double[] probe = {0.2, -0.7};
        double[] predicted = model.predict(probe);

        assertThatThrownBy(() -> model.learn(new double[] {Double.POSITIVE_INFINITY, 0}, 1))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("x0");
        assertThatThrownBy(() -> model.learn(new double[] {0.1}, 1)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> model.learn(new double[] {0.1, 0.2}, 2)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> model.learn(new double[] {0.1, 0.2}, 0.5)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> model.learn(new double[] {0.1, 0.2}, Double.NaN)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> model.learn(new double[] {0.1, 0.2}, 1, -1)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> model.learn(new double[] {0.1, 0.2}, 1, Double.NaN)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> model.learn(null, 1)).isInstanceOf(InvalidInputException.class);
        // finite, but the update would overflow: refused before any weight moves
        assertThatThrownBy(() -> model.learn(new double[] {1e308, -1e308}, 1, 1e10))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("non-finite");
        assertThatThrownBy(() -> model.predict(new double[] {Double.NEGATIVE_INFINITY, 0})).isInstanceOf(InvalidInputException.class);

        assertThat(model.toBytes()).isEqualTo(before);
        assertThat(model.predict(probe)).containsExactly(predicted);
    }

    @Test
    void badRowsInterleavedInAStreamLeaveTheModelAsIfTheyNeverCame() {
        double[][][] badRows = {{{Double.NaN, Double.POSITIVE_INFINITY}}, {{1e308, 1e308}}, {{0.1}}, {{0.1, 0.2, 0.3}}};
        double[] badLabels = {1, 0, 0, 0};
        double[] badWeights = {1, 1e12, 1, 1};
        for (Optimizer optimizer : List.of(new Optimizer.Sgd(), new Optimizer.AdaGrad(), new Optimizer.Ftrl())) {
            LinearConfig config = LinearConfig.defaults().withOptimizer(optimizer);
            LogisticRegression clean = new LogisticRegression(numericHeader(2, "neg", "pos"), config);
            LogisticRegression exposed = new LogisticRegression(numericHeader(2, "neg", "pos"), config);
            int refused = 0;
            double[][] rows = separable(8, 5000);
            for (int i = 0; i < rows.length; i++) {
                clean.learn(x(rows[i]), rows[i][2]);
                exposed.learn(x(rows[i]), rows[i][2]);
                int bad = i % badRows.length;
                try {
                    exposed.learn(badRows[bad][0], badLabels[bad], badWeights[bad]);
                } catch (InvalidInputException expected) {
                    refused++;
                }
            }
            assertThat(refused).as("%s", optimizer).isEqualTo(rows.length);
            assertThat(exposed.toBytes()).as("%s", optimizer).isEqualTo(clean.toBytes());
        }
    }

    @Test
    void zeroWeightChangesNothing() {
        LogisticRegression model = trained(500);
        byte[] before = model.toBytes();
        model.learn(new double[] {0.5, 0.5}, 1, 0.0);
        assertThat(model.toBytes()).isEqualTo(before);
    }

    @Test
    void restoredMidStreamBehavesIdentically() {
        Header header = new Header("mixed", List.of(Attribute.numeric("x0"), Attribute.numeric("x1"),
            Attribute.nominal("c", "p", "q", "r", "s")), Attribute.nominal("y", "a", "b", "c"));
        for (Optimizer optimizer : List.of(new Optimizer.Sgd(), new Optimizer.AdaGrad(), new Optimizer.Ftrl())) {
            LinearConfig config = LinearConfig.defaults().withOptimizer(optimizer).withL1(0.01).withL2(0.01)
                .withCategorical(new CategoricalEncoding(2, 64, 1));
            LogisticRegression original = new LogisticRegression(header, config);
            Random random = new Random(9);
            for (int i = 0; i < 3000; i++) {
                double[] row = mixedRow(random);
                original.learn(row, random.nextInt(3));
            }
            LogisticRegression restored = LogisticRegression.fromBytes(original.toBytes());
            assertThat(restored.config()).isEqualTo(config);
            assertThat(restored.header()).isEqualTo(header);
            for (int i = 0; i < 3000; i++) {
                double[] row = mixedRow(random);
                assertThat(restored.predict(row)).containsExactly(original.predict(row));
                int label = random.nextInt(3);
                original.learn(row, label);
                restored.learn(row, label);
            }
            assertThat(restored.toBytes()).isEqualTo(original.toBytes());
        }
    }

    @Test
    void refusesBytesOfAnotherKindOrCorrupted() {
        byte[] bytes = trained(100).toBytes();
        assertThatThrownBy(() -> LinearRegression.fromBytes(bytes)).isInstanceOf(StateFormatException.class);
        assertThatThrownBy(() -> LogisticRegression.fromBytes(java.util.Arrays.copyOf(bytes, bytes.length - 3)))
            .isInstanceOf(StateFormatException.class);
        byte[] corrupted = bytes.clone();
        // the last 8 bytes are the last intercept FTRL z (0.0); make it NaN
        long nan = Double.doubleToRawLongBits(Double.NaN);
        for (int i = 0; i < 8; i++) {
            corrupted[corrupted.length - 8 + i] = (byte) (nan >>> (56 - 8 * i));
        }
        assertThatThrownBy(() -> LogisticRegression.fromBytes(corrupted))
            .isInstanceOf(StateFormatException.class).hasMessageContaining("non-finite");
    }

    @Test
    void refusesARegressionHeader() {
        Header header = new Header("r", List.of(Attribute.numeric("x")), Attribute.numeric("y"));
        assertThatThrownBy(() -> new LogisticRegression(header)).isInstanceOf(IllegalArgumentException.class);
    }

    private static double[] mixedRow(Random random) {
        double x0 = random.nextDouble() < 0.1 ? Double.NaN : random.nextGaussian();
        return new double[] {x0, random.nextGaussian(), random.nextInt(4)};
    }

    private static LogisticRegression trained(int n) {
        LogisticRegression model = new LogisticRegression(numericHeader(2, "neg", "pos"));
        for (double[] row : separable(1, n)) {
            model.learn(x(row), row[2]);
        }
        return model;
    }
}

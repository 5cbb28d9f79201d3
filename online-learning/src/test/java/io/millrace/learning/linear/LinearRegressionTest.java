package io.millrace.learning.linear;

import io.millrace.learning.Attribute;
import io.millrace.learning.Header;
import io.millrace.learning.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LinearRegressionTest {

    private static final Header HEADER = new Header("reg",
        List.of(Attribute.numeric("x0"), Attribute.numeric("x1"), Attribute.numeric("x2")), Attribute.numeric("y"));

    /** y = 3 x0 - 2 x1 + 0.5 x2 + 1 + N(0, 0.1^2), x standard normal. */
    private static double[] example(Random random) {
        double x0 = random.nextGaussian();
        double x1 = random.nextGaussian();
        double x2 = random.nextGaussian();
        return new double[] {x0, x1, x2, 3 * x0 - 2 * x1 + 0.5 * x2 + 1 + 0.1 * random.nextGaussian()};
    }

    private static LinearRegression train(LinearConfig config, int n, long seed) {
        LinearRegression model = new LinearRegression(HEADER, config);
        Random random = new Random(seed);
        for (int i = 0; i < n; i++) {
            double[] e = example(random);
            model.learn(new double[] {e[0], e[1], e[2]}, e[3]);
        }
        return model;
    }

    @Test
    void recoversCoefficientsWithEachOptimiser() {
        for (Optimizer optimizer : List.of(new Optimizer.Sgd(), new Optimizer.AdaGrad(), new Optimizer.Ftrl(0.5, 1.0))) {
            LinearRegression model = train(LinearConfig.defaults().withOptimizer(optimizer), 20_000, 1);
            assertThat(model.coefficient(0)).as("%s", optimizer).isCloseTo(3.0, within(0.05));
            assertThat(model.coefficient(1)).as("%s", optimizer).isCloseTo(-2.0, within(0.05));
            assertThat(model.coefficient(2)).as("%s", optimizer).isCloseTo(0.5, within(0.05));
            assertThat(model.intercept()).as("%s", optimizer).isCloseTo(1.0, within(0.05));
        }
    }

    @Test
    void l2ShrinksCoefficients() {
        LinearRegression plain = train(LinearConfig.defaults(), 20_000, 1);
        LinearRegression ridge = train(LinearConfig.defaults().withL2(0.5), 20_000, 1);
        // SGD with L2 converges to w* / (1 + l2) for standard normal features
        assertThat(ridge.coefficient(0)).isCloseTo(plain.coefficient(0) / 1.5, within(0.05));
    }

    @Test
    void predictsWithoutAllocatingAndAsAnArray() {
        LinearRegression model = train(LinearConfig.defaults(), 5000, 2);
        double[] x = {1, 1, 1};
        assertThat(model.predict(x)).containsExactly(model.predictValue(x));
        assertThat(model.predictValue(x)).isCloseTo(2.5, within(0.1));
        assertThat(model.predictClass(x)).isEqualTo(Math.round(model.predictValue(x)));
    }

    @Test
    void badRowsAndDivergingUpdatesChangeNothing() {
        LinearRegression model = train(LinearConfig.defaults(), 2000, 3);
        byte[] before = model.toBytes();
        double[] probe = {0.3, 0.1, -2};
        double predicted = model.predictValue(probe);
        assertThatThrownBy(() -> model.learn(new double[] {1, 2, 3}, Double.NaN)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> model.learn(new double[] {1, 2, 3}, Double.POSITIVE_INFINITY)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> model.learn(new double[] {1, Double.NEGATIVE_INFINITY, 3}, 1)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> model.learn(new double[] {1, 2}, 1)).isInstanceOf(InvalidInputException.class);
        // a finite row whose squared-loss gradient overflows the weights
        assertThatThrownBy(() -> model.learn(new double[] {1e300, 1e300, 1e300}, -1e300))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("non-finite");
        assertThat(model.toBytes()).isEqualTo(before);
        assertThat(model.predictValue(probe)).isEqualTo(predicted);
    }

    @Test
    void missingFeatureContributesNothing() {
        LinearRegression model = train(LinearConfig.defaults(), 2000, 4);
        assertThat(model.predictValue(new double[] {Double.NaN, 1, 1})).isEqualTo(model.predictValue(new double[] {0, 1, 1}));
    }

    @Test
    void restoredMidStreamBehavesIdentically() {
        for (Optimizer optimizer : List.of(new Optimizer.Sgd(0.05, Optimizer.Schedule.INVERSE_SCALING, 0.25),
            new Optimizer.AdaGrad(), new Optimizer.Ftrl())) {
            LinearConfig config = LinearConfig.defaults().withOptimizer(optimizer).withL1(0.001).withL2(0.01);
            LinearRegression original = train(config, 3000, 5);
            LinearRegression restored = LinearRegression.fromBytes(original.toBytes());
            Random random = new Random(6);
            for (int i = 0; i < 3000; i++) {
                double[] e = example(random);
                double[] x = {e[0], e[1], e[2]};
                assertThat(restored.predictValue(x)).isEqualTo(original.predictValue(x));
                original.learn(x, e[3]);
                restored.learn(x, e[3]);
            }
            assertThat(restored.toBytes()).isEqualTo(original.toBytes());
            assertThat(restored.steps()).isEqualTo(6000);
        }
    }

    @Test
    void refusesAClassificationHeader() {
        Header header = new Header("c", List.of(Attribute.numeric("x")), Attribute.nominal("y", "a", "b"));
        assertThatThrownBy(() -> new LinearRegression(header)).isInstanceOf(IllegalArgumentException.class);
    }
}

package io.millrace.learning.bayes;

import moa.core.GaussianEstimator;
import moa.core.Statistics;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** The Gaussian estimator and normal distribution function against MOA's, to the last bit. */
class GaussianTest {

    @Test
    void normalCdfIsMoasToTheBit() {
        Random random = new Random(5);
        for (int i = 0; i < 100_000; i++) {
            double z = (random.nextDouble() - 0.5) * 80;
            assertThat(Gaussian.normalCdf(z)).as("z = %s", z).isEqualTo(Statistics.normalProbability(z));
        }
        for (double z : new double[] {0, -0.0, 0.7071, 1, -1, 8, -8, 40, -40, 1e-300}) {
            assertThat(Gaussian.normalCdf(z)).isEqualTo(Statistics.normalProbability(z));
        }
        assertThat(Gaussian.normalCdf(0)).isEqualTo(0.5);
        assertThat(Gaussian.normalCdf(1.959963984540054)).isCloseTo(0.975, offset(1e-15));
    }

    @Test
    void weightedEstimatorIsMoasToTheBit() {
        Random random = new Random(6);
        double[] slots = new double[Gaussian.SLOTS];
        GaussianEstimator moa = new GaussianEstimator();
        for (int i = 0; i < 10_000; i++) {
            double value = random.nextGaussian() * 3 + 10;
            double weight = 1 + random.nextInt(3);
            Gaussian.observe(slots, 0, value, weight);
            moa.addObservation(value, weight);
        }
        assertThat(slots[Gaussian.WEIGHT]).isEqualTo(moa.getTotalWeightObserved());
        assertThat(slots[Gaussian.MEAN]).isEqualTo(moa.getMean());
        assertThat(Gaussian.stdDev(slots, 0)).isEqualTo(moa.getStdDev());
        assertThat(Gaussian.stdDev(slots, 0)).isCloseTo(3.0, offset(0.1));
        for (double x : new double[] {-5, 0, 9.5, 10, 13, 40}) {
            assertThat(Gaussian.density(slots[0], slots[1], Gaussian.stdDev(slots, 0), x)).isEqualTo(moa.probabilityDensity(x));
            assertThat(Math.exp(Gaussian.logDensity(slots[0], slots[1], Gaussian.stdDev(slots, 0), x)))
                .isCloseTo(moa.probabilityDensity(x), offset(1e-12));
        }
    }

    @Test
    void degenerateEstimatorsArePointMassesAndNonFiniteValuesAreIgnored() {
        double[] slots = new double[Gaussian.SLOTS];
        assertThat(Gaussian.density(0, 0, 0, 1)).isZero();
        Gaussian.observe(slots, 0, 4.0, 1.0);
        Gaussian.observe(slots, 0, Double.NaN, 1.0);
        Gaussian.observe(slots, 0, Double.POSITIVE_INFINITY, 1.0);
        assertThat(slots[Gaussian.WEIGHT]).isEqualTo(1.0);
        assertThat(Gaussian.stdDev(slots, 0)).isZero();
        assertThat(Gaussian.density(1, 4.0, 0, 4.0)).isEqualTo(1.0);
        assertThat(Gaussian.density(1, 4.0, 0, 4.5)).isZero();
        assertThat(Gaussian.logDensity(1, 4.0, 0, 4.5)).isEqualTo(Double.NEGATIVE_INFINITY);
    }
}

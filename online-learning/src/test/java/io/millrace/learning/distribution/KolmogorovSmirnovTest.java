package io.millrace.learning.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.millrace.learning.stats.KllSeed;
import io.millrace.learning.stats.QuantileSketch;
import java.util.Arrays;
import java.util.Random;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KolmogorovSmirnovTest {

    private final KolmogorovSmirnov test = new KolmogorovSmirnov();

    @BeforeEach
    void seedCompaction() {
        KllSeed.seed(77L);
    }

    @Test
    void disjointSamplesAreAtDistanceOne() {
        assertThat(KolmogorovSmirnov.statistic(sketch(1, 2, 3), sketch(4, 5, 6))).isEqualTo(1.0);
    }

    @Test
    void dataSketchesSixTwoUnderstatesTheDistanceOfDisjointSamples() {
        // Why Millrace evaluates D itself: if this starts failing, DataSketches has fixed computeKSDelta.
        KllDoublesSketch first = KllDoublesSketch.newHeapInstance();
        KllDoublesSketch second = KllDoublesSketch.newHeapInstance();
        for (int i = 1; i <= 3; i++) {
            first.update(i);
            second.update(i + 3);
        }
        assertThat(org.apache.datasketches.quantilescommon.KolmogorovSmirnov.computeKSDelta(first, second))
            .isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void pinsAHandComputedDistance() {
        // F_a - F_b at 1..6: 0.2, 0.4, 0.6-1/6, 0.8-2/6, 1-3/6, 1-4/6: the largest is 0.5 at x = 5
        assertThat(KolmogorovSmirnov.statistic(sketch(1, 2, 3, 4, 5), sketch(3, 4, 5, 6, 7, 8))).isEqualTo(0.5);
    }

    @Test
    void equalsThePlainExactStatisticOnSmallSamplesWithTies() {
        Random random = new Random(31);
        for (int trial = 0; trial < 300; trial++) {
            double[] a = randomIntegers(random, 1 + random.nextInt(150), 10, 0);
            double[] b = randomIntegers(random, 1 + random.nextInt(150), 10, random.nextInt(3));

            assertThat(KolmogorovSmirnov.statistic(sketch(a), sketch(b)))
                .isCloseTo(exactStatistic(a, b), within(1e-12));
        }
    }

    @Test
    void identicalSamplesDoNotDrift() {
        double[] values = new Random(1).doubles(50_000).toArray();

        DriftResult result = test.compare(sketch(values), sketch(values));

        assertThat(result.statistic()).isLessThan(result.threshold());
        assertThat(result.drifted()).isFalse();
        assertThat(result.test()).isEqualTo("kolmogorov-smirnov");
        assertThat(result.reference()).isEqualTo(50_000);
    }

    @Test
    void twoSamplesOfTheSameNormalDoNotDrift() {
        DriftResult result = test.compare(sketch(normal(new Random(2), 50_000, 0)), sketch(normal(new Random(3), 50_000, 0)));

        assertThat(result.drifted()).isFalse();
    }

    @Test
    void aShiftedNormalDriftsAndTheSketchedDistanceIsWithinTheSketchError() {
        double[] reference = normal(new Random(4), 50_000, 0);
        double[] shifted = normal(new Random(5), 50_000, 0.2);
        QuantileSketch referenceSketch = sketch(reference);
        QuantileSketch currentSketch = sketch(shifted);

        DriftResult result = test.compare(referenceSketch, currentSketch);

        // D of N(0,1) against N(0.2,1) is 2 * Phi(0.1) - 1 = 0.0797
        assertThat(result.drifted()).isTrue();
        assertThat(result.statistic()).isCloseTo(0.0797, within(0.015));
        assertThat(result.statistic()).isCloseTo(exactStatistic(reference, shifted),
            within(referenceSketch.normalizedRankError() + currentSketch.normalizedRankError()));
        assertThat(result.threshold()).isCloseTo(
            KolmogorovSmirnov.criticalValue(0.05, 50_000, 50_000) + 2 * referenceSketch.normalizedRankError(), within(1e-15));
    }

    @Test
    void aShiftBelowTheSketchErrorIsNotFlagged() {
        DriftResult result = test.compare(sketch(normal(new Random(6), 50_000, 0)), sketch(normal(new Random(7), 50_000, 0.03)));

        assertThat(result.drifted()).isFalse();
    }

    @Test
    void smallExactSamplesUseTheClassicalCriticalValue() {
        QuantileSketch low = sketch(randomIntegers(new Random(8), 100, 100, 0));
        QuantileSketch high = sketch(randomIntegers(new Random(9), 100, 100, 40));

        DriftResult result = test.compare(low, high);

        assertThat(result.threshold()).isCloseTo(1.3581 * Math.sqrt(2.0 / 100), within(1e-4));
        assertThat(result.drifted()).isTrue();
    }

    @Test
    void pinsSmirnovsCoefficients() {
        assertThat(KolmogorovSmirnov.criticalValue(0.10, 1, 1) / Math.sqrt(2)).isCloseTo(1.2239, within(1e-4));
        assertThat(KolmogorovSmirnov.criticalValue(0.05, 1, 1) / Math.sqrt(2)).isCloseTo(1.3581, within(1e-4));
        assertThat(KolmogorovSmirnov.criticalValue(0.01, 1, 1) / Math.sqrt(2)).isCloseTo(1.6276, within(1e-4));
        assertThat(KolmogorovSmirnov.criticalValue(0.05, 300, 100)).isCloseTo(1.3581 * Math.sqrt(400.0 / 30_000), within(1e-4));
    }

    @Test
    void refusesEmptySamplesAndBadLevels() {
        assertThatThrownBy(() -> test.compare(new QuantileSketch(), sketch(1))).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("reference");
        assertThatThrownBy(() -> test.compare(sketch(1), new QuantileSketch())).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("current");
        assertThatThrownBy(() -> new KolmogorovSmirnov.Config(1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KolmogorovSmirnov.Config(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The textbook two-sample D: the largest CDF gap over every value of either sample. */
    static double exactStatistic(double[] a, double[] b) {
        double[] sortedA = a.clone();
        double[] sortedB = b.clone();
        Arrays.sort(sortedA);
        Arrays.sort(sortedB);
        double worst = 0;
        for (double[] points : new double[][] {sortedA, sortedB}) {
            for (double x : points) {
                double gap = countAtMost(sortedA, x) / (double) a.length - countAtMost(sortedB, x) / (double) b.length;
                worst = Math.max(worst, Math.abs(gap));
            }
        }
        return worst;
    }

    private static int countAtMost(double[] sorted, double x) {
        int index = Arrays.binarySearch(sorted, Math.nextUp(x));
        return index >= 0 ? index : -index - 1;
    }

    static double[] randomIntegers(Random random, int size, int range, int offset) {
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = offset + random.nextInt(range);
        }
        return values;
    }

    static double[] normal(Random random, int size, double mean) {
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = mean + random.nextGaussian();
        }
        return values;
    }

    static QuantileSketch sketch(double... values) {
        QuantileSketch sketch = new QuantileSketch();
        for (double value : values) {
            sketch.update(value);
        }
        return sketch;
    }
}

package io.millrace.learning.distribution;

import static io.millrace.learning.distribution.KolmogorovSmirnovTest.normal;
import static io.millrace.learning.distribution.KolmogorovSmirnovTest.randomIntegers;
import static io.millrace.learning.distribution.KolmogorovSmirnovTest.sketch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.millrace.learning.stats.KllSeed;
import io.millrace.learning.stats.QuantileSketch;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PsiTest {

    private final Psi psi = new Psi();

    @BeforeEach
    void seedCompaction() {
        KllSeed.seed(55L);
    }

    @Test
    void identicalSamplesShowNoDrift() {
        double[] values = normal(new Random(1), 20_000, 0);
        QuantileSketch sketch = sketch(values);

        assertThat(psi.compare(sketch, sketch.copy()).statistic()).isZero();
        // two sketches of the same values differ by their randomised compaction only
        DriftResult result = psi.compare(sketch, sketch(values));
        assertThat(result.statistic()).isLessThan(0.01);
        assertThat(result.drifted()).isFalse();
        assertThat(result.threshold()).isEqualTo(0.25);
        assertThat(Psi.severity(result.statistic())).isEqualTo(Psi.Severity.STABLE);
    }

    @Test
    void pinsAHandComputedIndex() {
        // reference 1..100: deciles cut at 10, 20, ..., 90. Current: 1..50 twice, so 0.2 in each of the
        // first five bins and nothing (epsilon 1e-4) in the last five:
        // 5 * (0.2 - 0.1) * ln 2 + 5 * (1e-4 - 0.1) * ln(1e-4 / 0.1) = 0.5 ln 2 + 0.4995 ln 1000
        QuantileSketch reference = sketch(IntStream.rangeClosed(1, 100).asDoubleStream().toArray());
        QuantileSketch current = sketch(IntStream.rangeClosed(1, 100).mapToDouble(i -> 1 + (i - 1) % 50).toArray());

        DriftResult result = psi.compare(reference, current);

        assertThat(psi.binEdges(reference)).containsExactly(10, 20, 30, 40, 50, 60, 70, 80, 90);
        assertThat(result.statistic()).isCloseTo(3.796997, within(1e-6));
        assertThat(result.drifted()).isTrue();
    }

    @Test
    void equalsThePlainComputationOnSmallSamplesWithTies() {
        Random random = new Random(12);
        for (int trial = 0; trial < 300; trial++) {
            double[] reference = randomIntegers(random, 1 + random.nextInt(150), 1 + random.nextInt(30), 0);
            double[] current = randomIntegers(random, 1 + random.nextInt(150), 1 + random.nextInt(30), random.nextInt(3));

            assertThat(psi.compare(sketch(reference), sketch(current)).statistic())
                .isCloseTo(plainPsi(reference, current, 10, 1e-4), within(1e-12));
        }
    }

    @Test
    void aConstantReferenceMakesTwoBins() {
        QuantileSketch reference = sketch(5, 5, 5, 5);

        assertThat(psi.binEdges(reference)).containsExactly(5);
        // (1 - 1e-4) * ln(1 / 1e-4) twice
        assertThat(psi.compare(reference, sketch(6, 6)).statistic()).isCloseTo(2 * 0.9999 * Math.log(1e4), within(1e-12));
    }

    @Test
    void readsTheShiftOfANormalInTheCustomaryBands() {
        QuantileSketch reference = sketch(normal(new Random(2), 100_000, 0));

        DriftResult none = psi.compare(reference, sketch(normal(new Random(3), 100_000, 0)));
        DriftResult small = psi.compare(reference, sketch(normal(new Random(4), 100_000, 0.1)));
        DriftResult moderate = psi.compare(reference, sketch(normal(new Random(5), 100_000, 0.4)));
        DriftResult large = psi.compare(reference, sketch(normal(new Random(6), 100_000, 1.0)));

        // binned PSI of a mean shift d in a unit normal is a little under d^2
        assertThat(none.statistic()).isLessThan(0.005);
        assertThat(small.statistic()).isCloseTo(0.01, within(0.005));
        assertThat(Psi.severity(moderate.statistic())).isEqualTo(Psi.Severity.MODERATE);
        assertThat(moderate.drifted()).isFalse();
        assertThat(large.statistic()).isCloseTo(0.95, within(0.1));
        assertThat(large.drifted()).isTrue();
        assertThat(Psi.severity(large.statistic())).isEqualTo(Psi.Severity.SIGNIFICANT);
    }

    @Test
    void severityBandsFollowTheDocumentedThresholds() {
        assertThat(Psi.severity(0.0999)).isEqualTo(Psi.Severity.STABLE);
        assertThat(Psi.severity(0.1)).isEqualTo(Psi.Severity.MODERATE);
        assertThat(Psi.severity(0.25)).isEqualTo(Psi.Severity.MODERATE);
        assertThat(Psi.severity(0.2501)).isEqualTo(Psi.Severity.SIGNIFICANT);
    }

    @Test
    void configurableBinsAndThreshold() {
        Psi quartiles = new Psi(new Psi.Config(4, 1e-3, 0.1));
        QuantileSketch reference = sketch(IntStream.rangeClosed(1, 100).asDoubleStream().toArray());

        assertThat(quartiles.binEdges(reference)).containsExactly(25, 50, 75);
        DriftResult result = quartiles.compare(reference, sketch(IntStream.rangeClosed(1, 100).mapToDouble(i -> i + 10).toArray()));
        assertThat(result.threshold()).isEqualTo(0.1);
        assertThat(result.statistic()).isCloseTo(plainPsi(
            IntStream.rangeClosed(1, 100).asDoubleStream().toArray(),
            IntStream.rangeClosed(1, 100).mapToDouble(i -> i + 10).toArray(), 4, 1e-3), within(1e-12));
    }

    @Test
    void refusesBadConfigAndEmptySamples() {
        assertThatThrownBy(() -> new Psi.Config(1, 1e-4, 0.25)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Psi.Config(10, 0, 0.25)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Psi.Config(10, 1e-4, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> psi.compare(sketch(1), new QuantileSketch())).isInstanceOf(IllegalArgumentException.class);
    }

    /** PSI straight from the definition on raw samples: inclusive reference quantiles as edges. */
    private static double plainPsi(double[] reference, double[] current, int bins, double epsilon) {
        double[] sorted = reference.clone();
        Arrays.sort(sorted);
        double[] edges = IntStream.range(1, bins)
            .mapToDouble(i -> sorted[(int) Math.ceil(i * (double) sorted.length / bins) - 1])
            .distinct().toArray();
        double[] expected = shares(reference, edges);
        double[] actual = shares(current, edges);
        double sum = 0;
        for (int i = 0; i < expected.length; i++) {
            double e = Math.max(expected[i], epsilon);
            double a = Math.max(actual[i], epsilon);
            sum += (a - e) * Math.log(a / e);
        }
        return sum;
    }

    private static double[] shares(double[] values, double[] edges) {
        double[] shares = new double[edges.length + 1];
        for (double value : values) {
            int bin = 0;
            while (bin < edges.length && value > edges[bin]) {
                bin++;
            }
            shares[bin] += 1.0 / values.length;
        }
        return shares;
    }
}

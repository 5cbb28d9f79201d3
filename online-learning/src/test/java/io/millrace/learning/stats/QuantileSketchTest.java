package io.millrace.learning.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.millrace.learning.InvalidInputException;
import io.millrace.learning.StateFormatException;
import java.util.Arrays;
import java.util.Random;
import org.apache.datasketches.kll.KllSketch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QuantileSketchTest {

    @BeforeEach
    void seedCompaction() {
        KllSeed.seed(20240713L);
    }

    @Test
    void isExactBelowK() {
        QuantileSketch sketch = new QuantileSketch();
        for (int i = 100; i >= 1; i--) {
            sketch.update(i);
        }

        assertThat(sketch.isEstimationMode()).isFalse();
        assertThat(sketch.normalizedRankError()).isZero();
        assertThat(sketch.quantile(0.5)).isEqualTo(50.0);
        assertThat(sketch.quantile(0.01)).isEqualTo(1.0);
        assertThat(sketch.quantile(1.0)).isEqualTo(100.0);
        assertThat(sketch.rank(25)).isEqualTo(0.25);
        assertThat(sketch.pmf(new double[] {10, 90})).containsExactly(new double[] {0.1, 0.8, 0.1}, within(1e-15));
        assertThat(sketch.min()).isEqualTo(1.0);
        assertThat(sketch.max()).isEqualTo(100.0);
    }

    @Test
    void mergeOfRandomSplitsStaysWithinTheRankErrorBound() {
        Random random = new Random(11);
        double[] values = new double[200_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.exp(random.nextGaussian());
        }
        QuantileSketch[] parts = new QuantileSketch[16];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = new QuantileSketch();
        }
        QuantileSketch single = new QuantileSketch();
        for (double value : values) {
            single.update(value);
            parts[random.nextInt(parts.length)].update(value);
        }
        QuantileSketch merged = new QuantileSketch();
        for (QuantileSketch part : parts) {
            merged.merge(part);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);

        assertThat(merged.count()).isEqualTo(values.length);
        assertThat(merged.min()).isEqualTo(sorted[0]);
        assertThat(merged.max()).isEqualTo(sorted[sorted.length - 1]);
        double bound = merged.normalizedRankError();
        assertThat(bound).isCloseTo(0.0133, within(0.0001));
        assertThat(maxRankError(merged, sorted)).isLessThanOrEqualTo(bound);
        assertThat(maxRankError(single, sorted)).isLessThanOrEqualTo(bound);
    }

    @Test
    void mergingACoarserSketchCostsItsAccuracy() {
        QuantileSketch fine = new QuantileSketch(400);
        QuantileSketch coarse = new QuantileSketch(50);
        for (int i = 0; i < 10_000; i++) {
            fine.update(i);
            coarse.update(-i);
        }

        fine.merge(coarse);

        assertThat(fine.k()).isEqualTo(400);
        assertThat(fine.normalizedRankError()).isEqualTo(KllSketch.getNormalizedRankError(50, false));
        assertThat(fine.count()).isEqualTo(20_000);
        assertThat(fine.rank(0)).isCloseTo(0.5, within(fine.normalizedRankError()));
    }

    @Test
    void refusesNonFiniteValuesAndChangesNothing() {
        QuantileSketch sketch = new QuantileSketch().update(1).update(2);
        byte[] before = sketch.toBytes();

        assertThatThrownBy(() -> sketch.update(Double.NaN)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> sketch.update(Double.NEGATIVE_INFINITY)).isInstanceOf(InvalidInputException.class);

        assertThat(sketch.toBytes()).isEqualTo(before);
        assertThatThrownBy(() -> new QuantileSketch(4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QuantileSketch().quantile(0.5)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void restoredMidStreamHoldsTheSameStateAndContinuesTheSame() {
        Random random = new Random(5);
        QuantileSketch original = new QuantileSketch(64);
        for (int i = 0; i < 30_000; i++) {
            original.update(random.nextGaussian());
        }
        QuantileSketch restored = QuantileSketch.fromBytes(original.toBytes());
        assertThat(restored.toSketchBytes()).isEqualTo(original.toSketchBytes());
        assertThat(restored.isEstimationMode()).isTrue();

        double[] rest = new double[30_000];
        for (int i = 0; i < rest.length; i++) {
            rest[i] = random.nextGaussian() + 1;
        }
        KllSeed.seed(99);
        for (double value : rest) {
            original.update(value);
        }
        KllSeed.seed(99);
        for (double value : rest) {
            restored.update(value);
        }

        assertThat(restored.toSketchBytes()).isEqualTo(original.toSketchBytes());
        assertThat(restored.quantile(0.5)).isEqualTo(original.quantile(0.5));
    }

    @Test
    void readsAndWritesPlainDataSketchesBytes() {
        QuantileSketch sketch = new QuantileSketch().update(3).update(1).update(2);
        QuantileSketch copy = QuantileSketch.fromSketchBytes(sketch.toSketchBytes());

        assertThat(copy.quantile(0.5)).isEqualTo(2.0);
        assertThat(copy.update(4).count()).isEqualTo(4);
        assertThat(sketch.count()).isEqualTo(3);
    }

    @Test
    void refusesCorruptBytes() {
        byte[] bytes = new QuantileSketch().update(1).toBytes();
        byte[] corrupt = bytes.clone();
        corrupt[corrupt.length - 20] = (byte) 0x7F;
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 5);

        assertThatThrownBy(() -> QuantileSketch.fromBytes(truncated)).isInstanceOf(StateFormatException.class);
        assertThatThrownBy(() -> QuantileSketch.fromSketchBytes(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
            .isInstanceOf(StateFormatException.class);
        assertThatThrownBy(() -> QuantileSketch.fromBytes(new DistinctSketch().toBytes()))
            .isInstanceOf(StateFormatException.class);
    }

    /** Largest |sketch rank - true rank| over the percentiles of the exact sorted data. */
    static double maxRankError(QuantileSketch sketch, double[] sorted) {
        double worst = 0;
        for (int p = 1; p < 100; p++) {
            double value = sorted[(int) ((long) p * sorted.length / 100)];
            double trueRank = upperBound(sorted, value) / (double) sorted.length;
            worst = Math.max(worst, Math.abs(sketch.rank(value) - trueRank));
        }
        return worst;
    }

    /** Number of entries {@code <= value} in a sorted array. */
    static int upperBound(double[] sorted, double value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] <= value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}

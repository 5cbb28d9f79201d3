package io.millrace.learning.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.millrace.learning.InvalidInputException;
import io.millrace.learning.StateFormatException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DistinctSketchTest {

    @Test
    void countsSmallCardinalitiesExactly() {
        DistinctSketch sketch = new DistinctSketch();
        for (int repeat = 0; repeat < 5; repeat++) {
            for (int i = 0; i < 100; i++) {
                sketch.update(i * 0.5);
            }
        }

        assertThat(sketch.estimate()).isCloseTo(100, within(0.001));
        assertThat(sketch.lowerBound(2)).isLessThanOrEqualTo(100.0);
        assertThat(sketch.upperBound(2)).isGreaterThanOrEqualTo(100.0);
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 300, 1_000, 5_000, 200_000})
    void estimateDoesNotDependOnHowTheValuesWerePartitioned(int distinct) {
        Random random = new Random(distinct);
        DistinctSketch single = new DistinctSketch();
        DistinctSketch[] parts = new DistinctSketch[8];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = new DistinctSketch();
        }
        for (int i = 0; i < distinct; i++) {
            String value = "account-" + i;
            single.update(value);
            parts[random.nextInt(parts.length)].update(value);
            parts[random.nextInt(parts.length)].update(value);
        }
        DistinctSketch merged = new DistinctSketch();
        for (DistinctSketch part : parts) {
            merged.merge(part);
        }

        assertThat(merged.estimate()).isEqualTo(single.estimate());
        assertThat(merged.lowerBound(3)).isLessThanOrEqualTo(distinct);
        assertThat(merged.upperBound(3)).isGreaterThanOrEqualTo(distinct);
        assertThat(single.lowerBound(3)).isLessThanOrEqualTo(distinct);
        assertThat(single.upperBound(3)).isGreaterThanOrEqualTo(distinct);
        assertThat(merged.estimate()).isCloseTo(distinct, within(distinct * 3 * 0.0163 + 1e-6));
    }

    @Test
    void numbersAndStringsAreDifferentValuesAndSignedZerosAreOne() {
        DistinctSketch sketch = new DistinctSketch();
        sketch.update(1.0).update("1.0").update(0.0).update(-0.0).update(1.0);

        assertThat(sketch.estimate()).isCloseTo(3, within(0.001));
    }

    @Test
    void refusesValuesItCannotCountAndChangesNothing() {
        DistinctSketch sketch = new DistinctSketch().update("a").update(2.5);
        byte[] before = sketch.toBytes();

        assertThatThrownBy(() -> sketch.update(Double.NaN)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> sketch.update(Double.POSITIVE_INFINITY)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> sketch.update("")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> sketch.update((String) null)).isInstanceOf(InvalidInputException.class);

        assertThat(sketch.toBytes()).isEqualTo(before);
        assertThatThrownBy(() -> new DistinctSketch(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sketch.upperBound(4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void restoredMidStreamBehavesIdentically() {
        DistinctSketch original = new DistinctSketch(10);
        for (long i = 0; i < 20_000; i++) {
            original.update(i);
        }
        DistinctSketch restored = DistinctSketch.fromBytes(original.toBytes());
        for (long i = 10_000; i < 50_000; i++) {
            original.update(i);
            restored.update(i);
        }

        assertThat(restored.toSketchBytes()).isEqualTo(original.toSketchBytes());
        assertThat(restored.estimate()).isEqualTo(original.estimate());
        assertThat(restored.lgK()).isEqualTo(10);
    }

    @Test
    void mergingDifferentLgKKeepsTheSmaller() {
        DistinctSketch fine = new DistinctSketch(14);
        DistinctSketch coarse = new DistinctSketch(10);
        for (long i = 0; i < 50_000; i++) {
            fine.update(i);
            coarse.update(-i - 1);
        }

        fine.merge(coarse);

        assertThat(fine.lgK()).isEqualTo(10);
        assertThat(fine.estimate()).isCloseTo(100_000, within(100_000 * 3 * 1.04 / 32));
    }

    @Test
    void refusesCorruptBytes() {
        assertThatThrownBy(() -> DistinctSketch.fromSketchBytes(new byte[] {9, 9, 9, 9, 9, 9, 9, 9}))
            .isInstanceOf(StateFormatException.class);
        assertThatThrownBy(() -> DistinctSketch.fromBytes(new QuantileSketch().toBytes()))
            .isInstanceOf(StateFormatException.class);
    }
}

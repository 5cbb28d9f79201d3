package io.millrace.learning.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.millrace.learning.InvalidInputException;
import io.millrace.learning.StateCodec;
import io.millrace.learning.StateFormatException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MomentsTest {

    private static final double RELATIVE = 1e-9;

    @Test
    void pinsTheTextbookExample() {
        Moments moments = of(2, 4, 4, 4, 5, 5, 7, 9);

        assertThat(moments.count()).isEqualTo(8);
        assertThat(moments.mean()).isEqualTo(5.0);
        assertThat(moments.populationVariance()).isEqualTo(4.0);
        assertThat(moments.sampleVariance()).isCloseTo(32.0 / 7, within(1e-15));
        assertThat(moments.populationStandardDeviation()).isEqualTo(2.0);
        assertThat(moments.min()).isEqualTo(2.0);
        assertThat(moments.max()).isEqualTo(9.0);
        assertThat(moments.sum()).isEqualTo(40.0);
    }

    @Test
    void emptyAndSingleValueHaveDefinedAnswers() {
        Moments empty = new Moments();
        assertThat(empty.count()).isZero();
        assertThat(empty.mean()).isNaN();
        assertThat(empty.populationVariance()).isNaN();
        assertThat(empty.sampleVariance()).isNaN();
        assertThat(empty.min()).isNaN();
        assertThat(empty.max()).isNaN();
        assertThat(empty.sum()).isZero();

        Moments one = of(-3.5);
        assertThat(one.mean()).isEqualTo(-3.5);
        assertThat(one.populationVariance()).isZero();
        assertThat(one.sampleVariance()).isNaN();
        assertThat(one.min()).isEqualTo(-3.5);
        assertThat(one.max()).isEqualTo(-3.5);
    }

    @Test
    void nanIsCountedAsMissingAndTakesNoPartInTheMoments() {
        Moments moments = of(1, Double.NaN, 3, Double.NaN);

        assertThat(moments.count()).isEqualTo(2);
        assertThat(moments.missing()).isEqualTo(2);
        assertThat(moments.mean()).isEqualTo(2.0);
        assertThat(moments.sampleVariance()).isEqualTo(2.0);
    }

    @Test
    void infinityIsRefusedAndChangesNothing() {
        Moments moments = of(1, 2, 3);
        byte[] before = moments.toBytes();

        assertThatThrownBy(() -> moments.update(Double.POSITIVE_INFINITY)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> moments.update(Double.NEGATIVE_INFINITY)).isInstanceOf(InvalidInputException.class);

        assertThat(moments.toBytes()).isEqualTo(before);
    }

    @Test
    void mergeOfRandomSplitsEqualsTheSinglePass() {
        Random random = new Random(42);
        double[] values = new double[100_000];
        for (int i = 0; i < values.length; i++) {
            // a large offset and a small spread: the case that breaks the naive sum-of-squares formula
            values[i] = 1e6 + random.nextGaussian() * 0.5 + (i % 7 == 0 ? Double.NaN : 0);
        }
        Moments single = new Moments();
        for (double value : values) {
            single.update(value);
        }

        for (int trial = 0; trial < 20; trial++) {
            List<Moments> parts = randomSplit(values, 1 + random.nextInt(50), random);
            Collections.shuffle(parts, random);
            Moments merged = trial % 2 == 0 ? mergeLeftToRight(parts) : mergePairwise(parts);

            assertThat(merged.count()).isEqualTo(single.count());
            assertThat(merged.missing()).isEqualTo(single.missing());
            assertThat(merged.min()).isEqualTo(single.min());
            assertThat(merged.max()).isEqualTo(single.max());
            assertRelativelyClose(merged.mean(), single.mean());
            assertRelativelyClose(merged.sampleVariance(), single.sampleVariance());
            assertRelativelyClose(merged.populationVariance(), single.populationVariance());
        }
    }

    @Test
    void singlePassAgreesWithTwoPassReference() {
        Random random = new Random(7);
        double[] values = new double[50_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = 1e6 + random.nextDouble();
        }
        double mean = 0;
        for (double value : values) {
            mean += value;
        }
        mean /= values.length;
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }

        Moments moments = of(values);

        assertRelativelyClose(moments.mean(), mean);
        assertRelativelyClose(moments.sampleVariance(), squares / (values.length - 1));
        assertThat(moments.sampleVariance()).isCloseTo(1.0 / 12, within(0.01));
        double naive = 0;
        for (double value : values) {
            naive += value * value;
        }
        naive = (naive - values.length * mean * mean) / (values.length - 1);
        assertThat(Math.abs(naive - moments.sampleVariance())).as("the sum-of-squares formula loses digits here")
            .isGreaterThan(1e-9 * moments.sampleVariance());
    }

    @Test
    void mergeWithEmptyOrItselfIsWellDefined() {
        Moments moments = of(1, 2, 3, 4);
        byte[] before = moments.toBytes();

        assertThat(moments.merge(new Moments()).toBytes()).isEqualTo(before);
        assertThat(new Moments().merge(moments).toBytes()).isEqualTo(before);

        Moments doubled = moments.copy().merge(moments.copy());
        Moments self = moments.copy();
        self.merge(self);
        assertThat(self.toBytes()).isEqualTo(doubled.toBytes());
        assertThat(self.count()).isEqualTo(8);
        assertThat(self.populationVariance()).isEqualTo(1.25);
    }

    @Test
    void restoredMidStreamBehavesIdentically() {
        Random random = new Random(3);
        Moments original = new Moments();
        for (int i = 0; i < 1000; i++) {
            original.update(random.nextGaussian());
        }
        original.update(Double.NaN);
        Moments restored = Moments.fromBytes(original.toBytes());

        for (int i = 0; i < 1000; i++) {
            double value = random.nextGaussian() * 3;
            original.update(value);
            restored.update(value);
        }

        assertThat(restored.toBytes()).isEqualTo(original.toBytes());
        assertThat(restored.sampleVariance()).isEqualTo(original.sampleVariance());
        assertThat(restored.missing()).isEqualTo(1);
    }

    @Test
    void emptyStateRoundTrips() {
        Moments restored = Moments.fromBytes(new Moments().toBytes());
        assertThat(restored.count()).isZero();
        assertThat(restored.min()).isNaN();
        assertThat(restored.update(5).min()).isEqualTo(5.0);
    }

    @Test
    void refusesBytesOfAnotherKindOrInconsistentState() {
        byte[] other = StateCodec.encode("adwin", 1, out -> out.writeLong(1));
        assertThatThrownBy(() -> Moments.fromBytes(other)).isInstanceOf(StateFormatException.class)
            .hasMessageContaining("adwin");

        byte[] negativeVariance = StateCodec.encode(Moments.KIND, 1, out -> {
            out.writeLong(2);
            out.writeLong(0);
            out.writeDouble(1);
            out.writeDouble(-1);
            out.writeDouble(0);
            out.writeDouble(2);
        });
        assertThatThrownBy(() -> Moments.fromBytes(negativeVariance)).isInstanceOf(StateFormatException.class);

        byte[] bytes = of(1, 2).toBytes();
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 3);
        assertThatThrownBy(() -> Moments.fromBytes(truncated)).isInstanceOf(StateFormatException.class);
    }

    static Moments of(double... values) {
        Moments moments = new Moments();
        for (double value : values) {
            moments.update(value);
        }
        return moments;
    }

    private static List<Moments> randomSplit(double[] values, int parts, Random random) {
        List<Moments> result = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            result.add(new Moments());
        }
        for (double value : values) {
            result.get(random.nextInt(parts)).update(value);
        }
        return result;
    }

    private static Moments mergeLeftToRight(List<Moments> parts) {
        Moments merged = new Moments();
        for (Moments part : parts) {
            merged.merge(part);
        }
        return merged;
    }

    private static Moments mergePairwise(List<Moments> parts) {
        List<Moments> level = new ArrayList<>(parts);
        while (level.size() > 1) {
            List<Moments> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) {
                next.add(i + 1 < level.size() ? level.get(i).merge(level.get(i + 1)) : level.get(i));
            }
            level = next;
        }
        return level.get(0);
    }

    private static void assertRelativelyClose(double actual, double expected) {
        assertThat(actual).isCloseTo(expected, within(Math.abs(expected) * RELATIVE));
    }
}

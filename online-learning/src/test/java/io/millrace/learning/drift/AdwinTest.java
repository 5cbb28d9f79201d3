package io.millrace.learning.drift;

import moa.classifiers.core.driftdetection.ADWIN;
import moa.classifiers.core.driftdetection.ADWINChangeDetector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class AdwinTest {

    static Stream<Arguments> streams() {
        return Stream.of(
            Arguments.of("abrupt Bernoulli 0.2 -> 0.6, seed 1", Streams.abruptBernoulli(1, 40_000, 20_000, 0.2, 0.6)),
            Arguments.of("abrupt Bernoulli 0.1 -> 0.15, seed 2", Streams.abruptBernoulli(2, 60_000, 30_000, 0.1, 0.15)),
            Arguments.of("abrupt Bernoulli 0.3 -> 0.1, seed 3", Streams.abruptBernoulli(3, 40_000, 20_000, 0.3, 0.1)),
            Arguments.of("gradual Bernoulli 0.1 -> 0.4, seed 4", Streams.gradualBernoulli(4, 60_000, 20_000, 20_000, 0.1, 0.4)),
            Arguments.of("Gaussian 0 -> 0.5, sd 1, seed 5", Streams.gaussianShift(5, 40_000, 20_000, 0, 0.5, 1)),
            Arguments.of("Gaussian steps up and down, sd 1, seed 6", Streams.gaussianSteps(6, 60_000, 6_000, 1)),
            Arguments.of("Gaussian steps up and down, sd 3, seed 7", Streams.gaussianSteps(7, 60_000, 6_000, 3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void detectsAtExactlyTheIndicesOfMoasRawAdwin(String name, double[] values) {
        List<Long> moa = Moa.detections(new ADWIN(0.002), values);

        assertThat(moa).isNotEmpty();
        assertThat(Moa.ours(new Adwin(), values)).isEqualTo(moa);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void detectsAtExactlyTheIndicesOfMoasChangeDetectorWhenWatchingIncreases(String name, double[] values) {
        List<Long> moa = Moa.detections(new ADWINChangeDetector(), values);

        assertThat(Moa.ours(new Adwin(Adwin.Config.DEFAULTS.withDirection(Adwin.Direction.INCREASE)), values))
            .isEqualTo(moa);
    }

    @Test
    void tracksMoasWidthEstimationAndVarianceBitForBit() {
        double[] values = Streams.gaussianSteps(11, 30_000, 3_000, 2);
        ADWIN moa = new ADWIN(0.002);
        Adwin ours = new Adwin();
        for (double value : values) {
            assertThat(ours.update(value)).isEqualTo(moa.setInput(value));
            assertThat(ours.width()).isEqualTo(moa.getWidth());
            assertThat(ours.estimation()).isEqualTo(moa.getEstimation());
            assertThat(ours.variance()).isEqualTo(moa.getVariance());
            assertThat(ours.total()).isEqualTo(moa.getTotal());
        }
        assertThat(ours.detections()).isEqualTo(moa.getNumberDetections()).isPositive();
    }

    @Test
    void matchesMoaWithOtherDeltasAndClocks() {
        double[] values = Streams.gaussianSteps(12, 40_000, 4_000, 1.5);
        for (double delta : new double[] {0.1, 0.01, 0.0001}) {
            assertThat(Moa.ours(new Adwin(Adwin.Config.DEFAULTS.withDelta(delta)), values))
                .as("delta %s", delta)
                .isEqualTo(Moa.detections(new ADWIN(delta), values));
        }
        for (int clock : new int[] {1, 7, 100}) {
            Adwin.Config config = new Adwin.Config(0.002, clock, 5, 5, 10, Adwin.Direction.BOTH);
            assertThat(Moa.ours(new Adwin(config), values))
                .as("clock %s", clock)
                .isEqualTo(Moa.detections(new ADWIN(clock), values));
        }
    }

    @Test
    void detectsMoasSeaSwitchAtTheSameInstance() {
        double[] errors = Streams.seaErrors(1, 100_000, 50_000);
        List<Long> moa = Moa.detections(new ADWINChangeDetector(), errors);
        List<Long> ours = Moa.ours(new Adwin(Adwin.Config.DEFAULTS.withDirection(Adwin.Direction.INCREASE)), errors);

        assertThat(ours).isEqualTo(moa);
        assertThat(ours.stream().filter(i -> i >= 50_000).findFirst()).hasValue(50_207L);
    }

    @Test
    void followsTheNewMeanAfterAnAbruptChange() {
        Adwin adwin = new Adwin();
        double[] values = Streams.abruptBernoulli(21, 40_000, 20_000, 0.2, 0.6);
        for (double value : values) {
            adwin.update(value);
        }
        assertThat(adwin.width()).isLessThan(20_000);
        assertThat(adwin.estimation()).isBetween(0.58, 0.62);
        assertThat(adwin.statistic()).isGreaterThan(adwin.threshold());
        assertThat(adwin.windowDescription()).contains(Long.toString(adwin.width()));
    }

    @Test
    void neverWarnsAndResetForgetsEverything() {
        Adwin adwin = new Adwin();
        byte[] fresh = adwin.toBytes();
        for (double value : Streams.abruptBernoulli(22, 5_000, 2_500, 0.1, 0.7)) {
            adwin.update(value);
            assertThat(adwin.isWarningZone()).isFalse();
        }
        adwin.reset();

        assertThat(adwin.toBytes()).isEqualTo(fresh);
        assertThat(adwin.width()).isZero();
        assertThat(adwin.estimation()).isNaN();
    }
}

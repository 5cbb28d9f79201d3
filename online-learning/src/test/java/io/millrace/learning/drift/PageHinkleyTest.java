package io.millrace.learning.drift;

import moa.classifiers.core.driftdetection.PageHinkleyDM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class PageHinkleyTest {

    static Stream<Arguments> streams() {
        return Stream.of(
            Arguments.of("abrupt Bernoulli 0.2 -> 0.6, seed 1", Streams.abruptBernoulli(1, 40_000, 20_000, 0.2, 0.6)),
            Arguments.of("abrupt Bernoulli 0.1 -> 0.3, seed 2", Streams.abruptBernoulli(2, 60_000, 30_000, 0.1, 0.3)),
            Arguments.of("gradual Bernoulli 0.1 -> 0.5, seed 4", Streams.gradualBernoulli(4, 60_000, 20_000, 20_000, 0.1, 0.5)),
            Arguments.of("Gaussian 0 -> 0.5, sd 1, seed 5", Streams.gaussianShift(5, 40_000, 20_000, 0, 0.5, 1)),
            Arguments.of("Gaussian steps, sd 1, seed 6", Streams.gaussianSteps(6, 60_000, 6_000, 1)),
            Arguments.of("MOA Hoeffding tree errors on SEA 1 -> 4", Streams.seaErrors(1, 100_000, 50_000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void detectsAtExactlyMoasIndices(String name, double[] values) {
        List<Long> moa = Moa.detections(new PageHinkleyDM(), values);

        assertThat(moa).isNotEmpty();
        assertThat(Moa.ours(new PageHinkley(), values)).isEqualTo(moa);
    }

    @Test
    void detectsAtExactlyMoasIndicesWithOtherParameters() {
        double[] values = Streams.gaussianSteps(8, 60_000, 5_000, 1);
        PageHinkleyDM moa = new PageHinkleyDM();
        moa.minNumInstancesOption.setValue(100);
        moa.deltaOption.setValue(0.05);
        moa.lambdaOption.setValue(20);
        moa.alphaOption.setValue(0.999);
        List<Long> expected = Moa.detections(moa, values);

        assertThat(expected).hasSizeGreaterThan(3);
        assertThat(Moa.ours(new PageHinkley(new PageHinkley.Config(100, 0.05, 20, 0.999)), values)).isEqualTo(expected);
    }

    @Test
    void estimatesAndStatisticsFollowMoasStepByStep() {
        PageHinkleyDM moa = new PageHinkleyDM();
        PageHinkley ours = new PageHinkley();
        for (double value : Streams.abruptBernoulli(9, 20_000, 10_000, 0.2, 0.5)) {
            moa.input(value);
            assertThat(ours.update(value)).isEqualTo(moa.getChange());
            assertThat(ours.estimation()).isEqualTo(moa.getEstimation());
            assertThat(ours.isWarningZone()).isEqualTo(moa.getWarningZone());
        }
    }

    @Test
    void defaultsAreMoas() {
        PageHinkleyDM moa = new PageHinkleyDM();
        PageHinkley.Config ours = PageHinkley.Config.DEFAULTS;

        assertThat(ours.minInstances()).isEqualTo(moa.minNumInstancesOption.getValue());
        assertThat(ours.delta()).isEqualTo(moa.deltaOption.getValue());
        assertThat(ours.lambda()).isEqualTo(moa.lambdaOption.getValue());
        assertThat(ours.alpha()).isEqualTo(moa.alphaOption.getValue());
    }

    @Test
    void pinsTheSeaSwitchDetectionAndStartsAfreshAfterIt() {
        PageHinkley detector = new PageHinkley();
        List<Long> detections = Moa.ours(detector, Streams.seaErrors(1, 100_000, 50_000));

        assertThat(detections.stream().filter(i -> i >= 50_000).findFirst()).hasValue(52_282L);
        PageHinkley fresh = new PageHinkley();
        detector = new PageHinkley();
        double[] values = Streams.abruptBernoulli(10, 3_000, 1_000, 0.1, 0.8);
        long first = Moa.ours(detector, values).get(0);
        detector = new PageHinkley();
        for (int i = 0; i <= first; i++) {
            detector.update(values[i]);
        }
        assertThat(detector.statistic()).isGreaterThan(detector.threshold());
        detector.update(values[(int) first + 1]);
        fresh.update(values[(int) first + 1]);
        assertThat(detector.estimation()).isEqualTo(fresh.estimation());
        assertThat(detector.statistic()).isEqualTo(fresh.statistic());
    }
}

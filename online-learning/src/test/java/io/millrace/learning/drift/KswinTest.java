package io.millrace.learning.drift;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * MOA 2024.07 has no KSWIN, so the oracle is an independent Python version of the same procedure that
 * uses SciPy's {@code ks_2samp(method="exact")} for the test ({@code kswin_reference.py} in the test
 * resources): same streams, same seeded sampling, and the detection indices it printed are pinned here.
 */
class KswinTest {

    @Test
    void detectsWhereTheScipyReferenceDoesOnAShiftedUniformStream() {
        double[] values = uniformShift(2024, 1200, 600, 0.4);

        assertThat(Moa.ours(new Kswin(), values)).containsExactly(247L, 626L, 752L);
    }

    @Test
    void detectsWhereTheScipyReferenceDoesOnZeroOneErrorsFullOfTies() {
        double[] values = bernoulli(7, 1000, 500, 0.2, 0.6);

        assertThat(Moa.ours(new Kswin(), values)).containsExactly(521L);
    }

    @Test
    void raisesTheScipyReferencesFalseAlarmsOnAStationaryStream() {
        double[] values = uniformShift(99, 3000, 3000, 0.0);

        assertThat(Moa.ours(new Kswin(), values)).containsExactly(1835L, 2787L);
    }

    @Test
    void detectsWhereTheScipyReferenceDoesWithOtherParameters() {
        double[] values = uniformShift(5, 2000, 1000, 0.25);
        Kswin kswin = new Kswin(new Kswin.Config(0.01, 200, 50, 7));

        assertThat(Moa.ours(kswin, values)).containsExactly(352L, 552L, 799L, 1029L);
    }

    @ParameterizedTest(name = "n={0}, h={1}")
    @CsvSource({
        "30, 1, 1.0",
        "30, 5, 0.8079631540901643",
        "30, 9, 0.13500350250095441",
        "30, 15, 0.0008995776840176799",
        "30, 30, 1.6911233892144742e-17",
        "50, 12, 0.11238524845512393",
        "100, 20, 0.03638428787491733"})
    void exactPValuesAgreeWithScipy(int n, int h, double scipy) {
        double[] first = IntStream.range(0, n).asDoubleStream().toArray();
        double[] second = IntStream.range(0, n).mapToDouble(i -> i + h).toArray();

        KolmogorovSmirnov.Result result = KolmogorovSmirnov.testSorting(first, second);

        assertThat(result.statistic()).isEqualTo((double) h / n);
        assertThat(result.pValue()).isCloseTo(scipy, within(1e-12 + 1e-12 * scipy));
    }

    @Test
    void detectsAShiftSoonAfterItWhateverTheSeed() {
        for (long seed = 1; seed <= 20; seed++) {
            double[] values = uniformShift(seed + 100, 1000, 500, 0.6);
            List<Long> detections = Moa.ours(new Kswin(Kswin.Config.DEFAULTS.withSeed(seed)), values);

            assertThat(detections).as("seed %s", seed).anyMatch(i -> i >= 500 && i < 600);
        }
    }

    @Test
    void testsOnlyOnceTheWindowIsFullAndKeepsTheNewestAfterAChange() {
        Kswin kswin = new Kswin();
        double[] values = uniformShift(2024, 1200, 600, 0.4);
        for (int i = 0; i < 99; i++) {
            assertThat(kswin.update(values[i])).isFalse();
            assertThat(kswin.statistic()).isNaN();
        }
        kswin.update(values[99]);
        assertThat(kswin.statistic()).isBetween(0.0, 1.0);
        assertThat(kswin.distance()).isBetween(0.0, 1.0);
        for (int i = 100; i <= 626; i++) {
            kswin.update(values[i]);
        }
        assertThat(kswin.windowLength()).isEqualTo(100);
        assertThat(kswin.statistic()).isLessThanOrEqualTo(kswin.threshold());
        kswin.update(values[627]);
        assertThat(kswin.windowLength()).isEqualTo(31);
    }

    static double[] uniformShift(long seed, int length, int changeAt, double shift) {
        SplitMix64 random = new SplitMix64(seed);
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = uniform(random) + (i >= changeAt ? shift : 0.0);
        }
        return values;
    }

    static double[] bernoulli(long seed, int length, int changeAt, double before, double after) {
        SplitMix64 random = new SplitMix64(seed);
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = uniform(random) < (i < changeAt ? before : after) ? 1.0 : 0.0;
        }
        return values;
    }

    private static double uniform(SplitMix64 random) {
        return (random.nextLong() >>> 11) * 0x1.0p-53;
    }
}

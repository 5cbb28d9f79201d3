package io.millrace.speed.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

/** Statistics computed the plain two-pass way, to check the speed layer's against. */
record Exact(long count, double mean, double variance, double min, double max) {

    static Exact of(List<Double> values) {
        int n = values.size();
        double sum = 0;
        double min = Double.NaN;
        double max = Double.NaN;
        for (double x : values) {
            sum += x;
            min = Double.isNaN(min) ? x : Math.min(min, x);
            max = Double.isNaN(max) ? x : Math.max(max, x);
        }
        double mean = n == 0 ? Double.NaN : sum / n;
        double squares = 0;
        for (double x : values) {
            squares += (x - mean) * (x - mean);
        }
        return new Exact(n, mean, n < 2 ? Double.NaN : squares / (n - 1), min, max);
    }

    /** Asserts {@code summary} holds these numeric statistics (relative 1e-9 for mean and variance). */
    void assertMatches(StatsSummary summary, String what) {
        assertThat(summary.count()).as(what + " count").isEqualTo(count);
        assertClose(summary.mean(), mean, what + " mean");
        assertClose(summary.variance(), variance, what + " variance");
        assertThat(summary.min()).as(what + " min").isEqualTo(min);
        assertThat(summary.max()).as(what + " max").isEqualTo(max);
    }

    static void assertClose(double actual, double expected, String what) {
        if (Double.isNaN(expected)) {
            assertThat(actual).as(what).isNaN();
        } else {
            assertThat(actual).as(what).isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
        }
    }
}

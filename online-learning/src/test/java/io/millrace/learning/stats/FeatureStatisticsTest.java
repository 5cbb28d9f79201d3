package io.millrace.learning.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.millrace.learning.InvalidInputException;
import io.millrace.learning.StateFormatException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FeatureStatisticsTest {

    @BeforeEach
    void seedCompaction() {
        KllSeed.seed(1234L);
    }

    @Test
    void mergeOfRandomSplitsMatchesTheSinglePass() {
        Random random = new Random(17);
        double[] values = new double[100_000];
        for (int i = 0; i < values.length; i++) {
            // amounts rounded to cents: many repeated values, some missing
            values[i] = i % 50 == 0 ? Double.NaN : Math.round(Math.exp(3 + random.nextGaussian()) * 100) / 100.0;
        }
        FeatureStatistics single = new FeatureStatistics();
        FeatureStatistics[] parts = new FeatureStatistics[12];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = new FeatureStatistics();
        }
        for (double value : values) {
            single.update(value);
            parts[random.nextInt(parts.length)].update(value);
        }
        FeatureStatistics merged = new FeatureStatistics();
        for (int i = parts.length - 1; i >= 0; i--) {
            merged.merge(FeatureStatistics.fromBytes(parts[i].toBytes()));
        }

        double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        Set<Double> distinct = new HashSet<>();
        for (double value : present) {
            distinct.add(value);
        }
        assertThat(merged.count()).isEqualTo(single.count()).isEqualTo(present.length);
        assertThat(merged.missing()).isEqualTo(single.missing()).isEqualTo(2000);
        assertThat(merged.min()).isEqualTo(single.min()).isEqualTo(present[0]);
        assertThat(merged.max()).isEqualTo(single.max()).isEqualTo(present[present.length - 1]);
        assertThat(merged.mean()).isCloseTo(single.mean(), within(single.mean() * 1e-9));
        assertThat(merged.sampleVariance()).isCloseTo(single.sampleVariance(), within(single.sampleVariance() * 1e-9));
        assertThat(merged.populationVariance())
            .isCloseTo(single.populationVariance(), within(single.populationVariance() * 1e-9));
        QuantileSketch quantiles = merged.quantiles();
        assertThat(QuantileSketchTest.maxRankError(quantiles, present)).isLessThanOrEqualTo(quantiles.normalizedRankError());
        assertThat(merged.distinctEstimate()).isEqualTo(single.distinctEstimate());
        assertThat(merged.distinct().lowerBound(3)).isLessThanOrEqualTo(distinct.size());
        assertThat(merged.distinct().upperBound(3)).isGreaterThanOrEqualTo(distinct.size());
    }

    @Test
    void missingValuesAreCountedButNotSketched() {
        FeatureStatistics statistics = new FeatureStatistics().update(1).update(Double.NaN).update(3);

        assertThat(statistics.count()).isEqualTo(2);
        assertThat(statistics.missing()).isEqualTo(1);
        assertThat(statistics.quantiles().count()).isEqualTo(2);
        assertThat(statistics.distinctEstimate()).isCloseTo(2, within(0.001));
        assertThat(statistics.quantile(0.5)).isEqualTo(1.0);
    }

    @Test
    void infinityIsRefusedBeforeAnyPartChanges() {
        FeatureStatistics statistics = new FeatureStatistics().update(1).update(2);
        byte[] before = statistics.toBytes();

        assertThatThrownBy(() -> statistics.update(Double.POSITIVE_INFINITY)).isInstanceOf(InvalidInputException.class);

        assertThat(statistics.toBytes()).isEqualTo(before);
    }

    @Test
    void accessorsReturnCopiesThatCannotChangeTheState() {
        FeatureStatistics statistics = new FeatureStatistics().update(1);
        byte[] before = statistics.toBytes();

        statistics.moments().update(5);
        statistics.quantiles().update(5);
        statistics.distinct().update(5.0);

        assertThat(statistics.toBytes()).isEqualTo(before);
    }

    @Test
    void restoredMidStreamBehavesIdentically() {
        Random random = new Random(23);
        FeatureStatistics original = new FeatureStatistics(new SketchConfig(100, 11));
        for (int i = 0; i < 20_000; i++) {
            original.update(random.nextGaussian());
        }
        FeatureStatistics restored = FeatureStatistics.fromBytes(original.toBytes());
        assertThat(restored.toBytes()).isEqualTo(original.toBytes());

        double[] rest = random.doubles(20_000).toArray();
        KllSeed.seed(8);
        for (double value : rest) {
            original.update(value);
        }
        KllSeed.seed(8);
        for (double value : rest) {
            restored.update(value);
        }

        assertThat(restored.toBytes()).isEqualTo(original.toBytes());
        assertThat(restored.quantiles().k()).isEqualTo(100);
        assertThat(restored.distinct().lgK()).isEqualTo(11);
    }

    @Test
    void refusesTruncatedOrStrayBytes() {
        byte[] bytes = new FeatureStatistics().update(4).toBytes();
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 1);
        byte[] stray = Arrays.copyOf(bytes, bytes.length + 1);

        assertThatThrownBy(() -> FeatureStatistics.fromBytes(truncated)).isInstanceOf(StateFormatException.class);
        assertThatThrownBy(() -> FeatureStatistics.fromBytes(stray)).isInstanceOf(StateFormatException.class);
        assertThatThrownBy(() -> new SketchConfig(200, 30)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dataSketchesSixTwoRunsOnThisJvmWithoutFlags() {
        assertThat(Runtime.version().feature()).isGreaterThanOrEqualTo(17);
        assertThat(ManagementFactory.getRuntimeMXBean().getInputArguments())
            .noneMatch(argument -> argument.startsWith("--add-modules") || argument.startsWith("--add-opens")
                || argument.startsWith("--add-exports") || argument.startsWith("--enable-preview"));
        assertThat(KllDoublesSketch.class.getProtectionDomain().getCodeSource().getLocation().getPath())
            .endsWith("datasketches-java-6.2.0.jar");

        FeatureStatistics statistics = new FeatureStatistics();
        for (int i = 0; i < 50_000; i++) {
            statistics.update(i);
        }
        FeatureStatistics restored = FeatureStatistics.fromBytes(statistics.toBytes());

        assertThat(restored.quantile(0.5)).isCloseTo(25_000, within(50_000 * restored.quantiles().normalizedRankError()));
        assertThat(restored.distinctEstimate()).isCloseTo(50_000, within(50_000 * 0.05));
    }
}

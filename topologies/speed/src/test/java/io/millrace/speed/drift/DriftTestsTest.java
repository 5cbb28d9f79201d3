package io.millrace.speed.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.millrace.learning.StateFormatException;
import io.millrace.learning.distribution.DriftResult;
import io.millrace.learning.distribution.KolmogorovSmirnov;
import io.millrace.learning.distribution.Psi;
import io.millrace.learning.stats.QuantileSketch;
import io.millrace.speed.config.FeatureDriftConfig;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tests on one window, the reference's categories and the bytes of what the watch stores. */
class DriftTestsTest {
    private static final Instant FROM = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant TO = Instant.parse("2026-03-01T13:00:00Z");

    @Test
    void categoricalPsiIsTheSumOverTheReferencesCategoriesAndOther() {
        FeatureReference reference = FeatureReference.categorical("country", "stream", FROM, TO, Map.of("A", 50L, "B", 50L), 0);

        DriftResult shifted = DriftTests.categoricalPsi(reference, sample(Map.of("A", 25L, "B", 75L)), Psi.Config.DEFAULT);
        // (0.25 - 0.5) ln(0.5) + (0.75 - 0.5) ln(1.5); "other" is 1e-4 on both sides
        assertThat(shifted.statistic()).isCloseTo(0.25 * Math.log(2) + 0.25 * Math.log(1.5), within(1e-12));
        assertThat(shifted.drifted()).isTrue();
        assertThat(shifted.reference()).isEqualTo(100);
        assertThat(shifted.current()).isEqualTo(100);

        // a category the reference never saw counts in "other", whose reference share is the 1e-4 floor
        DriftResult newCategory = DriftTests.categoricalPsi(reference, sample(Map.of("A", 40L, "B", 40L, "C", 20L)),
                Psi.Config.DEFAULT);
        double expected = 2 * (0.4 - 0.5) * Math.log(0.8) + (0.2 - 1e-4) * Math.log(0.2 / 1e-4);
        assertThat(newCategory.statistic()).isCloseTo(expected, within(1e-12));

        DriftResult same = DriftTests.categoricalPsi(reference, sample(Map.of("B", 10L, "A", 10L)), Psi.Config.DEFAULT);
        assertThat(same.statistic()).isZero();
        assertThat(same.drifted()).isFalse();
    }

    @Test
    void numericFeaturesGetPsiAndKsFromTheLibraryAndSmallSidesAreNotJudged() {
        FeatureDriftConfig config = FeatureDriftConfig.defaults();
        DriftTests tests = new DriftTests(config);
        QuantileSketch low = new QuantileSketch();
        FeatureSample high = new FeatureSample(100);
        for (int i = 0; i < 300; i++) {
            low.update(i);
            high.addValue((double) (i + 150));
        }
        FeatureReference reference = FeatureReference.numeric("amount", "stream", FROM, TO, low);

        assertThat(tests.detectorsFor(reference)).containsExactly("psi", "ks");
        assertThat(tests.judges(reference, high)).isTrue();
        DriftResult ks = tests.run("ks", reference, high);
        assertThat(ks).isEqualTo(new KolmogorovSmirnov(config.ks()).compare(low, high.numbers()));
        assertThat(ks.statistic()).isCloseTo(0.5, within(0.03));
        assertThat(tests.run("psi", reference, high).drifted()).isTrue();

        FeatureSample few = new FeatureSample(100);
        for (int i = 0; i < 199; i++) {
            few.addValue((double) i);
        }
        few.addValue("a category does not count for a numeric reference");
        few.addValue(null);
        assertThat(tests.judges(reference, few)).isFalse();
        assertThat(tests.judges(reference, null)).isFalse();
    }

    @Test
    void aSampleCountsItsFirstCategoriesExactlyAndTheRestAsOther() {
        FeatureSample sample = new FeatureSample(2);
        for (String category : new String[] {"a", "b", "c", "a", "d", "b", "a"}) {
            sample.addValue(category);
        }
        sample.addValue(Double.NaN);
        assertThat(sample.categories()).isEqualTo(Map.of("a", 3L, "b", 2L));
        assertThat(sample.otherCategories()).isEqualTo(2);
        assertThat(sample.categoricalCount()).isEqualTo(7);
        assertThat(sample.numericCount()).isZero();

        FeatureReference reference = FeatureReference.of("f", "stream", FROM.toEpochMilli(), TO.toEpochMilli(), sample, 1);
        assertThat(reference.isNumeric()).isFalse();
        assertThat(reference.categories()).isEqualTo(Map.of("a", 3L));
        assertThat(reference.otherCategories()).isEqualTo(4);
        assertThat(reference.count()).isEqualTo(7);
    }

    @Test
    void referencesFlagsAndProgressRoundTripThroughBytesAndRefuseOtherBytes() {
        QuantileSketch sketch = new QuantileSketch();
        for (int i = 0; i < 1000; i++) {
            sketch.update(i * 0.5);
        }
        FeatureReference numeric = FeatureReference.numeric("amount", "batch", FROM, TO, sketch);
        FeatureReference restored = FeatureReference.fromBytes(numeric.toBytes());
        assertThat(restored.toString()).isEqualTo(numeric.toString());
        assertThat(restored.numbers().toSketchBytes()).isEqualTo(sketch.toSketchBytes());

        LinkedHashMap<String, Long> counts = new LinkedHashMap<>();
        counts.put("US", 7L);
        counts.put("", 2L);
        FeatureReference categorical = FeatureReference.categorical("country", "stream", FROM, TO, counts, 3);
        FeatureReference back = FeatureReference.fromBytes(categorical.toBytes());
        assertThat(back.categories()).containsExactly(Map.entry("US", 7L), Map.entry("", 2L));
        assertThat(back.otherCategories()).isEqualTo(3);
        assertThat(back.from()).isEqualTo(FROM);
        assertThat(back.to()).isEqualTo(TO);
        assertThat(back.source()).isEqualTo("stream");

        DriftFlag flag = new DriftFlag(true, TO.toEpochMilli(), 0.42);
        assertThat(DriftFlag.fromBytes(flag.toBytes())).isEqualTo(flag);
        assertThat(DriftFlag.fromBytes(null)).isEqualTo(DriftFlag.NONE);
        DriftProgress progress = DriftProgress.ready(FROM.toEpochMilli(), TO.toEpochMilli(), TO.toEpochMilli() + 300_000);
        assertThat(DriftProgress.fromBytes(progress.toBytes())).isEqualTo(progress);

        assertThatThrownBy(() -> FeatureReference.fromBytes(flag.toBytes())).isInstanceOf(StateFormatException.class);
        assertThatThrownBy(() -> DriftFlag.fromBytes(progress.toBytes())).isInstanceOf(StateFormatException.class);
        assertThat(DriftFlag.isFlagKey(DriftFlag.key("ks", "a:b"))).isTrue();
        assertThat(DriftFlag.isFlagKey(DriftProgress.KEY)).isFalse();
    }

    private static FeatureSample sample(Map<String, Long> counts) {
        FeatureSample sample = new FeatureSample(100);
        counts.forEach((category, count) -> {
            for (long i = 0; i < count; i++) {
                sample.addValue(category);
            }
        });
        return sample;
    }
}

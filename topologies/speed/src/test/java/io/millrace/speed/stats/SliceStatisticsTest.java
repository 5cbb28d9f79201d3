package io.millrace.speed.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.millrace.learning.InvalidInputException;
import io.millrace.learning.StateFormatException;
import io.millrace.speed.stats.RollingStatsQueries.Windows;
import java.util.Arrays;
import java.util.Random;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The store values: round trips, lazy decoding, lateness parts, merges and bad input. */
class SliceStatisticsTest {

    @Test
    void bytesRoundTripAndTheRestoredSliceGoesOnExactlyAsTheOriginal() {
        Random random = new Random(3);
        SliceStatistics original = new SliceStatistics();
        for (int i = 0; i < 5_000; i++) {
            Object value = switch (i % 5) {
                case 0 -> null;
                case 1 -> "cat-" + random.nextInt(8);
                default -> random.nextGaussian() * 10;
            };
            original.add(value, i % 50 == 0 ? 3 : 0, 4);
        }
        SliceStatistics restored = SliceStatistics.fromBytes(original.toBytes());
        assertThat(restored.toBytes()).isEqualTo(original.toBytes());
        for (int i = 0; i < 1_000; i++) {
            double x = random.nextDouble();
            original.add(x, 0, 4);
            restored.add(x, 0, 4);
        }
        // KLL compaction draws from DataSketches' JVM-wide Random: exact parts agree exactly, quantiles within the rank error
        StatsSummary a = StatsSummary.of(original.all(new ValueStatistics(), 4));
        ValueStatistics restoredAll = restored.all(new ValueStatistics(), 4);
        StatsSummary b = StatsSummary.of(restoredAll);
        assertThat(b).usingRecursiveComparison().ignoringFields("p50", "p90", "p99").isEqualTo(a);
        assertThat(restoredAll.numeric().rank(a.p50())).isCloseTo(0.5, within(0.02));
        assertThat(restoredAll.numeric().rank(a.p90())).isCloseTo(0.9, within(0.02));
        assertThat(a.categories()).hasSize(4);
        assertThat(a.missing()).isEqualTo(1_000);
    }

    @Test
    void aDecodedSliceReadsItsMomentsWithoutDecodingItsSketchesAndCopiesThemUnchanged() {
        SliceStatistics slice = new SliceStatistics().add(1.0, 0, 10).add(3.0, 0, 10).add("x", 0, 10);
        SliceStatistics decoded = SliceStatistics.fromBytes(slice.toBytes());
        ValueStatistics exact = decoded.allExact(new ValueStatistics());
        assertThat(exact.count()).isEqualTo(3);
        assertThat(exact.moments().mean()).isEqualTo(2.0);
        assertThat(decoded.copy().toBytes()).isEqualTo(slice.toBytes());
    }

    @Test
    void valuesAreOnTimeForTheWindowsThatWereStillOpenWhenTheyArrivedFamilyByFamily() {
        SliceStatistics slice = new SliceStatistics()
                .add(1.0, Lateness.ON_TIME, 10)                       // before any window closed
                .add(2.0, Lateness.of(0, 2), 10)                      // after the first two hopping windows closed
                .add(4.0, Lateness.of(1, 12), 10)                     // after the tumbling window and every hopping one
                .add(8.0, Lateness.of(Lateness.EXPIRED, 3), 10);      // past the tumbling retention, in the hopping windows
        assertThat(sum(slice.onTimeFor(Windows.HOPPING, 0, new ValueStatistics(), 10))).isCloseTo(1.0, within(1e-9));
        assertThat(sum(slice.lateFor(Windows.HOPPING, 0, new ValueStatistics(), 10))).isCloseTo(14.0, within(1e-9));
        assertThat(sum(slice.onTimeFor(Windows.HOPPING, 2, new ValueStatistics(), 10))).isCloseTo(3.0, within(1e-9));
        assertThat(sum(slice.onTimeFor(Windows.HOPPING, 11, new ValueStatistics(), 10))).isCloseTo(11.0, within(1e-9));
        assertThat(sum(slice.lateFor(Windows.HOPPING, 11, new ValueStatistics(), 10))).isCloseTo(4.0, within(1e-9));
        assertThat(sum(slice.onTimeFor(Windows.TUMBLING, 0, new ValueStatistics(), 10))).isCloseTo(3.0, within(1e-9));
        assertThat(sum(slice.lateFor(Windows.TUMBLING, 0, new ValueStatistics(), 10))).isCloseTo(4.0, within(1e-9));
        assertThat(sum(slice.all(new ValueStatistics(), 10))).isCloseTo(15.0, within(1e-9));
        SliceStatistics read = SliceStatistics.fromBytes(slice.toBytes());
        assertThat(sum(read.lateFor(Windows.TUMBLING, 0, new ValueStatistics(), 10))).isCloseTo(4.0, within(1e-9));
        assertThatThrownBy(() -> Lateness.of(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Lateness.of(0, Lateness.EXPIRED + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static double sum(ValueStatistics values) {
        return values.moments().sum();
    }

    @Test
    void mergingSlicesMergesPartByPartAndLeavesTheOtherUnchanged() {
        SliceStatistics a = new SliceStatistics().add(1.0, 0, 10).add("NZ", 0, 10);
        SliceStatistics b = new SliceStatistics().add(5.0, 0, 10).add(9.0, 1, 10).add("AU", 0, 10);
        byte[] before = b.toBytes();
        a.merge(b, 10);
        assertThat(b.toBytes()).isEqualTo(before);
        StatsSummary all = StatsSummary.of(a.all(new ValueStatistics(), 10));
        assertThat(all.count()).isEqualTo(5);
        assertThat(all.mean()).isEqualTo(5.0);
        assertThat(all.categories()).containsOnlyKeys("NZ", "AU");
        assertThat(a.parts()).containsOnlyKeys(0, 1);
        a.merge(a, 10);
        assertThat(StatsSummary.of(a.all(new ValueStatistics(), 10)).count()).isEqualTo(10);
    }

    @Test
    void categoriesBeyondTheCapAreCountedTogetherAndStillSketched() {
        CategoryCounts counts = new CategoryCounts();
        for (String category : new String[] {"a", "b", "c", "a", "", "d", ""}) {
            counts.add(category, 2);
        }
        assertThat(counts.counts()).containsExactly(java.util.Map.entry("a", 2L), java.util.Map.entry("b", 1L));
        assertThat(counts.other()).isEqualTo(4);
        assertThat(counts.total()).isEqualTo(7);
        assertThat(counts.distinctEstimate()).isCloseTo(5.0, within(0.01));
    }

    @Test
    void anInfiniteValueIsRefusedAndChangesNothing() {
        SliceStatistics slice = new SliceStatistics().add(1.0, 0, 10);
        byte[] before = slice.toBytes();
        assertThatThrownBy(() -> slice.add(Double.POSITIVE_INFINITY, 0, 10)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> slice.add(java.util.List.of(), 0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThat(slice.toBytes()).isEqualTo(before);
        slice.add(Double.NaN, 0, 10);
        assertThat(slice.all(new ValueStatistics(), 10).missing()).isEqualTo(1);
    }

    @Test
    void corruptBytesAreRefusedWithAFormatError() {
        byte[] bytes = new SliceStatistics().add(1.0, 0, 10).add("x", 1, 10).toBytes();
        assertThatThrownBy(() -> SliceStatistics.fromBytes(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(StateFormatException.class);
        byte[] flipped = bytes.clone();
        flipped[5] ^= 0x40;
        assertThatThrownBy(() -> SliceStatistics.fromBytes(flipped)).isInstanceOf(StateFormatException.class);
        assertThatThrownBy(() -> SliceStatistics.fromBytes(new byte[] {1, 2})).isInstanceOf(StateFormatException.class);
    }

    @Test
    void keysRoundTripGlobalAndPerEntity() {
        for (StatsKey key : new StatsKey[] {StatsKey.global("amount"), StatsKey.of("acct-ü-1", "amount"),
                StatsKey.of("", "f"), StatsKey.global("")}) {
            assertThat(StatsKey.serde().deserializer().deserialize("t", StatsKey.serde().serializer().serialize("t", key)))
                    .isEqualTo(key);
        }
        assertThat(StatsKey.global("a")).isNotEqualTo(StatsKey.of("", "a"));
        assertThatThrownBy(() -> StatsKey.fromBytes(new byte[] {1, 0, 0, 0, 9, 'x'})).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> StatsKey.fromBytes(new byte[] {7})).isInstanceOf(SerializationException.class);
    }
}

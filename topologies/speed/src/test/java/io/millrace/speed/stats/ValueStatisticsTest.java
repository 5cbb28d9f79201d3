package io.millrace.speed.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.millrace.learning.Encoding;
import io.millrace.learning.StateCodec;
import io.millrace.learning.StateFormatException;
import io.millrace.learning.stats.FeatureStatistics;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A slice's numbers past {@link ValueStatistics#RAW_LIMIT}: the sketch with the tail of numbers after it. */
class ValueStatisticsTest {

    private static final int LIMIT = ValueStatistics.RAW_LIMIT;

    @Test
    void everyCountOfNumbersRoundTripsAndReadsAsTheSketchOfAllOfThem() {
        Random random = new Random(11);
        SliceStatistics slice = new SliceStatistics();
        FeatureStatistics expected = new FeatureStatistics();
        for (int n = 1; n <= 150; n++) {
            double x = Math.round(random.nextGaussian() * 1000) / 10.0;
            slice.add(x, 0, 10);
            expected.update(x);
            SliceStatistics restored = SliceStatistics.fromBytes(slice.toBytes());
            assertThat(restored.toBytes()).as("%d numbers", n).isEqualTo(slice.toBytes());
            // below KLL's k every value is kept, so the sketch read back holds exactly the numbers added
            FeatureStatistics read = restored.all(new ValueStatistics(), 10).numeric();
            assertThat(read.count()).isEqualTo(n);
            for (double rank : new double[] {0.0, 0.1, 0.5, 0.9, 1.0}) {
                assertThat(read.quantile(rank)).as("%d numbers, rank %s", n, rank).isEqualTo(expected.quantile(rank));
            }
            assertThat(read.distinctEstimate()).isEqualTo(expected.distinctEstimate());
            assertThat(read.mean()).isCloseTo(expected.mean(), within(1e-9));
        }
    }

    @Test
    void betweenTwoFoldsAWriteAddsOnlyTheNewNumbersToTheSketchsBytes() {
        ValueStatistics values = new ValueStatistics();
        for (int i = 0; i <= LIMIT; i++) {
            values.add((double) i, 10);   // the 17th number makes the sketch
        }
        int withoutTail = bytesOf(values).length;
        for (int tail = 1; tail <= LIMIT; tail++) {
            values.add(1000.0 + tail, 10);
            assertThat(bytesOf(values).length).as("%d numbers after the sketch", tail)
                    .isEqualTo(withoutTail + 1 + 8 * tail);
        }
        values.add(5000.0, 10);   // the tail was full: all of it goes into the sketch
        assertThat(bytesOf(values).length).isNotEqualTo(withoutTail + 1 + 8 * (LIMIT + 1));
        assertThat(values.numeric().count()).isEqualTo(2 * LIMIT + 2);
    }

    @Test
    void aMergeTakesTheTailAndLeavesItsSourceAsItWas() {
        SliceStatistics source = new SliceStatistics();
        for (int i = 0; i < LIMIT + 6; i++) {
            source.add((double) i, 0, 10);
        }
        SliceStatistics decoded = SliceStatistics.fromBytes(source.toBytes());
        byte[] before = decoded.toBytes();
        ValueStatistics merged = new ValueStatistics();
        decoded.all(merged, 10);
        decoded.all(merged, 10);
        assertThat(decoded.toBytes()).isEqualTo(before);
        FeatureStatistics sketch = merged.numeric();
        assertThat(sketch.count()).isEqualTo(2L * (LIMIT + 6));
        assertThat(sketch.max()).isEqualTo(LIMIT + 5.0);
        assertThat(sketch.quantile(1.0)).isEqualTo(LIMIT + 5.0);
        assertThat(sketch.distinctEstimate()).isCloseTo(LIMIT + 6.0, within(0.01));
    }

    @Test
    void aCopyGoesOnWithoutChangingTheOriginal() {
        SliceStatistics original = new SliceStatistics();
        for (int i = 0; i < LIMIT + 3; i++) {
            original.add((double) i, 0, 10);
        }
        byte[] before = original.toBytes();
        SliceStatistics copy = original.copy();
        for (int i = 0; i < 3 * LIMIT; i++) {
            copy.add(-1.0 - i, 0, 10);
        }
        assertThat(original.toBytes()).isEqualTo(before);
        assertThat(copy.all(new ValueStatistics(), 10).numeric().count()).isEqualTo(4L * LIMIT + 3);
    }

    @Test
    void slicesWrittenInFormatOneAreStillRead() {
        SliceStatistics slice = new SliceStatistics();
        for (int i = 0; i <= LIMIT; i++) {
            slice.add(i * 2.0, 0, 10);   // a sketch and no tail: what format 1 wrote past the limit
        }
        slice.add("NZ", 0, 10).add(null, 0, 10);
        byte[] formatOne = StateCodec.encode(SliceStatistics.KIND, 1, slice::writeTo);
        SliceStatistics read = SliceStatistics.fromBytes(formatOne);
        assertThat(read.toBytes()).isEqualTo(slice.toBytes());
        StatsSummary summary = StatsSummary.of(read.all(new ValueStatistics(), 10));
        assertThat(summary.count()).isEqualTo(LIMIT + 2);
        assertThat(summary.missing()).isEqualTo(1);
        assertThat(summary.max()).isEqualTo(2.0 * LIMIT);
    }

    @Test
    void aTailOfNoNumbersOrTooManyIsRefused() {
        SliceStatistics slice = new SliceStatistics();
        for (int i = 0; i <= LIMIT + 1; i++) {
            slice.add((double) i, 0, 10);
        }
        byte[] bytes = slice.toBytes();
        int tailCount = indexOfTailCount(bytes);
        for (int bad : new int[] {0, LIMIT + 1}) {
            byte[] corrupt = bytes.clone();
            corrupt[tailCount] = (byte) bad;
            assertThatThrownBy(() -> SliceStatistics.fromBytes(corrupt)).isInstanceOf(StateFormatException.class)
                    .hasMessageContaining("kept numbers");
        }
    }

    private static byte[] bytesOf(ValueStatistics values) {
        return Encoding.toBytes(values::writeTo);
    }

    /** The slice above has a tail of one number: its count byte sits 8 + 8 + 1 + 1 bytes before the end (double, categorical count, category mode). */
    private static int indexOfTailCount(byte[] bytes) {
        int index = bytes.length - 8 - 8 - 1 - 1;
        assertThat(bytes[index]).isEqualTo((byte) 1);
        return index;
    }
}

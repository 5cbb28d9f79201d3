package io.millrace.speed.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.learning.StateFormatException;
import io.millrace.speed.stats.RollingStatsQueries.Windows;
import org.junit.jupiter.api.Test;

/** The store's value: a part per window family, each with its own lateness, and a part that is absent. */
class StoredSliceTest {

    @Test
    void partsRoundTripWithTheirOwnLateness() {
        StoredSlice slice = new StoredSlice();
        slice.partForUpdate(Windows.TUMBLING).add("amount", 5.0, 1, 10).add("country", "NZ", 1, 10);
        slice.partForUpdate(Windows.HOPPING).add("amount", 5.0, 0, 10).add("country", "NZ", 0, 10);

        StoredSlice read = StoredSlice.fromBytes(slice.toBytes());

        assertThat(read.toBytes()).isEqualTo(slice.toBytes());
        assertThat(read.part(Windows.TUMBLING).feature("amount").parts()).containsOnlyKeys(1);
        assertThat(read.part(Windows.HOPPING).feature("amount").parts()).containsOnlyKeys(0);
        assertThat(read.part(Windows.HOPPING).feature("country").all(new ValueStatistics(), 10).categories().counts())
                .containsEntry("NZ", 1L);
    }

    @Test
    void aFamilyThatTookNoValueHasNoPart() {
        StoredSlice slice = new StoredSlice();
        slice.partForUpdate(Windows.HOPPING).add("amount", 1.0, 0, 10);

        StoredSlice read = StoredSlice.fromBytes(slice.toBytes());

        assertThat(read.part(Windows.TUMBLING)).isNull();
        assertThat(read.part(Windows.HOPPING).feature("amount").allExact(new ValueStatistics()).count()).isEqualTo(1);
        assertThat(StoredSlice.fromBytes(new StoredSlice().toBytes()).part(Windows.HOPPING)).isNull();
    }

    @Test
    void badBytesAreRefusedWithAFormatError() {
        StoredSlice slice = new StoredSlice();
        slice.partForUpdate(Windows.TUMBLING).add("amount", 1.0, 0, 10);
        byte[] bytes = slice.toBytes();
        byte[] absentTumbling = new StoredSlice().toBytes();
        int presence = absentTumbling.length - 2;   // the tumbling byte, before the hopping one
        byte[] corrupt = absentTumbling.clone();
        corrupt[presence] = 7;
        assertThatThrownBy(() -> StoredSlice.fromBytes(corrupt)).isInstanceOf(StateFormatException.class)
                .hasMessageContaining("presence byte 7");
        assertThatThrownBy(() -> StoredSlice.fromBytes(java.util.Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(StateFormatException.class);
        assertThatThrownBy(() -> StoredSlice.fromBytes(slice.partForUpdate(Windows.TUMBLING).toBytes()))
                .isInstanceOf(StateFormatException.class).hasMessageContaining("rolling-entity-slice");
    }
}

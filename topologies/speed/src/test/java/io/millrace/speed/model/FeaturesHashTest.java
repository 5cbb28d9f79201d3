package io.millrace.speed.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The features hash keeps the text it always had: 16 zero-padded lower-case hex digits. */
class FeaturesHashTest {

    @Test
    void hexWritesWhatTheFormatterWrote() {
        long[] values = {0L, 1L, 0xfL, 0x10L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 0x0123456789abcdefL, 0xfedcba9876543210L};
        for (long value : values) {
            assertThat(FeaturesHash.hex(value)).isEqualTo(String.format("%016x", value));
        }
    }

    @Test
    void aRowHashesToTheValueItAlwaysHad() {
        assertThat(FeaturesHash.of(new double[] {1.0, 2.0, 3.0})).as("as String.format wrote it").isEqualTo("2dea30b69cc4b521");
        assertThat(FeaturesHash.of(new double[] {1.0, 2.0, 3.5})).isNotEqualTo("2dea30b69cc4b521");
    }
}

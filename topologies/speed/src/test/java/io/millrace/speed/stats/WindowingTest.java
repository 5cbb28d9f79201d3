package io.millrace.speed.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.speed.config.RollingStatsConfig;
import io.millrace.speed.config.WindowSpec;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Slice arithmetic, pinned on the default windows and on sizes that do not divide each other. */
class WindowingTest {
    private static final long MIN = 60_000;
    private static final long T0 = Instant.parse("2026-03-01T12:00:00Z").toEpochMilli();
    private final Windowing hopping = new Windowing(RollingStatsConfig.defaults().hopping());
    private final Windowing tumbling = new Windowing(RollingStatsConfig.defaults().tumbling());

    @Test
    void hoppingHourByFiveMinutesIsStoredInFiveMinuteSlicesEachInTwelveWindows() {
        assertThat(hopping.slice).isEqualTo(5 * MIN);
        long t = T0 + 7 * MIN + 30_000;
        assertThat(hopping.sliceStart(t)).isEqualTo(T0 + 5 * MIN);
        assertThat(hopping.firstWindowStart(t)).isEqualTo(T0 - 50 * MIN);
        assertThat(hopping.lastWindowStart(t)).isEqualTo(T0 + 5 * MIN);
        assertThat(hopping.windowsContaining(T0 + 5 * MIN)).isEqualTo(12);
        assertThat(hopping.windowIndex(T0 - 50 * MIN, T0 + 5 * MIN)).isZero();
        assertThat(hopping.windowIndex(T0 + 5 * MIN, T0 + 5 * MIN)).isEqualTo(11);
    }

    @Test
    void closedWindowsArePrefixesByEndPlusGrace() {
        long slice = T0; // windows holding it end at 12:05, 12:10, ..., 13:00; grace 1 min
        assertThat(hopping.closedCount(slice, T0 + 5 * MIN)).isZero();
        assertThat(hopping.closedCount(slice, T0 + 6 * MIN - 1)).isZero();
        assertThat(hopping.closedCount(slice, T0 + 6 * MIN)).isEqualTo(1);
        assertThat(hopping.closedCount(slice, T0 + 11 * MIN)).isEqualTo(2);
        assertThat(hopping.closedCount(slice, T0 + 61 * MIN)).isEqualTo(12);
        assertThat(hopping.closedCount(slice, T0 + 1000 * MIN)).isEqualTo(12);
        assertThat(tumbling.closedCount(T0, T0 + 2 * MIN - 1)).isZero();
        assertThat(tumbling.closedCount(T0, T0 + 2 * MIN)).isEqualTo(1);
    }

    @Test
    void aSliceExpiresOnceItsStartIsTheRetentionBehindTheStreamTime() {
        Windowing windows = new Windowing(WindowSpec.tumbling(Duration.ofMinutes(1), Duration.ZERO, Duration.ofMinutes(10)));
        assertThat(windows.isExpired(T0, T0 + 10 * MIN - 1)).isFalse();
        assertThat(windows.isExpired(T0, T0 + 10 * MIN)).isTrue();
        assertThat(windows.isExpired(T0, -1)).isFalse();
    }

    @Test
    void sizesThatDoNotDivideEachOtherUseTheirGreatestCommonDivisor() {
        Windowing odd = new Windowing(WindowSpec.hopping(Duration.ofMillis(10), Duration.ofMillis(4), Duration.ZERO, Duration.ofMillis(100)));
        assertThat(odd.slice).isEqualTo(2);
        // windows [0,10), [4,14), [8,18), ...: slice [8,10) lies in three, slice [10,12) in two
        assertThat(odd.windowsContaining(8)).isEqualTo(3);
        assertThat(odd.firstWindowStart(8)).isZero();
        assertThat(odd.windowsContaining(10)).isEqualTo(2);
        assertThat(odd.firstWindowStart(10)).isEqualTo(4);
        assertThat(odd.closedCount(10, 14)).isEqualTo(1);
        assertThat(odd.windowStarts(1, 12)).containsExactly(4L, 8L, 12L);
        assertThat(odd.windowStarts(-5, 0)).containsExactly(-4L, 0L);
    }

    @Test
    void eventTimesBeforeTheEpochFloorToTheirSlice() {
        assertThat(tumbling.sliceStart(-1)).isEqualTo(-MIN);
        assertThat(hopping.firstWindowStart(-1)).isEqualTo(-60 * MIN);
        assertThat(hopping.firstWindowStart(0)).isEqualTo(-55 * MIN);
    }
}

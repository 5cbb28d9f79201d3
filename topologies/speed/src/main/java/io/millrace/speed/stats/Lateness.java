package io.millrace.speed.stats;

import io.millrace.speed.stats.RollingStatsQueries.Windows;

/**
 * How late a value came for each window family, packed into one int: the key of its part of a {@link SliceStatistics}.
 * For each family it is the number of that family's windows containing the value's slice (in order of end) that were
 * already closed when it arrived ({@link Windowing#closedCount}), or {@link #EXPIRED} when the slice was older than
 * the family's retention and the value is in none of its windows. One value is stored once for both families: almost
 * every value is on time for both, so almost every slice has the one part {@code of(0, 0)}.
 */
final class Lateness {
    /** For one family: the value's slice had passed the family's retention when it came (each family has 15 bits). */
    static final int EXPIRED = 0x7FFF;
    /** The packed lateness of a value on time for both families. */
    static final int ON_TIME = 0;

    private Lateness() {
    }

    /** The lateness {@code tumbling} for the tumbling windows and {@code hopping} for the hopping windows. */
    static int of(int tumbling, int hopping) {
        return check(tumbling) << 16 | check(hopping);
    }

    /** The lateness for {@code family} of a packed lateness. */
    static int of(Windows family, int packed) {
        return family == Windows.TUMBLING ? packed >>> 16 : packed & 0xFFFF;
    }

    /** Whether a value of packed lateness {@code packed} is in {@code family}'s window number {@code windowIndex} and came before it closed. */
    static boolean onTimeFor(Windows family, int windowIndex, int packed) {
        int lateness = of(family, packed);
        return lateness != EXPIRED && lateness <= windowIndex;
    }

    /** Whether it is in that window but came after it closed. */
    static boolean lateFor(Windows family, int windowIndex, int packed) {
        int lateness = of(family, packed);
        return lateness != EXPIRED && lateness > windowIndex;
    }

    private static int check(int closedWindows) {
        if (closedWindows < 0 || closedWindows > EXPIRED) {
            throw new IllegalArgumentException("a family's lateness is 0 to " + (EXPIRED - 1) + " closed windows or EXPIRED, not "
                    + closedWindows);
        }
        return closedWindows;
    }
}

package io.millrace.speed.stats;

import io.millrace.speed.config.WindowSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The arithmetic of one {@link WindowSpec}, in epoch milliseconds: windows {@code [s, s + size)} with
 * {@code s} a multiple of {@code advance}, stored as <em>slices</em> of length {@code gcd(size, advance)}.
 *
 * <p>Every window is a whole number of consecutive slices, so an event updates exactly one slice and a window
 * is read as the merge of its slices (panes, after Li, Maier, Tufte, Papadimos and Tucker 2005, "No pane, no
 * gain: efficient evaluation of sliding-window aggregates over data streams", SIGMOD Record 34(1)): one write
 * per event instead of {@code size / advance} for hopping windows. Tumbling windows are their own slices.
 *
 * <p>The windows containing a slice, ordered by end, are numbered from 0; a window closes when the stream time
 * reaches {@code end + grace}, so at any stream time the closed ones are a prefix of that order, and
 * {@link #closedCount} is its length: the lateness a slice records for each value it takes.
 */
final class Windowing {
    final long size;
    final long advance;
    final long grace;
    final long retention;
    final long slice;

    Windowing(WindowSpec spec) {
        this.size = spec.size().toMillis();
        this.advance = spec.advance().toMillis();
        this.grace = spec.grace().toMillis();
        this.retention = spec.retention().toMillis();
        this.slice = gcd(size, advance);
    }

    /** Start of the slice holding event time {@code t}. */
    long sliceStart(long t) {
        return Math.floorDiv(t, slice) * slice;
    }

    /** Start of the earliest-ending window that contains {@code t}. */
    long firstWindowStart(long t) {
        return (Math.floorDiv(t - size, advance) + 1) * advance;
    }

    /** Start of the latest-ending window that contains {@code t}. */
    long lastWindowStart(long t) {
        return Math.floorDiv(t, advance) * advance;
    }

    /** How many windows contain the slice starting at {@code sliceStart}. */
    int windowsContaining(long sliceStart) {
        return (int) ((lastWindowStart(sliceStart) - firstWindowStart(sliceStart)) / advance + 1);
    }

    /** How many of the windows containing the slice were closed at stream time {@code streamTime}. */
    int closedCount(long sliceStart, long streamTime) {
        long firstEnd = firstWindowStart(sliceStart) + size;
        if (streamTime < firstEnd + grace) {
            return 0;
        }
        long closed = Math.floorDiv(streamTime - grace - firstEnd, advance) + 1;
        return (int) Math.min(closed, windowsContaining(sliceStart));
    }

    /** The number, in end order, of window {@code windowStart} among the windows containing the slice. */
    int windowIndex(long windowStart, long sliceStart) {
        return (int) ((windowStart - firstWindowStart(sliceStart)) / advance);
    }

    /**
     * True when the slice has left the store at stream time {@code streamTime}: its start lies {@code retention}
     * or more behind. The store itself keeps slices a little longer (it judges by the latest slice written,
     * which is at most the stream time), so whatever this says is live can still be written and read.
     */
    boolean isExpired(long sliceStart, long streamTime) {
        return streamTime - sliceStart >= retention;
    }

    /** Starts of the windows whose start lies in {@code [from, to]}, ascending. */
    List<Long> windowStarts(long from, long to) {
        List<Long> starts = new ArrayList<>();
        for (long s = Math.floorDiv(from + advance - 1, advance) * advance; s <= to; s += advance) {
            starts.add(s);
        }
        return starts;
    }

    static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}

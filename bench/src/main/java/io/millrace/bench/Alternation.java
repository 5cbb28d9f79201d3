package io.millrace.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Times ours against MOA's fairly on a shared, noisy machine: both warm up first (so the JIT has
 * compiled both before any timed run), then the timed runs alternate sides, the first side changing
 * from one repetition to the next, with a garbage collection before each so that no run pays for the
 * previous run's garbage. The median run of each side is reported.
 */
final class Alternation {

    /** Untimed warm-up rounds of each side before the timed runs. */
    static final int WARMUP_ROUNDS = 2;
    /** Instances of each warm-up run (fewer when the stream is shorter). */
    static final int WARMUP_INSTANCES = 100_000;

    private Alternation() {
    }

    /**
     * The timed runs of both sides.
     *
     * @param <T>  what a run reports
     * @param ours our runs, in the order they ran
     * @param moa  MOA's runs, in the order they ran
     */
    record Runs<T extends Timed>(List<T> ours, List<T> moa) {

        T oursMedian() {
            return median(ours);
        }

        T moaMedian() {
            return median(moa);
        }
    }

    /**
     * Warms both sides up, then runs each {@code repetitions} times over {@code count} inputs.
     *
     * @param ours one run of ours over the first {@code n} inputs (its setup untimed)
     * @param moa  one run of MOA's over the first {@code n} inputs
     */
    static <T extends Timed> Runs<T> run(IntFunction<T> ours, IntFunction<T> moa, int count, int repetitions,
                                         Progress progress) {
        int warmup = warmupInstances(count);
        for (int round = 0; round < WARMUP_ROUNDS; round++) {
            ours.apply(warmup);
            progress.advance(warmup);
            moa.apply(warmup);
            progress.advance(warmup);
        }
        List<T> oursRuns = new ArrayList<>();
        List<T> moaRuns = new ArrayList<>();
        for (int r = 0; r < repetitions; r++) {
            boolean oursFirst = r % 2 == 0;
            timed(oursFirst ? ours : moa, oursFirst ? oursRuns : moaRuns, count, progress);
            timed(oursFirst ? moa : ours, oursFirst ? moaRuns : oursRuns, count, progress);
        }
        return new Runs<>(oursRuns, moaRuns);
    }

    /** Inputs the warm-up runs and the timed runs of one measurement go through. */
    static long steps(int count, int repetitions) {
        return 2L * WARMUP_ROUNDS * warmupInstances(count) + 2L * repetitions * count;
    }

    private static int warmupInstances(int count) {
        return Math.min(count, WARMUP_INSTANCES);
    }

    private static <T extends Timed> void timed(IntFunction<T> side, List<T> runs, int count, Progress progress) {
        System.gc();
        runs.add(side.apply(count));
        progress.advance(count);
    }

    /** The run of median time (the lower middle one for an even number of runs). */
    static <T extends Timed> T median(List<T> runs) {
        List<T> sorted = new ArrayList<>(runs);
        sorted.sort((a, b) -> Long.compare(a.nanos(), b.nanos()));
        return sorted.get((sorted.size() - 1) / 2);
    }
}

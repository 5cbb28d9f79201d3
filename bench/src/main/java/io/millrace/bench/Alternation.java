package io.millrace.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.ToLongFunction;

/**
 * Times ours against MOA's fairly on a shared, noisy machine: both warm up first (so the JIT has
 * compiled both before any timed run), then the timed runs alternate sides, the first side changing
 * from one repetition to the next, with a garbage collection before each so that no run pays for the
 * previous run's garbage. The median of each side's runs is reported.
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

        /** Our median throughput by the wall clock, inputs per second. */
        double oursPerSecond() {
            return medianRate(ours, Timed::nanos);
        }

        double moaPerSecond() {
            return medianRate(moa, Timed::nanos);
        }

        /** Our median throughput per second of the running thread's CPU time. */
        double oursPerCpuSecond() {
            return medianRate(ours, Timed::cpuNanos);
        }

        double moaPerCpuSecond() {
            return medianRate(moa, Timed::cpuNanos);
        }

        /** Each of our runs' wall-clock throughput, in the order they ran. */
        double[] oursRates() {
            return rates(ours);
        }

        double[] moaRates() {
            return rates(moa);
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

    /** The median over runs of inputs per second, by the given clock (of the two middle runs of an even count, the faster). */
    static <T extends Timed> double medianRate(List<T> runs, ToLongFunction<Timed> clock) {
        double[] rates = new double[runs.size()];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = runs.get(i).inputs() / (clock.applyAsLong(runs.get(i)) / 1e9);
        }
        Arrays.sort(rates);
        return rates[rates.length / 2];
    }

    private static <T extends Timed> double[] rates(List<T> runs) {
        return runs.stream().mapToDouble(run -> run.inputs() / (run.nanos() / 1e9)).toArray();
    }
}

package io.millrace.bench;

import io.millrace.learning.drift.DriftDetector;
import moa.classifiers.core.driftdetection.ADWIN;
import moa.classifiers.core.driftdetection.ChangeDetector;

import java.util.Arrays;

/**
 * The timed detector loops: every value of an error stream fed to a Millrace detector, to MOA's raw
 * {@link ADWIN}, or to a MOA {@link ChangeDetector}, collecting the indices where each signalled a
 * change. Each loop does the same bookkeeping.
 */
final class Detection {

    private Detection() {
    }

    /**
     * What one detector run did.
     *
     * @param nanos      wall time of the loop alone
     * @param cpuNanos   CPU time of the thread in the loop
     * @param inputs     values fed
     * @param detections indices of the values at which a change was signalled
     */
    record Outcome(long nanos, long cpuNanos, int inputs, int[] detections) implements Timed {

        boolean sameDetections(Outcome other) {
            return Arrays.equals(detections, other.detections);
        }
    }

    static Outcome run(DriftDetector detector, double[] values, int count) {
        Indices found = new Indices();
        Clock clock = Clock.start();
        for (int i = 0; i < count; i++) {
            if (detector.update(values[i])) {
                found.add(i);
            }
        }
        long nanos = clock.wallNanos();
        return new Outcome(nanos, clock.cpuNanos(nanos), count, found.toArray());
    }

    static Outcome run(ADWIN detector, double[] values, int count) {
        Indices found = new Indices();
        Clock clock = Clock.start();
        for (int i = 0; i < count; i++) {
            if (detector.setInput(values[i])) {
                found.add(i);
            }
        }
        long nanos = clock.wallNanos();
        return new Outcome(nanos, clock.cpuNanos(nanos), count, found.toArray());
    }

    static Outcome run(ChangeDetector detector, double[] values, int count) {
        Indices found = new Indices();
        Clock clock = Clock.start();
        for (int i = 0; i < count; i++) {
            detector.input(values[i]);
            if (detector.getChange()) {
                found.add(i);
            }
        }
        long nanos = clock.wallNanos();
        return new Outcome(nanos, clock.cpuNanos(nanos), count, found.toArray());
    }

    /** A growable list of int indices. */
    private static final class Indices {
        private int[] values = new int[16];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}

package io.millrace.bench;

import io.millrace.learning.drift.DriftDetector;

import java.util.function.Supplier;

/**
 * One of our drift detectors and its MOA counterpart, each built fresh (outside the timed loop) for every run.
 *
 * @param name    our detector's name (what {@code --only} takes)
 * @param moaName MOA's class and options
 * @param ours    builds our detector
 * @param moa     one run of MOA's detector over the first {@code count} values
 * @param note    what differs by design between the two, for the report; empty when nothing does
 */
record DetectorPair(String name, String moaName, Supplier<DriftDetector> ours, MoaRun moa, String note) {

    /** One run of a freshly built MOA detector. */
    @FunctionalInterface
    interface MoaRun {
        Detection.Outcome run(double[] values, int count);
    }

    Detection.Outcome runOurs(double[] values, int count) {
        return Detection.run(ours.get(), values, count);
    }

    Detection.Outcome runMoa(double[] values, int count) {
        return moa.run(values, count);
    }
}

package io.millrace.bench;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of the report: one of ours beside MOA's counterpart on one stream.
 *
 * @param kind                 {@code learner} or {@code detector}
 * @param name                 our learner's or detector's name
 * @param moa                  MOA's counterpart
 * @param stream               the stream's name
 * @param instances            instances (or detector inputs) of each timed run
 * @param oursPerSecond        our median throughput by the wall clock, instances (or inputs) per second
 * @param moaPerSecond         MOA's median throughput by the wall clock
 * @param ratio                ours / MOA's wall-clock throughput: above 1 when ours is faster
 * @param oursPerCpuSecond     our median throughput per second of the thread's CPU time
 * @param moaPerCpuSecond      MOA's median throughput per second of the thread's CPU time
 * @param cpuRatio             ours / MOA's CPU-time throughput
 * @param oursRuns             wall-clock throughput of each of our timed runs, in order
 * @param moaRuns              wall-clock throughput of each of MOA's timed runs, in order
 * @param oursAccuracy         our prequential accuracy, in [0, 1]; null for a detector
 * @param moaAccuracy          MOA's prequential accuracy; null for a detector
 * @param accuracyPoints       (ours - MOA's) accuracy in percentage points; null for a detector
 * @param differentPredictions instances on which ours and MOA's predicted different classes; null for a detector
 * @param oursDetections       indices of our detections; null for a learner
 * @param moaDetections        indices of MOA's detections; null for a learner
 * @param sameDetections       whether both detected at exactly the same indices; null for a learner
 * @param note                 what differs by design, or empty
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Row(String kind, String name, String moa, String stream, long instances, double oursPerSecond,
           double moaPerSecond, double ratio, double oursPerCpuSecond, double moaPerCpuSecond, double cpuRatio,
           double[] oursRuns, double[] moaRuns, Double oursAccuracy, Double moaAccuracy, Double accuracyPoints,
           Long differentPredictions, int[] oursDetections, int[] moaDetections, Boolean sameDetections, String note) {

    static final String LEARNER = "learner";
    static final String DETECTOR = "detector";

    /** A learner's row; its accuracies and predictions are those of the first run of each side (every run gives the same). */
    static Row learner(LearnerPair pair, BenchStream stream, Alternation.Runs<Prequential.Outcome> runs) {
        Prequential.Outcome ours = runs.ours().get(0);
        Prequential.Outcome moa = runs.moa().get(0);
        return new Row(LEARNER, pair.name(), pair.moaName(), stream.name(), ours.instances(), runs.oursPerSecond(),
            runs.moaPerSecond(), runs.oursPerSecond() / runs.moaPerSecond(), runs.oursPerCpuSecond(),
            runs.moaPerCpuSecond(), runs.oursPerCpuSecond() / runs.moaPerCpuSecond(), runs.oursRates(),
            runs.moaRates(), ours.accuracy(), moa.accuracy(), 100 * (ours.accuracy() - moa.accuracy()),
            Prequential.differences(ours, moa), null, null, null, pair.note());
    }

    /** A detector's row; its detections are those of the first run of each side (every run gives the same). */
    static Row detector(DetectorPair pair, String stream, Alternation.Runs<Detection.Outcome> runs) {
        Detection.Outcome ours = runs.ours().get(0);
        Detection.Outcome moa = runs.moa().get(0);
        return new Row(DETECTOR, pair.name(), pair.moaName(), stream, ours.inputs(), runs.oursPerSecond(),
            runs.moaPerSecond(), runs.oursPerSecond() / runs.moaPerSecond(), runs.oursPerCpuSecond(),
            runs.moaPerCpuSecond(), runs.oursPerCpuSecond() / runs.moaPerCpuSecond(), runs.oursRates(),
            runs.moaRates(), null, null, null, null, ours.detections(), moa.detections(), ours.sameDetections(moa),
            pair.note());
    }

    @JsonIgnore
    boolean isLearner() {
        return LEARNER.equals(kind);
    }
}

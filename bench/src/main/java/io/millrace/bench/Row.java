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
 * @param oursPerSecond        our median throughput, instances (or inputs) per second
 * @param moaPerSecond         MOA's median throughput
 * @param ratio                ours / MOA's throughput: above 1 when ours is faster
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
           double moaPerSecond, double ratio, Double oursAccuracy, Double moaAccuracy, Double accuracyPoints,
           Long differentPredictions, int[] oursDetections, int[] moaDetections, Boolean sameDetections, String note) {

    static final String LEARNER = "learner";
    static final String DETECTOR = "detector";

    static Row learner(LearnerPair pair, BenchStream stream, Prequential.Outcome ours, Prequential.Outcome moa) {
        return new Row(LEARNER, pair.name(), pair.moaName(), stream.name(), ours.instances(), perSecond(ours),
            perSecond(moa), perSecond(ours) / perSecond(moa), ours.accuracy(), moa.accuracy(),
            100 * (ours.accuracy() - moa.accuracy()), Prequential.differences(ours, moa), null, null, null, pair.note());
    }

    static Row detector(DetectorPair pair, String stream, Detection.Outcome ours, Detection.Outcome moa) {
        return new Row(DETECTOR, pair.name(), pair.moaName(), stream, ours.inputs(), perSecond(ours),
            perSecond(moa), perSecond(ours) / perSecond(moa), null, null, null, null, ours.detections(),
            moa.detections(), ours.sameDetections(moa), "");
    }

    @JsonIgnore
    boolean isLearner() {
        return LEARNER.equals(kind);
    }

    private static double perSecond(Prequential.Outcome outcome) {
        return outcome.instances() / (outcome.nanos() / 1e9);
    }

    private static double perSecond(Detection.Outcome outcome) {
        return outcome.inputs() / (outcome.nanos() / 1e9);
    }
}

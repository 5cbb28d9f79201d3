package io.millrace.learning.drift;

import moa.classifiers.core.driftdetection.ADWIN;
import moa.classifiers.core.driftdetection.ChangeDetector;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.DoubleStream;

/** Runs MOA's detectors (the oracle) and ours over the same values. */
final class Moa {

    private Moa() {
    }

    static List<Long> detections(ChangeDetector detector, double[] values) {
        List<Long> indices = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            detector.input(values[i]);
            if (detector.getChange()) {
                indices.add((long) i);
            }
        }
        return indices;
    }

    static List<Long> detections(ADWIN adwin, double[] values) {
        List<Long> indices = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (adwin.setInput(values[i])) {
                indices.add((long) i);
            }
        }
        return indices;
    }

    static List<Long> ours(DriftDetector detector, double[] values) {
        return DetectionRunner.detect(detector, DoubleStream.of(values));
    }
}

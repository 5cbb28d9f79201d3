package io.millrace.learning.distribution;

import io.millrace.learning.stats.QuantileSketch;

/** Checks shared by the two-sample tests. */
final class Samples {

    private Samples() {
    }

    static void checkNotEmpty(QuantileSketch reference, QuantileSketch current) {
        if (reference.isEmpty()) {
            throw new IllegalArgumentException("the reference sample is empty");
        }
        if (current.isEmpty()) {
            throw new IllegalArgumentException("the current sample is empty");
        }
    }
}

package io.millrace.bench;

import java.util.List;

/**
 * What one benchmark run measured, as printed and as written to JSON.
 *
 * @param instances      instances per stream
 * @param seed           the streams' seed
 * @param repetitions    timed runs of each side per row (the median is reported)
 * @param java           the Java runtime that ran it
 * @param processors     processors the JVM saw
 * @param streams        the streams, with their MOA equivalents
 * @param detectorInput  what the detectors were fed
 * @param rows           one per learner or detector and stream
 * @param targets        the stated targets this run can be judged on
 * @param seconds        wall time of the whole run
 */
record Report(long instances, long seed, int repetitions, String java, int processors, List<StreamInfo> streams,
              String detectorInput, List<Row> rows, List<Target> targets, double seconds) {

    /** A stream as the report describes it. */
    record StreamInfo(String name, long instances, String description) {
    }
}

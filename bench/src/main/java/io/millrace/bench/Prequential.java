package io.millrace.bench;

import com.yahoo.labs.samoa.instances.Instance;
import io.millrace.learning.Learner;
import moa.classifiers.Classifier;
import moa.core.Utils;

/**
 * The timed loops: test, then train, on each instance of a {@link BenchStream}, for a Millrace learner
 * and for a MOA classifier. Both loops do the same bookkeeping (store the predicted class, count the
 * correct ones) so that the difference in time is the learners' own.
 */
final class Prequential {

    private Prequential() {
    }

    /**
     * What one prequential run did.
     *
     * @param nanos       wall time of the loop alone
     * @param cpuNanos    CPU time of the thread in the loop
     * @param instances   instances tested and trained on
     * @param correct     instances whose predicted class was the true one
     * @param predictions predicted class of each instance
     */
    record Outcome(long nanos, long cpuNanos, int instances, int correct, byte[] predictions) implements Timed {

        @Override
        public int inputs() {
            return instances;
        }

        double accuracy() {
            return instances == 0 ? Double.NaN : (double) correct / instances;
        }
    }

    /** Runs {@code learner} over the first {@code count} instances. */
    static Outcome run(Learner learner, BenchStream stream, int count) {
        double[][] features = stream.features();
        int[] labels = stream.labels();
        byte[] predictions = new byte[count];
        int correct = 0;
        Clock clock = Clock.start();
        for (int i = 0; i < count; i++) {
            double[] x = features[i];
            int predicted = learner.predictClass(x);
            learner.learn(x, labels[i]);
            predictions[i] = (byte) predicted;
            if (predicted == labels[i]) {
                correct++;
            }
        }
        long nanos = clock.wallNanos();
        return new Outcome(nanos, clock.cpuNanos(nanos), count, correct, predictions);
    }

    /** Runs {@code classifier} (already given its model context and prepared) over the first {@code count} instances. */
    static Outcome run(Classifier classifier, BenchStream stream, int count) {
        Instance[] instances = stream.moaInstances();
        int[] labels = stream.labels();
        byte[] predictions = new byte[count];
        int correct = 0;
        Clock clock = Clock.start();
        for (int i = 0; i < count; i++) {
            Instance instance = instances[i];
            int predicted = Utils.maxIndex(classifier.getVotesForInstance(instance));
            classifier.trainOnInstance(instance);
            predictions[i] = (byte) predicted;
            if (predicted == labels[i]) {
                correct++;
            }
        }
        long nanos = clock.wallNanos();
        return new Outcome(nanos, clock.cpuNanos(nanos), count, correct, predictions);
    }

    /** Number of instances on which two runs predicted different classes. */
    static long differences(Outcome ours, Outcome moa) {
        long count = 0;
        for (int i = 0; i < ours.predictions().length; i++) {
            if (ours.predictions()[i] != moa.predictions()[i]) {
                count++;
            }
        }
        return count;
    }

    /** The 0/1 error of each prediction of a run: the input the drift detectors watch. */
    static double[] errors(Outcome outcome, BenchStream stream) {
        double[] errors = new double[outcome.instances()];
        for (int i = 0; i < errors.length; i++) {
            errors[i] = outcome.predictions()[i] == stream.labels()[i] ? 0 : 1;
        }
        return errors;
    }
}

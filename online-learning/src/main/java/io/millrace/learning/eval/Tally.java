package io.millrace.learning.eval;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Sufficient statistics of the prequential scores over a set of examples: integer counts for
 * accuracy and kappa (exact, so a window can remove what it added), sums of losses and errors.
 * {@code numClasses == 0} means regression.
 */
final class Tally {

    private final int numClasses;
    private long instances;
    private long correct;
    private final long[] predictedCounts;
    private final long[] actualCounts;
    private double logLossSum;
    private double absoluteErrorSum;
    private double squaredErrorSum;

    Tally(int numClasses) {
        this.numClasses = numClasses;
        this.predictedCounts = new long[numClasses];
        this.actualCounts = new long[numClasses];
    }

    /** Counts one classified example; {@code sign} is +1 to add it, -1 to take it back out. */
    void addClassification(int actual, int predicted, double logLoss, int sign) {
        instances += sign;
        if (actual == predicted) {
            correct += sign;
        }
        predictedCounts[predicted] += sign;
        actualCounts[actual] += sign;
        logLossSum += sign * logLoss;
    }

    /** Counts one regression error {@code target - prediction}; {@code sign} as above. */
    void addRegression(double error, int sign) {
        instances += sign;
        absoluteErrorSum += sign * Math.abs(error);
        squaredErrorSum += sign * error * error;
    }

    /** Replaces the floating sums, recomputed from scratch to shed rounding drift. */
    void resetSums(double logLoss, double absoluteError, double squaredError) {
        logLossSum = logLoss;
        absoluteErrorSum = absoluteError;
        squaredErrorSum = squaredError;
    }

    long instances() {
        return instances;
    }

    Metrics metrics() {
        if (instances == 0) {
            return new Metrics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double n = instances;
        if (numClasses == 0) {
            return new Metrics(instances, Double.NaN, Double.NaN, Double.NaN, absoluteErrorSum / n,
                Math.sqrt(squaredErrorSum / n));
        }
        double accuracy = correct / n;
        return new Metrics(instances, accuracy, kappa(accuracy, n), logLossSum / n, Double.NaN, Double.NaN);
    }

    private double kappa(double accuracy, double n) {
        double chance = 0;
        for (int i = 0; i < numClasses; i++) {
            chance += (predictedCounts[i] / n) * (actualCounts[i] / n);
        }
        return (accuracy - chance) / (1 - chance);
    }

    void writeTo(DataOutputStream out) throws IOException {
        out.writeLong(instances);
        out.writeLong(correct);
        for (int i = 0; i < numClasses; i++) {
            out.writeLong(predictedCounts[i]);
            out.writeLong(actualCounts[i]);
        }
        writeSums(out);
    }

    /** Writes only the floating sums (a window rebuilds its counts from its ring). */
    void writeSums(DataOutputStream out) throws IOException {
        out.writeDouble(logLossSum);
        out.writeDouble(absoluteErrorSum);
        out.writeDouble(squaredErrorSum);
    }

    void readSums(DataInputStream in) throws IOException {
        double logLoss = in.readDouble();
        double absoluteError = in.readDouble();
        double squaredError = in.readDouble();
        if (!Double.isFinite(logLoss) || !Double.isFinite(absoluteError) || !Double.isFinite(squaredError)) {
            throw new IOException("window sums are not finite");
        }
        resetSums(logLoss, absoluteError, squaredError);
    }

    static Tally readFrom(DataInputStream in, int numClasses) throws IOException {
        Tally tally = new Tally(numClasses);
        tally.instances = in.readLong();
        tally.correct = in.readLong();
        for (int i = 0; i < numClasses; i++) {
            tally.predictedCounts[i] = in.readLong();
            tally.actualCounts[i] = in.readLong();
        }
        tally.logLossSum = in.readDouble();
        tally.absoluteErrorSum = in.readDouble();
        tally.squaredErrorSum = in.readDouble();
        if (!tally.isConsistent()) {
            throw new IOException("inconsistent prequential counts: " + tally);
        }
        return tally;
    }

    private boolean isConsistent() {
        boolean counts = instances >= 0 && correct >= 0 && correct <= instances;
        if (numClasses > 0) {
            counts &= Arrays.stream(predictedCounts).allMatch(c -> c >= 0) && Arrays.stream(predictedCounts).sum() == instances
                && Arrays.stream(actualCounts).allMatch(c -> c >= 0) && Arrays.stream(actualCounts).sum() == instances;
        }
        return counts && logLossSum >= 0 && absoluteErrorSum >= 0 && squaredErrorSum >= 0;
    }

    @Override
    public String toString() {
        return "Tally{instances=" + instances + ", correct=" + correct + ", predicted=" + Arrays.toString(predictedCounts)
            + ", actual=" + Arrays.toString(actualCounts) + ", logLoss=" + logLossSum + ", absError=" + absoluteErrorSum
            + ", squaredError=" + squaredErrorSum + "}";
    }
}

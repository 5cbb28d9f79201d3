package io.millrace.learning.features;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The running statistics one numeric feature is scaled by: count, mean and squared deviations
 * (Welford 1962), min and max, and how many values were missing.
 */
final class RunningScaler {

    private long count;
    private double mean;
    private double squaredDeviations;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private long missing;

    void observe(double value) {
        count++;
        double delta = value - mean;
        mean += delta / count;
        squaredDeviations += delta * (value - mean);
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    void observeMissing() {
        missing++;
    }

    long count() {
        return count;
    }

    long missing() {
        return missing;
    }

    /** The mean of the values observed; 0 before the first. */
    double mean() {
        return mean;
    }

    /** The population standard deviation; 0 before two values. */
    double standardDeviation() {
        return count < 2 ? 0 : Math.sqrt(squaredDeviations / count);
    }

    double scale(double value, Scaling scaling) {
        return switch (scaling) {
            case NONE -> value;
            case STANDARD -> {
                double sd = standardDeviation();
                yield sd > 0 ? (value - mean) / sd : 0.0;
            }
            case MIN_MAX -> max > min ? (value - min) / (max - min) : 0.0;
        };
    }

    void writeTo(DataOutputStream out) throws IOException {
        out.writeLong(count);
        out.writeDouble(mean);
        out.writeDouble(squaredDeviations);
        out.writeDouble(min);
        out.writeDouble(max);
        out.writeLong(missing);
    }

    static RunningScaler readFrom(DataInputStream in) throws IOException {
        RunningScaler scaler = new RunningScaler();
        scaler.count = in.readLong();
        scaler.mean = in.readDouble();
        scaler.squaredDeviations = in.readDouble();
        scaler.min = in.readDouble();
        scaler.max = in.readDouble();
        scaler.missing = in.readLong();
        boolean empty = scaler.count == 0;
        if (scaler.count < 0 || scaler.missing < 0 || !Double.isFinite(scaler.mean) || !(scaler.squaredDeviations >= 0)
            || Double.isInfinite(scaler.squaredDeviations) || (!empty && !(scaler.min <= scaler.max))) {
            throw new IOException("invalid scaler statistics (count " + scaler.count + ", mean " + scaler.mean + ")");
        }
        return scaler;
    }
}

package io.millrace.learning.drift;

import io.millrace.learning.InputChecks;
import io.millrace.learning.InvalidInputException;
import io.millrace.learning.StateCodec;
import io.millrace.learning.StateFormatException;

import java.io.DataInputStream;
import java.io.IOException;

/**
 * DDM, the drift detection method: watches a classifier's error rate {@code p} and its binomial standard
 * deviation {@code s = sqrt(p (1 - p) / n)}, remembers where {@code p + s} was lowest, and warns when
 * {@code p + s} exceeds {@code p_min + warningLevel * s_min}, signals a change past
 * {@code p_min + driftLevel * s_min}.
 *
 * <p>Gama, Medas, Castillo and Rodrigues, "Learning with Drift Detection", SBIA 2004. The updates and
 * comparisons are those of MOA's {@code DDM} (2024.07), so detections fall at MOA's indices. After a
 * change the detector starts afresh at the next observation, as in MOA.
 *
 * <p>Observations are mistakes (1) and correct predictions (0); fractional error values in [0, 1] are
 * accepted too. Anything outside [0, 1] is refused. {@link #statistic()} is {@code p + s},
 * {@link #threshold()} is {@code p_min + driftLevel * s_min}.
 */
public final class Ddm implements DriftDetector {

    public static final String KIND = "ddm";
    private static final int FORMAT_VERSION = 1;

    /**
     * DDM's parameters; {@link #DEFAULTS} are MOA's ({@code minNumInstances}, {@code warningLevel},
     * {@code outcontrolLevel}).
     *
     * @param minInstances observations before the minimum is tracked and a change may be signalled
     * @param warningLevel standard deviations above the minimum that start the warning zone
     * @param driftLevel   standard deviations above the minimum that signal a change
     */
    public record Config(int minInstances, double warningLevel, double driftLevel) {

        public static final Config DEFAULTS = new Config(30, 2.0, 3.0);

        public Config {
            if (minInstances < 0) {
                throw new IllegalArgumentException("minInstances must be >= 0, got " + minInstances);
            }
            if (!(warningLevel > 0) || Double.isInfinite(warningLevel)) {
                throw new IllegalArgumentException("warningLevel must be finite and > 0, got " + warningLevel);
            }
            if (!(driftLevel >= warningLevel) || Double.isInfinite(driftLevel)) {
                throw new IllegalArgumentException("driftLevel must be finite and >= warningLevel ("
                    + warningLevel + "), got " + driftLevel);
            }
        }
    }

    private final Config config;
    private long observations;
    private long count;
    private double errorRate;
    private double deviation;
    private double minSum;
    private double minErrorRate;
    private double minDeviation;
    private boolean changeDetected;
    private boolean warningZone;

    public Ddm() {
        this(Config.DEFAULTS);
    }

    public Ddm(Config config) {
        this.config = config;
        reset();
    }

    @Override
    public void reset() {
        observations = 0;
        changeDetected = false;
        warningZone = false;
        restart();
    }

    /** Starts afresh, as after a change. */
    private void restart() {
        count = 1;
        errorRate = 1;
        deviation = 0;
        minSum = Double.MAX_VALUE;
        minErrorRate = Double.MAX_VALUE;
        minDeviation = Double.MAX_VALUE;
    }

    @Override
    public boolean update(double value) {
        InputChecks.checkFinite("ddm observation", value);
        if (value < 0 || value > 1) {
            throw new InvalidInputException("ddm observes errors in [0, 1] (1 = mistake), got " + value);
        }
        if (changeDetected) {
            restart();
        }
        observations++;
        errorRate = errorRate + (value - errorRate) / count;
        deviation = Math.sqrt(errorRate * (1 - errorRate) / count);
        count++;
        changeDetected = false;
        warningZone = false;
        if (count < config.minInstances()) {
            return false;
        }
        if (errorRate + deviation <= minSum) {
            minErrorRate = errorRate;
            minDeviation = deviation;
            minSum = errorRate + deviation;
        }
        if (count > config.minInstances() && errorRate + deviation > driftThreshold()) {
            changeDetected = true;
        } else {
            warningZone = errorRate + deviation > minErrorRate + config.warningLevel() * minDeviation;
        }
        return changeDetected;
    }

    private double driftThreshold() {
        return minErrorRate + config.driftLevel() * minDeviation;
    }

    @Override
    public boolean isWarningZone() {
        return warningZone;
    }

    @Override
    public String kind() {
        return KIND;
    }

    public Config config() {
        return config;
    }

    @Override
    public long observations() {
        return observations;
    }

    /** The error rate {@code p} since the detector last started. */
    @Override
    public double estimation() {
        return errorRate;
    }

    /** {@code p + s}. */
    @Override
    public double statistic() {
        return errorRate + deviation;
    }

    /** {@code p_min + driftLevel * s_min}; NaN until the minimum is tracked. */
    @Override
    public double threshold() {
        return minSum == Double.MAX_VALUE ? Double.NaN : driftThreshold();
    }

    @Override
    public String windowDescription() {
        return "the " + (count - 1) + " observations since the detector last started";
    }

    @Override
    public byte[] toBytes() {
        return StateCodec.encode(KIND, FORMAT_VERSION, out -> {
            out.writeInt(config.minInstances());
            out.writeDouble(config.warningLevel());
            out.writeDouble(config.driftLevel());
            out.writeLong(observations);
            out.writeLong(count);
            out.writeDouble(errorRate);
            out.writeDouble(deviation);
            out.writeDouble(minSum);
            out.writeDouble(minErrorRate);
            out.writeDouble(minDeviation);
            out.writeBoolean(changeDetected);
            out.writeBoolean(warningZone);
        });
    }

    /**
     * Restores a DDM written by {@link #toBytes()}.
     *
     * @throws StateFormatException when the bytes are not a consistent DDM state
     */
    public static Ddm fromBytes(byte[] bytes) {
        return StateCodec.decode(bytes, KIND, FORMAT_VERSION, (in, version) -> read(in));
    }

    private static Ddm read(DataInputStream in) throws IOException {
        Ddm ddm = new Ddm(readConfig(in));
        ddm.observations = in.readLong();
        ddm.count = in.readLong();
        ddm.errorRate = in.readDouble();
        ddm.deviation = in.readDouble();
        ddm.minSum = in.readDouble();
        ddm.minErrorRate = in.readDouble();
        ddm.minDeviation = in.readDouble();
        ddm.changeDetected = in.readBoolean();
        ddm.warningZone = in.readBoolean();
        if (ddm.count < 1 || ddm.count - 1 > ddm.observations) {
            throw new StateFormatException("ddm state is inconsistent: count " + ddm.count
                + " after " + ddm.observations + " observations");
        }
        return ddm;
    }

    private static Config readConfig(DataInputStream in) throws IOException {
        try {
            return new Config(in.readInt(), in.readDouble(), in.readDouble());
        } catch (IllegalArgumentException e) {
            throw new StateFormatException("ddm state has an invalid configuration: " + e.getMessage(), e);
        }
    }
}

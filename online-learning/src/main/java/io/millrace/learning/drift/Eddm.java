package io.millrace.learning.drift;

import io.millrace.learning.InputChecks;
import io.millrace.learning.InvalidInputException;
import io.millrace.learning.StateCodec;
import io.millrace.learning.StateFormatException;

import java.io.DataInputStream;
import java.io.IOException;

/**
 * EDDM, the early drift detection method: watches the distance (in observations) between consecutive
 * mistakes. With {@code m'} the mean distance and {@code s'} its standard deviation, it remembers the
 * largest {@code m' + 2 s'} and warns when the current value falls below {@code warningLevel} times that
 * maximum, signals a change below {@code driftLevel} times it. Slowly growing gradual drift shortens the
 * distances before it raises the error rate much, so EDDM tends to detect it earlier than DDM.
 *
 * <p>Baena-García, del Campo-Ávila, Fidalgo, Bifet, Gavaldà and Morales-Bueno, "Early Drift Detection
 * Method", Fourth International Workshop on Knowledge Discovery from Data Streams, 2006. The updates and
 * comparisons are those of MOA's {@code EDDM} (2024.07), so detections fall at MOA's indices; only
 * mistakes update the statistics and only a mistake can signal. After a change the detector starts
 * afresh at the next observation, as in MOA.
 *
 * <p>Observations are 1 (a mistake) or 0 (a correct prediction); any other value is refused.
 * {@link #statistic()} is the ratio {@code (m' + 2 s') / max(m' + 2 s')} at the last mistake,
 * {@link #threshold()} is {@code driftLevel}.
 */
public final class Eddm implements DriftDetector {

    public static final String KIND = "eddm";
    private static final int FORMAT_VERSION = 1;

    /**
     * EDDM's parameters; {@link #DEFAULTS} are MOA's constants (and River's {@code warm_start},
     * {@code alpha}, {@code beta}).
     *
     * @param minInstances observations that must be exceeded before the maximum is tracked and a signal given
     * @param minErrors    mistakes that must be exceeded before a signal is given
     * @param warningLevel the ratio below which the detector warns, in (0, 1]
     * @param driftLevel   the ratio below which it signals a change, in (0, warningLevel]
     */
    public record Config(int minInstances, int minErrors, double warningLevel, double driftLevel) {

        public static final Config DEFAULTS = new Config(30, 30, 0.95, 0.9);

        public Config {
            if (minInstances < 0) {
                throw new IllegalArgumentException("minInstances must be >= 0, got " + minInstances);
            }
            if (minErrors < 0) {
                throw new IllegalArgumentException("minErrors must be >= 0, got " + minErrors);
            }
            if (!(warningLevel > 0 && warningLevel <= 1)) {
                throw new IllegalArgumentException("warningLevel must be in (0, 1], got " + warningLevel);
            }
            if (!(driftLevel > 0 && driftLevel <= warningLevel)) {
                throw new IllegalArgumentException("driftLevel must be in (0, warningLevel = " + warningLevel
                    + "], got " + driftLevel);
            }
        }
    }

    private final Config config;
    private long observations;
    private long count;
    private double errors;
    private long lastErrorAt;
    private double meanDistance;
    private double squaredDeviations;
    private double maxMeanPlusTwoStd;
    private double ratio;
    private boolean changeDetected;
    private boolean warningZone;

    public Eddm() {
        this(Config.DEFAULTS);
    }

    public Eddm(Config config) {
        this.config = config;
        reset();
    }

    @Override
    public void reset() {
        observations = 0;
        changeDetected = false;
        warningZone = false;
        ratio = Double.NaN;
        restart();
    }

    /** Starts afresh, as after a change. The warning flag is left as it is, as in MOA. */
    private void restart() {
        count = 1;
        errors = 0;
        lastErrorAt = 0;
        meanDistance = 0;
        squaredDeviations = 0;
        maxMeanPlusTwoStd = 0;
    }

    @Override
    public boolean update(double value) {
        InputChecks.checkFinite("eddm observation", value);
        if (value != 0 && value != 1) {
            throw new InvalidInputException("eddm observes mistakes: 1 (mistake) or 0 (correct), got " + value);
        }
        if (changeDetected) {
            restart();
        }
        observations++;
        changeDetected = false;
        count++;
        if (value == 1) {
            onMistake();
        }
        return changeDetected;
    }

    private void onMistake() {
        warningZone = false;
        errors += 1;
        long errorAt = count - 1;
        long distance = errorAt - lastErrorAt;
        lastErrorAt = errorAt;
        double previousMean = meanDistance;
        meanDistance = meanDistance + (distance - meanDistance) / errors;
        squaredDeviations = squaredDeviations + (distance - meanDistance) * (distance - previousMean);
        double meanPlusTwoStd = meanDistance + 2 * Math.sqrt(squaredDeviations / errors);
        if (meanPlusTwoStd > maxMeanPlusTwoStd) {
            if (count > config.minInstances()) {
                maxMeanPlusTwoStd = meanPlusTwoStd;
            }
            return;
        }
        ratio = meanPlusTwoStd / maxMeanPlusTwoStd;
        boolean armed = count > config.minInstances() && errors > config.minErrors();
        if (armed && ratio < config.driftLevel()) {
            changeDetected = true;
        } else {
            warningZone = armed && ratio < config.warningLevel();
        }
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

    /** Mean distance between consecutive mistakes since the detector last started. */
    @Override
    public double estimation() {
        return meanDistance;
    }

    /** {@code (m' + 2 s') / max(m' + 2 s')} at the last mistake that did not set a new maximum. */
    @Override
    public double statistic() {
        return ratio;
    }

    /** {@code driftLevel}: a ratio below it is a change. */
    @Override
    public double threshold() {
        return config.driftLevel();
    }

    @Override
    public String windowDescription() {
        return "the " + (count - 1) + " observations (" + (long) errors + " mistakes) since the detector last started";
    }

    @Override
    public byte[] toBytes() {
        return StateCodec.encode(KIND, FORMAT_VERSION, out -> {
            out.writeInt(config.minInstances());
            out.writeInt(config.minErrors());
            out.writeDouble(config.warningLevel());
            out.writeDouble(config.driftLevel());
            out.writeLong(observations);
            out.writeLong(count);
            out.writeDouble(errors);
            out.writeLong(lastErrorAt);
            out.writeDouble(meanDistance);
            out.writeDouble(squaredDeviations);
            out.writeDouble(maxMeanPlusTwoStd);
            out.writeDouble(ratio);
            out.writeBoolean(changeDetected);
            out.writeBoolean(warningZone);
        });
    }

    /**
     * Restores an EDDM written by {@link #toBytes()}.
     *
     * @throws StateFormatException when the bytes are not a consistent EDDM state
     */
    public static Eddm fromBytes(byte[] bytes) {
        return StateCodec.decode(bytes, KIND, FORMAT_VERSION, (in, version) -> read(in));
    }

    private static Eddm read(DataInputStream in) throws IOException {
        Eddm eddm = new Eddm(readConfig(in));
        eddm.observations = in.readLong();
        eddm.count = in.readLong();
        eddm.errors = in.readDouble();
        eddm.lastErrorAt = in.readLong();
        eddm.meanDistance = in.readDouble();
        eddm.squaredDeviations = in.readDouble();
        eddm.maxMeanPlusTwoStd = in.readDouble();
        eddm.ratio = in.readDouble();
        eddm.changeDetected = in.readBoolean();
        eddm.warningZone = in.readBoolean();
        if (eddm.count < 1 || eddm.count - 1 > eddm.observations || !(eddm.errors >= 0)
            || eddm.errors > eddm.count || eddm.lastErrorAt < 0 || eddm.lastErrorAt >= eddm.count) {
            throw new StateFormatException("eddm state is inconsistent: count " + eddm.count + ", "
                + eddm.errors + " mistakes, last at " + eddm.lastErrorAt + ", after "
                + eddm.observations + " observations");
        }
        return eddm;
    }

    private static Config readConfig(DataInputStream in) throws IOException {
        try {
            return new Config(in.readInt(), in.readInt(), in.readDouble(), in.readDouble());
        } catch (IllegalArgumentException e) {
            throw new StateFormatException("eddm state has an invalid configuration: " + e.getMessage(), e);
        }
    }
}

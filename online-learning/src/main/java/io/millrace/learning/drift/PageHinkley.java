package io.millrace.learning.drift;

import io.millrace.learning.InputChecks;
import io.millrace.learning.StateCodec;
import io.millrace.learning.StateFormatException;

import java.io.DataInputStream;
import java.io.IOException;

/**
 * The Page-Hinkley test for an increase in the mean of a stream, in the fading form MOA uses.
 *
 * <p>Page, "Continuous Inspection Schemes", Biometrika 41, 1954; as a drift detector in Gama et al.,
 * "On evaluating stream learning algorithms", Machine Learning 90, 2013. With the running mean
 * {@code x̄_t}, the cumulative deviation is {@code m_t = alpha * m_(t-1) + (x_t - x̄_t - delta)}; a change
 * is signalled when {@code m_t > lambda}, once {@code minInstances} observations have been seen. This is
 * exactly the rule of MOA's {@code PageHinkleyDM} (2024.07), so detections fall at MOA's indices; it
 * detects increases only (a rising error rate). After a change the test starts afresh at the next
 * observation, as in MOA.
 *
 * <p>{@link #statistic()} is {@code m_t}, {@link #threshold()} is {@code lambda}.
 */
public final class PageHinkley implements DriftDetector {

    public static final String KIND = "page-hinkley";
    private static final int FORMAT_VERSION = 1;

    /**
     * Page-Hinkley's parameters; {@link #DEFAULTS} are MOA's (and River's).
     *
     * @param minInstances observations before a change may be signalled
     * @param delta        magnitude of change tolerated, subtracted from every deviation
     * @param lambda       the detection threshold on the cumulative deviation
     * @param alpha        fading factor of the cumulative deviation, in (0, 1]
     */
    public record Config(int minInstances, double delta, double lambda, double alpha) {

        public static final Config DEFAULTS = new Config(30, 0.005, 50, 1 - 0.0001);

        public Config {
            if (minInstances < 0) {
                throw new IllegalArgumentException("minInstances must be >= 0, got " + minInstances);
            }
            if (!(delta >= 0) || Double.isInfinite(delta)) {
                throw new IllegalArgumentException("delta must be finite and >= 0, got " + delta);
            }
            if (!(lambda > 0) || Double.isInfinite(lambda)) {
                throw new IllegalArgumentException("lambda must be finite and > 0, got " + lambda);
            }
            if (!(alpha > 0 && alpha <= 1)) {
                throw new IllegalArgumentException("alpha must be in (0, 1], got " + alpha);
            }
        }

        public Config withLambda(double newLambda) {
            return new Config(minInstances, delta, newLambda, alpha);
        }
    }

    private final Config config;
    private long observations;
    private long count;
    private double mean;
    private double sum;
    private boolean changeDetected;

    public PageHinkley() {
        this(Config.DEFAULTS);
    }

    public PageHinkley(Config config) {
        this.config = config;
        reset();
    }

    @Override
    public void reset() {
        observations = 0;
        changeDetected = false;
        restart();
    }

    /** Starts the test afresh, as after a change. */
    private void restart() {
        count = 1;
        mean = 0;
        sum = 0;
    }

    @Override
    public boolean update(double value) {
        InputChecks.checkFinite("page-hinkley observation", value);
        if (changeDetected) {
            restart();
        }
        observations++;
        mean = mean + (value - mean) / count;
        sum = config.alpha() * sum + (value - mean - config.delta());
        count++;
        changeDetected = count >= config.minInstances() && sum > config.lambda();
        return changeDetected;
    }

    /** Page-Hinkley has no warning zone. */
    @Override
    public boolean isWarningZone() {
        return false;
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

    /** Mean of the observations since the test last started. */
    @Override
    public double estimation() {
        return mean;
    }

    /** The cumulative deviation {@code m_t}. */
    @Override
    public double statistic() {
        return sum;
    }

    /** {@code lambda}. */
    @Override
    public double threshold() {
        return config.lambda();
    }

    @Override
    public String windowDescription() {
        return "the " + (count - 1) + " observations since the test last started";
    }

    @Override
    public byte[] toBytes() {
        return StateCodec.encode(KIND, FORMAT_VERSION, out -> {
            out.writeInt(config.minInstances());
            out.writeDouble(config.delta());
            out.writeDouble(config.lambda());
            out.writeDouble(config.alpha());
            out.writeLong(observations);
            out.writeLong(count);
            out.writeDouble(mean);
            out.writeDouble(sum);
            out.writeBoolean(changeDetected);
        });
    }

    /**
     * Restores a Page-Hinkley test written by {@link #toBytes()}.
     *
     * @throws StateFormatException when the bytes are not a consistent Page-Hinkley state
     */
    public static PageHinkley fromBytes(byte[] bytes) {
        return StateCodec.decode(bytes, KIND, FORMAT_VERSION, (in, version) -> read(in));
    }

    private static PageHinkley read(DataInputStream in) throws IOException {
        PageHinkley detector = new PageHinkley(readConfig(in));
        detector.observations = in.readLong();
        detector.count = in.readLong();
        detector.mean = in.readDouble();
        detector.sum = in.readDouble();
        detector.changeDetected = in.readBoolean();
        if (detector.count < 1 || detector.count - 1 > detector.observations) {
            throw new StateFormatException("page-hinkley state is inconsistent: count " + detector.count
                + " after " + detector.observations + " observations");
        }
        return detector;
    }

    private static Config readConfig(DataInputStream in) throws IOException {
        try {
            return new Config(in.readInt(), in.readDouble(), in.readDouble(), in.readDouble());
        } catch (IllegalArgumentException e) {
            throw new StateFormatException("page-hinkley state has an invalid configuration: " + e.getMessage(), e);
        }
    }
}

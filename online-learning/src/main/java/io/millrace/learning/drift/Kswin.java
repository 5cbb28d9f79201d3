package io.millrace.learning.drift;

import io.millrace.learning.InputChecks;
import io.millrace.learning.StateCodec;
import io.millrace.learning.StateFormatException;

import java.io.DataInputStream;
import java.io.IOException;

/**
 * KSWIN, Kolmogorov-Smirnov windowing: keeps a sliding window of the last {@code windowSize}
 * observations and, once it is full, compares its newest {@code statSize} observations with
 * {@code statSize} drawn at random (without replacement) from the older part, by the two-sample
 * Kolmogorov-Smirnov test with an exact p-value. A change is signalled when the p-value is at most
 * {@code alpha} and the KS distance exceeds {@value #MIN_DISTANCE}; the window then keeps only its
 * newest {@code statSize} observations, the first of the new concept.
 *
 * <p>Raab, Heusinger and Schleif, "Reactive Soft Prototype Computing for Concept Drift Streams",
 * Neurocomputing 416, 2020. The defaults and the distance rule are those of the authors' implementation
 * (scikit-multiflow) and River. Unlike those, the sampling is seeded by default and its generator's state
 * is part of the saved state, so a restored detector draws the same samples and detects at the same
 * indices. KSWIN is distribution-free: it watches any numeric stream, not only errors.
 *
 * <p>{@link #statistic()} is the p-value of the last test, {@link #threshold()} is {@code alpha};
 * {@link #distance()} is the KS distance itself.
 */
public final class Kswin implements DriftDetector {

    public static final String KIND = "kswin";
    /** The KS distance a test must also exceed to signal a change (as in scikit-multiflow and River). */
    public static final double MIN_DISTANCE = 0.1;
    private static final int FORMAT_VERSION = 1;
    private static final int MAX_WINDOW = 1 << 24;

    /**
     * KSWIN's parameters; {@link #DEFAULTS} are River's ({@code alpha=0.005, window_size=100,
     * stat_size=30}), with a fixed seed.
     *
     * @param alpha      significance level of the KS test, in (0, 1)
     * @param windowSize observations in the sliding window
     * @param statSize   observations in each of the two compared samples; at most half the window
     * @param seed       seed of the sampling
     */
    public record Config(double alpha, int windowSize, int statSize, long seed) {

        public static final Config DEFAULTS = new Config(0.005, 100, 30, 42L);

        public Config {
            if (!(alpha > 0 && alpha < 1)) {
                throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
            }
            if (statSize < 1) {
                throw new IllegalArgumentException("statSize must be >= 1, got " + statSize);
            }
            if (windowSize < 2 * statSize || windowSize > MAX_WINDOW) {
                throw new IllegalArgumentException("windowSize must be in [2 * statSize = " + 2 * statSize
                    + ", " + MAX_WINDOW + "], got " + windowSize);
            }
        }

        public Config withSeed(long newSeed) {
            return new Config(alpha, windowSize, statSize, newSeed);
        }
    }

    private final Config config;
    private final double[] window;
    private final int[] olderIndices;
    private SplitMix64 random;
    private int start;
    private int size;
    private long observations;
    private double pValue;
    private double distance;
    private boolean changeDetected;

    public Kswin() {
        this(Config.DEFAULTS);
    }

    public Kswin(Config config) {
        this.config = config;
        this.window = new double[config.windowSize()];
        this.olderIndices = new int[config.windowSize() - config.statSize()];
        reset();
    }

    @Override
    public void reset() {
        random = new SplitMix64(config.seed());
        start = 0;
        size = 0;
        observations = 0;
        pValue = Double.NaN;
        distance = Double.NaN;
        changeDetected = false;
    }

    @Override
    public boolean update(double value) {
        InputChecks.checkFinite("kswin observation", value);
        if (changeDetected) {
            keepNewest(config.statSize());
        }
        observations++;
        append(value);
        changeDetected = false;
        if (size < window.length) {
            return false;
        }
        KolmogorovSmirnov.Result test = KolmogorovSmirnov.testSorting(sampleOlder(), newest());
        pValue = test.pValue();
        distance = test.statistic();
        changeDetected = pValue <= config.alpha() && distance > MIN_DISTANCE;
        return changeDetected;
    }

    private void append(double value) {
        if (size < window.length) {
            window[(start + size) % window.length] = value;
            size++;
        } else {
            window[start] = value;
            start = (start + 1) % window.length;
        }
    }

    private void keepNewest(int count) {
        start = (start + size - count) % window.length;
        size = count;
    }

    /** {@code statSize} of the older observations, drawn without replacement (partial Fisher-Yates). */
    private double[] sampleOlder() {
        int older = olderIndices.length;
        for (int i = 0; i < older; i++) {
            olderIndices[i] = i;
        }
        double[] sample = new double[config.statSize()];
        for (int i = 0; i < sample.length; i++) {
            int pick = i + random.nextInt(older - i);
            int index = olderIndices[pick];
            olderIndices[pick] = olderIndices[i];
            olderIndices[i] = index;
            sample[i] = at(index);
        }
        return sample;
    }

    private double[] newest() {
        double[] newest = new double[config.statSize()];
        int first = window.length - newest.length;
        for (int i = 0; i < newest.length; i++) {
            newest[i] = at(first + i);
        }
        return newest;
    }

    /** The i-th observation of the window, oldest first. */
    private double at(int i) {
        return window[(start + i) % window.length];
    }

    /** KSWIN has no warning zone. */
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

    /** Observations currently in the window. */
    public int windowLength() {
        return size;
    }

    /** Mean of the observations in the window; NaN while it is empty. */
    @Override
    public double estimation() {
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += at(i);
        }
        return sum / size;
    }

    /** The p-value of the last test; NaN before the window first filled. */
    @Override
    public double statistic() {
        return pValue;
    }

    /** {@code alpha}: a p-value at or below it (with a large enough distance) is a change. */
    @Override
    public double threshold() {
        return config.alpha();
    }

    /** The KS distance of the last test; NaN before the window first filled. */
    public double distance() {
        return distance;
    }

    @Override
    public String windowDescription() {
        return "newest " + config.statSize() + " of a " + size + "-observation window against "
            + config.statSize() + " sampled from the older ones";
    }

    @Override
    public byte[] toBytes() {
        return StateCodec.encode(KIND, FORMAT_VERSION, out -> {
            out.writeDouble(config.alpha());
            out.writeInt(config.windowSize());
            out.writeInt(config.statSize());
            out.writeLong(config.seed());
            out.writeLong(random.state());
            out.writeLong(observations);
            out.writeDouble(pValue);
            out.writeDouble(distance);
            out.writeBoolean(changeDetected);
            out.writeInt(size);
            for (int i = 0; i < size; i++) {
                out.writeDouble(at(i));
            }
        });
    }

    /**
     * Restores a KSWIN written by {@link #toBytes()}.
     *
     * @throws StateFormatException when the bytes are not a consistent KSWIN state
     */
    public static Kswin fromBytes(byte[] bytes) {
        return StateCodec.decode(bytes, KIND, FORMAT_VERSION, (in, version) -> read(in));
    }

    private static Kswin read(DataInputStream in) throws IOException {
        Kswin kswin = new Kswin(readConfig(in));
        kswin.random = new SplitMix64(in.readLong());
        kswin.observations = in.readLong();
        kswin.pValue = in.readDouble();
        kswin.distance = in.readDouble();
        kswin.changeDetected = in.readBoolean();
        int size = in.readInt();
        if (size < 0 || size > kswin.window.length || size > kswin.observations
            || kswin.changeDetected && size != kswin.window.length) {
            throw new StateFormatException("kswin state holds " + size + " observations in a window of "
                + kswin.window.length + " after " + kswin.observations + " observations");
        }
        for (int i = 0; i < size; i++) {
            kswin.append(in.readDouble());
        }
        return kswin;
    }

    private static Config readConfig(DataInputStream in) throws IOException {
        try {
            return new Config(in.readDouble(), in.readInt(), in.readInt(), in.readLong());
        } catch (IllegalArgumentException e) {
            throw new StateFormatException("kswin state has an invalid configuration: " + e.getMessage(), e);
        }
    }
}

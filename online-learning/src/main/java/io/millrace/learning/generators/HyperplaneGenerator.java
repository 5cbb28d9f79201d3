package io.millrace.learning.generators;

import io.millrace.learning.Attribute;
import io.millrace.learning.Header;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The rotating hyperplane stream: attributes uniform in [0, 1), class 1 when
 * {@code sum(w_i x_i) >= 0.5 * sum(w_i)}. After every instance the weights of the first
 * {@code numDriftAtts} attributes move by {@code magChange} in their current direction, and each
 * direction reverses with probability {@code sigmaPercentage}%: a gradual, continuous drift.
 *
 * <p>G. Hulten, L. Spencer and P. Domingos, "Mining time-changing data streams", KDD 2001; the drift as
 * in W. Fan, "Systematic data selection to mine concept-drifting data streams", KDD 2004. Instance for
 * instance equal to MOA's {@code HyperplaneGenerator} (two classes) for the same options and seed.
 */
public final class HyperplaneGenerator implements InstanceStream {

    /**
     * Options, defaults as MOA's.
     *
     * @param numAtts         number of attributes (MOA {@code -a}, default 10)
     * @param numDriftAtts    how many of the first attributes drift (MOA {@code -k}, default 2)
     * @param magChange       weight change per instance, 0 to 1 (MOA {@code -t}, default 0: no drift)
     * @param noisePercentage percentage of labels flipped (MOA {@code -n}, default 5)
     * @param sigmaPercentage chance in percent that a drift direction reverses (MOA {@code -s}, default 10)
     * @param seed            seed of the instance random generator (MOA {@code -i}, default 1)
     */
    public record Config(int numAtts, int numDriftAtts, double magChange, int noisePercentage,
                         int sigmaPercentage, long seed) {

        public static final Config DEFAULT = new Config(10, 2, 0.0, 5, 10, 1);

        public Config {
            GeneratorChecks.atLeast("numAtts", numAtts, 1);
            GeneratorChecks.inRange("numDriftAtts", numDriftAtts, 0, numAtts);
            GeneratorChecks.inRange("magChange", magChange, 0.0, 1.0);
            GeneratorChecks.inRange("noisePercentage", noisePercentage, 0, 100);
            GeneratorChecks.inRange("sigmaPercentage", sigmaPercentage, 0, 100);
        }

        /** Another number of attributes; the drifting ones are capped at it. */
        public Config withNumAtts(int value) {
            return new Config(value, Math.min(numDriftAtts, value), magChange, noisePercentage, sigmaPercentage, seed);
        }

        public Config withNumDriftAtts(int value) {
            return new Config(numAtts, value, magChange, noisePercentage, sigmaPercentage, seed);
        }

        public Config withMagChange(double value) {
            return new Config(numAtts, numDriftAtts, value, noisePercentage, sigmaPercentage, seed);
        }

        public Config withNoisePercentage(int value) {
            return new Config(numAtts, numDriftAtts, magChange, value, sigmaPercentage, seed);
        }

        public Config withSigmaPercentage(int value) {
            return new Config(numAtts, numDriftAtts, magChange, noisePercentage, value, seed);
        }

        public Config withSeed(long value) {
            return new Config(numAtts, numDriftAtts, magChange, noisePercentage, sigmaPercentage, value);
        }
    }

    private final Config config;
    private final Header header;
    private Random random;
    private double[] weights;
    private int[] directions;

    public HyperplaneGenerator(Config config) {
        this.config = config;
        this.header = header(config.numAtts());
        restart();
    }

    /** The header of a hyperplane stream: {@code att1..attN} numeric, class {@code class1, class2}. */
    public static Header header(int numAtts) {
        List<Attribute> features = new ArrayList<>(numAtts);
        for (int i = 1; i <= numAtts; i++) {
            features.add(Attribute.numeric("att" + i));
        }
        return new Header("hyperplane", features, Attribute.nominal("class", "class1", "class2"));
    }

    public Config config() {
        return config;
    }

    /** A copy of the current hyperplane weights (they rotate as instances are drawn). */
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public Header header() {
        return header;
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public Instance next() {
        double[] x = new double[config.numAtts()];
        double sum = 0.0;
        double sumWeights = 0.0;
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble();
            sum += weights[i] * x[i];
            sumWeights += weights[i];
        }
        int label = sum >= sumWeights * 0.5 ? 1 : 0;
        if (1 + random.nextInt(100) <= config.noisePercentage()) {
            label = 1 - label;
        }
        rotate();
        return new Instance(x, label, header);
    }

    /** Moves the drifting weights one step and reverses some directions at random. */
    private void rotate() {
        for (int i = 0; i < config.numDriftAtts(); i++) {
            weights[i] += directions[i] * config.magChange();
            if (1 + random.nextInt(100) <= config.sigmaPercentage()) {
                directions[i] = -directions[i];
            }
        }
    }

    @Override
    public void restart() {
        random = new Random(config.seed());
        weights = new double[config.numAtts()];
        directions = new int[config.numAtts()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = random.nextDouble();
            directions[i] = i < config.numDriftAtts() ? 1 : 0;
        }
    }
}

package io.millrace.learning.generators;

import io.millrace.learning.Attribute;
import io.millrace.learning.Header;
import java.util.List;
import java.util.Random;

/**
 * The SEA concepts stream: three numeric attributes uniform in [0, 10), of which only the first two
 * matter; the class is whether their sum exceeds a threshold that depends on the concept (function 1:
 * 8, 2: 9, 3: 7, 4: 9.5). A share of labels is flipped as noise.
 *
 * <p>W. N. Street and Y. Kim, "A streaming ensemble algorithm (SEA) for large-scale classification",
 * KDD 2001. Instance for instance equal to MOA's {@code SEAGenerator} with the same options and
 * {@code instanceRandomSeed}: the same {@link Random} draws in the same order.
 */
public final class SeaGenerator implements InstanceStream {

    /** The four SEA thresholds on {@code attrib1 + attrib2}, for functions 1 to 4. */
    private static final double[] THRESHOLDS = {8.0, 9.0, 7.0, 9.5};

    /**
     * Options, defaults as MOA's.
     *
     * @param function        concept 1 to 4 (MOA {@code -f}, default 1)
     * @param noisePercentage percentage of labels flipped, 0 to 100 (MOA {@code -p}, default 10)
     * @param balanceClasses  alternate the classes, rejecting draws of the wrong class (MOA {@code -b})
     * @param seed            seed of the instance random generator (MOA {@code -i}, default 1)
     */
    public record Config(int function, int noisePercentage, boolean balanceClasses, long seed) {

        public static final Config DEFAULT = new Config(1, 10, false, 1);

        public Config {
            GeneratorChecks.inRange("function", function, 1, THRESHOLDS.length);
            GeneratorChecks.inRange("noisePercentage", noisePercentage, 0, 100);
        }

        public Config withFunction(int value) {
            return new Config(value, noisePercentage, balanceClasses, seed);
        }

        public Config withNoisePercentage(int value) {
            return new Config(function, value, balanceClasses, seed);
        }

        public Config withBalanceClasses(boolean value) {
            return new Config(function, noisePercentage, value, seed);
        }

        public Config withSeed(long value) {
            return new Config(function, noisePercentage, balanceClasses, value);
        }
    }

    public static final Header HEADER = new Header("sea",
        List.of(Attribute.numeric("attrib1"), Attribute.numeric("attrib2"), Attribute.numeric("attrib3")),
        Attribute.nominal("class", "groupA", "groupB"));

    private final Config config;
    private final double threshold;
    private Random random;
    private boolean nextClassShouldBeZero;

    public SeaGenerator(Config config) {
        this.config = config;
        this.threshold = THRESHOLDS[config.function() - 1];
        restart();
    }

    public Config config() {
        return config;
    }

    @Override
    public Header header() {
        return HEADER;
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public Instance next() {
        double[] x;
        int group;
        do {
            x = new double[] {10 * random.nextDouble(), 10 * random.nextDouble(), 10 * random.nextDouble()};
            group = x[0] + x[1] <= threshold ? 0 : 1;
        } while (!acceptClass(group));
        if (1 + random.nextInt(100) <= config.noisePercentage()) {
            group = 1 - group;
        }
        return new Instance(x, group, HEADER);
    }

    /** With balanced classes, accepts only the class whose turn it is and then passes the turn. */
    private boolean acceptClass(int group) {
        if (!config.balanceClasses()) {
            return true;
        }
        if ((group == 0) != nextClassShouldBeZero) {
            return false;
        }
        nextClassShouldBeZero = !nextClassShouldBeZero;
        return true;
    }

    @Override
    public void restart() {
        random = new Random(config.seed());
        nextClassShouldBeZero = false;
    }
}

package io.millrace.learning.generators;

import io.millrace.learning.Header;
import java.util.Random;

/**
 * The random radial basis function stream: a fixed set of centroids, each with a random centre in the
 * unit cube, a class, a standard deviation and a weight; each instance is drawn around a centroid chosen
 * by weight. A stationary stream with non-linear class boundaries.
 *
 * <p>As defined by R. Kirkby for MOA ({@code RandomRBFGenerator}; Bifet et al., "MOA: Massive Online
 * Analysis", JMLR 11, 2010). Instance for instance equal to MOA's for the same options and seeds.
 */
public final class RandomRbfGenerator implements InstanceStream {

    /**
     * Options, defaults as MOA's.
     *
     * @param numClasses   number of classes (MOA {@code -c}, default 2)
     * @param numAtts      number of numeric attributes (MOA {@code -a}, default 10)
     * @param numCentroids number of centroids (MOA {@code -n}, default 50)
     * @param modelSeed    seed of the centroids (MOA {@code -r modelRandomSeed}, default 1)
     * @param seed         seed of the instance random generator (MOA {@code -i}, default 1)
     */
    public record Config(int numClasses, int numAtts, int numCentroids, long modelSeed, long seed) {

        public static final Config DEFAULT = new Config(2, 10, 50, 1, 1);

        public Config {
            GeneratorChecks.atLeast("numClasses", numClasses, 2);
            GeneratorChecks.atLeast("numAtts", numAtts, 1);
            GeneratorChecks.atLeast("numCentroids", numCentroids, 1);
        }

        public Config withNumClasses(int value) {
            return new Config(value, numAtts, numCentroids, modelSeed, seed);
        }

        public Config withNumAtts(int value) {
            return new Config(numClasses, value, numCentroids, modelSeed, seed);
        }

        public Config withNumCentroids(int value) {
            return new Config(numClasses, numAtts, value, modelSeed, seed);
        }

        public Config withModelSeed(long value) {
            return new Config(numClasses, numAtts, numCentroids, value, seed);
        }

        public Config withSeed(long value) {
            return new Config(numClasses, numAtts, numCentroids, modelSeed, value);
        }
    }

    private final Config config;
    private final Header header;
    private final RbfModel model;
    private Random random;

    public RandomRbfGenerator(Config config) {
        this.config = config;
        this.header = RbfModel.header("rbf", config.numAtts(), config.numClasses());
        this.model = new RbfModel(config.modelSeed(), config.numCentroids(), config.numAtts(), config.numClasses());
        restart();
    }

    public Config config() {
        return config;
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
        return model.sample(random, header);
    }

    @Override
    public void restart() {
        random = new Random(config.seed());
    }
}

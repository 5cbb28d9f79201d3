package io.millrace.learning.generators;

import io.millrace.learning.Header;
import java.util.Random;

/**
 * The random RBF stream with drift: as {@link RandomRbfGenerator}, but before every instance the
 * centres of the first {@code numDriftCentroids} centroids move by {@code speedChange} along a fixed
 * random unit direction, bouncing off the walls of the unit cube: a gradual, continuous drift whose
 * speed is {@code speedChange}. With speed 0 it equals {@link RandomRbfGenerator}.
 *
 * <p>MOA's {@code RandomRBFGeneratorDrift} (Bifet et al., "New ensemble methods for evolving data
 * streams", KDD 2009). Instance for instance equal to MOA's for the same options and seeds; one
 * difference on purpose: {@link #restart()} also puts the centroids back where they started, so a
 * restarted stream replays exactly (MOA's restart keeps the drifted centres).
 */
public final class RandomRbfDriftGenerator implements InstanceStream {

    /**
     * Options, defaults as MOA's.
     *
     * @param base              the centroid model and seeds, as for {@link RandomRbfGenerator}
     * @param speedChange       distance a drifting centre moves per instance (MOA {@code -s}, default 0)
     * @param numDriftCentroids how many of the first centroids drift, capped at the number of centroids
     *                          (MOA {@code -k}, default 50)
     */
    public record Config(RandomRbfGenerator.Config base, double speedChange, int numDriftCentroids) {

        public static final Config DEFAULT = new Config(RandomRbfGenerator.Config.DEFAULT, 0.0, 50);

        public Config {
            java.util.Objects.requireNonNull(base, "base");
            GeneratorChecks.finiteAtLeast("speedChange", speedChange, 0.0);
            GeneratorChecks.atLeast("numDriftCentroids", numDriftCentroids, 0);
        }

        public Config withBase(RandomRbfGenerator.Config value) {
            return new Config(value, speedChange, numDriftCentroids);
        }

        public Config withSpeedChange(double value) {
            return new Config(base, value, numDriftCentroids);
        }

        public Config withNumDriftCentroids(int value) {
            return new Config(base, speedChange, value);
        }
    }

    private final Config config;
    private final Header header;
    private final int driftingCentroids;
    private RbfModel model;
    private double[][] velocities;
    private Random random;

    public RandomRbfDriftGenerator(Config config) {
        this.config = config;
        RandomRbfGenerator.Config base = config.base();
        this.header = RbfModel.header("rbf", base.numAtts(), base.numClasses());
        this.driftingCentroids = Math.min(config.numDriftCentroids(), base.numCentroids());
        restart();
    }

    public Config config() {
        return config;
    }

    /** A copy of a centroid's current centre (drifting centroids move as instances are drawn). */
    public double[] centre(int centroid) {
        return model.centres[centroid].clone();
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
        moveCentroids();
        return model.sample(random, header);
    }

    private void moveCentroids() {
        double speed = config.speedChange();
        for (int c = 0; c < driftingCentroids; c++) {
            double[] centre = model.centres[c];
            double[] velocity = velocities[c];
            for (int i = 0; i < centre.length; i++) {
                centre[i] += velocity[i] * speed;
                if (centre[i] > 1) {
                    centre[i] = 1;
                    velocity[i] = -velocity[i];
                }
                if (centre[i] < 0) {
                    centre[i] = 0;
                    velocity[i] = -velocity[i];
                }
            }
        }
    }

    /** Unit directions for the drifting centroids, drawn from a second {@code new Random(modelSeed)} as MOA. */
    private static double[][] drawVelocities(long modelSeed, int count, int numAtts) {
        Random draws = new Random(modelSeed);
        double[][] velocities = new double[count][numAtts];
        for (int c = 0; c < count; c++) {
            double norm = 0.0;
            for (int j = 0; j < numAtts; j++) {
                velocities[c][j] = draws.nextDouble();
                norm += velocities[c][j] * velocities[c][j];
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < numAtts; j++) {
                velocities[c][j] /= norm;
            }
        }
        return velocities;
    }

    @Override
    public void restart() {
        RandomRbfGenerator.Config base = config.base();
        model = new RbfModel(base.modelSeed(), base.numCentroids(), base.numAtts(), base.numClasses());
        velocities = drawVelocities(base.modelSeed(), driftingCentroids, base.numAtts());
        random = new Random(base.seed());
    }
}

package io.millrace.learning.generators;

import io.millrace.learning.Attribute;
import io.millrace.learning.Header;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The centroids of a random radial basis function stream and the sampling of one instance around them,
 * shared by {@link RandomRbfGenerator} and {@link RandomRbfDriftGenerator}. The draws follow MOA's
 * {@code RandomRBFGenerator} exactly (model random for the centroids, instance random for the rest).
 */
final class RbfModel {

    final double[][] centres;
    final int[] labels;
    final double[] stdDevs;
    final double[] weights;

    /** Draws {@code numCentroids} centroids from {@code new Random(modelSeed)} as MOA does. */
    RbfModel(long modelSeed, int numCentroids, int numAtts, int numClasses) {
        Random model = new Random(modelSeed);
        centres = new double[numCentroids][];
        labels = new int[numCentroids];
        stdDevs = new double[numCentroids];
        weights = new double[numCentroids];
        for (int c = 0; c < numCentroids; c++) {
            double[] centre = new double[numAtts];
            for (int j = 0; j < numAtts; j++) {
                centre[j] = model.nextDouble();
            }
            centres[c] = centre;
            labels[c] = model.nextInt(numClasses);
            stdDevs[c] = model.nextDouble();
            weights[c] = model.nextDouble();
        }
    }

    /**
     * One instance: a centroid chosen by weight, a random direction, and a Gaussian distance scaled by
     * the centroid's standard deviation.
     */
    Instance sample(Random random, Header header) {
        int c = chooseByWeight(random);
        double[] centre = centres[c];
        double[] x = new double[centre.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble() * 2.0 - 1.0;
        }
        double magnitude = 0.0;
        for (double v : x) {
            magnitude += v * v;
        }
        magnitude = Math.sqrt(magnitude);
        double scale = random.nextGaussian() * stdDevs[c] / magnitude;
        for (int i = 0; i < x.length; i++) {
            x[i] = centre[i] + x[i] * scale;
        }
        return new Instance(x, labels[c], header);
    }

    /** Roulette-wheel choice over the centroid weights, scanning in order as MOA's MiscUtils does. */
    private int chooseByWeight(Random random) {
        double total = 0.0;
        for (double w : weights) {
            total += w;
        }
        double target = random.nextDouble() * total;
        int index = 0;
        double sum = 0.0;
        while (sum <= target && index < weights.length) {
            sum += weights[index++];
        }
        return index - 1;
    }

    /** The header of an RBF stream: {@code att1..attN} numeric, class {@code class1..classK}. */
    static Header header(String name, int numAtts, int numClasses) {
        List<Attribute> features = new ArrayList<>(numAtts);
        for (int i = 1; i <= numAtts; i++) {
            features.add(Attribute.numeric("att" + i));
        }
        List<String> classes = new ArrayList<>(numClasses);
        for (int i = 1; i <= numClasses; i++) {
            classes.add("class" + i);
        }
        return new Header(name, features, Attribute.nominal("class", classes));
    }
}

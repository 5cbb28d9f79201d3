package io.millrace.learning.neural;

import io.millrace.learning.Attribute;
import io.millrace.learning.Header;

import java.util.List;
import java.util.SplittableRandom;

/** Seeded test streams for the multi-layer perceptron. */
final class Rows {

    /** Two numbers in [-1, 1] and a colour; the target is set per stream. */
    static Header header(Attribute target) {
        return new Header("xor", List.of(Attribute.numeric("x1"), Attribute.numeric("x2"),
            Attribute.nominal("colour", "red", "green", "blue")), target);
    }

    static Header binary() {
        return header(Attribute.nominal("class", "no", "yes"));
    }

    static Header threeClasses() {
        return header(Attribute.nominal("class", "a", "b", "c"));
    }

    static Header regression() {
        return header(Attribute.numeric("y"));
    }

    /** A labelled stream: features and targets, row for row. */
    record Stream(double[][] features, double[] targets) {

        int size() {
            return targets.length;
        }
    }

    /** XOR of the two signs, flipped for blue: no linear model does better than chance. */
    static Stream xor(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = row(random);
            boolean sameSign = x[i][0] * x[i][1] > 0;
            y[i] = sameSign ^ x[i][2] == 2 ? 1 : 0;
        }
        return new Stream(x, y);
    }

    /** Three classes, each the largest of three linear scores (a colour shifts one of them). */
    static Stream linearThreeClasses(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = row(random);
            double[] scores = {x[i][0] + x[i][1], x[i][0] - x[i][1] + (x[i][2] == 1 ? 0.5 : 0), -x[i][0]};
            y[i] = scores[0] >= scores[1] && scores[0] >= scores[2] ? 0 : scores[1] >= scores[2] ? 1 : 2;
        }
        return new Stream(x, y);
    }

    /** A smooth non-linear target with Gaussian noise of standard deviation {@code noise}. */
    static Stream smoothRegression(long seed, int n, double noise) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = row(random);
            y[i] = Math.sin(2 * x[i][0]) + x[i][1] * x[i][1] + (x[i][2] == 0 ? 0.5 : 0) + noise * gaussian(random);
        }
        return new Stream(x, y);
    }

    private static double[] row(SplittableRandom random) {
        return new double[] {random.nextDouble(-1, 1), random.nextDouble(-1, 1), random.nextInt(3)};
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private Rows() {
    }
}

package io.millrace.learning.drift;

import com.yahoo.labs.samoa.instances.Instance;
import moa.classifiers.trees.HoeffdingTree;
import moa.core.Utils;
import moa.streams.generators.SEAGenerator;

import java.util.Random;

/** Seeded input sequences shared by the detector tests. */
final class Streams {

    private Streams() {
    }

    /** 0/1 mistakes with error rate {@code before} up to {@code changeAt}, {@code after} from there. */
    static double[] abruptBernoulli(long seed, int length, int changeAt, double before, double after) {
        Random random = new Random(seed);
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = random.nextDouble() < (i < changeAt ? before : after) ? 1 : 0;
        }
        return values;
    }

    /** 0/1 mistakes whose error rate rises linearly from {@code before} to {@code after} over a span. */
    static double[] gradualBernoulli(long seed, int length, int start, int span, double before, double after) {
        Random random = new Random(seed);
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            double progress = Math.min(1, Math.max(0, (i - start) / (double) span));
            values[i] = random.nextDouble() < before + progress * (after - before) ? 1 : 0;
        }
        return values;
    }

    /** Gaussian noise around a mean that steps from {@code before} to {@code after} at {@code changeAt}. */
    static double[] gaussianShift(long seed, int length, int changeAt, double before, double after, double sd) {
        Random random = new Random(seed);
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = (i < changeAt ? before : after) + sd * random.nextGaussian();
        }
        return values;
    }

    /** Gaussian noise with a mean that goes up and down several times (changes in both directions). */
    static double[] gaussianSteps(long seed, int length, int stepLength, double sd) {
        Random random = new Random(seed);
        double[] means = {0.0, 1.0, 0.3, 0.8, -0.5};
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = means[(i / stepLength) % means.length] + sd * random.nextGaussian();
        }
        return values;
    }

    /**
     * The prequential 0/1 error stream of MOA's Hoeffding tree on SEA, switching abruptly from function 1
     * to function 4 at {@code changeAt}.
     */
    static double[] seaErrors(int seed, int length, int changeAt) {
        SEAGenerator first = sea(1, seed);
        SEAGenerator second = sea(4, seed + 1);
        HoeffdingTree tree = new HoeffdingTree();
        tree.setModelContext(first.getHeader());
        tree.prepareForUse();
        double[] errors = new double[length];
        for (int i = 0; i < length; i++) {
            Instance instance = (i < changeAt ? first : second).nextInstance().getData();
            int predicted = Utils.maxIndex(tree.getVotesForInstance(instance));
            errors[i] = predicted == (int) instance.classValue() ? 0 : 1;
            tree.trainOnInstance(instance);
        }
        return errors;
    }

    private static SEAGenerator sea(int function, int seed) {
        SEAGenerator generator = new SEAGenerator();
        generator.functionOption.setValue(function);
        generator.instanceRandomSeedOption.setValue(seed);
        generator.prepareForUse();
        return generator;
    }
}

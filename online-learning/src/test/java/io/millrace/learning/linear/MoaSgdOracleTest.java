package io.millrace.learning.linear;

import com.yahoo.labs.samoa.instances.Instance;
import io.millrace.learning.Attribute;
import io.millrace.learning.Header;
import moa.classifiers.functions.SGD;
import moa.streams.generators.HyperplaneGenerator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MOA's {@code moa.classifiers.functions.SGD} with the log loss, rate 0.01 and no regularisation is the
 * same algorithm as our logistic regression with plain SGD at 0.01 and an intercept rate of 0.01 (it
 * writes the gradient as {@code y * dloss(y * z)} with {@code y} in {-1, 1}): on MOA's Hyperplane stream
 * the two must give the same probabilities up to rounding, hence the same prequential accuracy.
 */
class MoaSgdOracleTest {

    private static final int INSTANCES = 50_000;

    private static HyperplaneGenerator hyperplane(int seed, double magnitudeOfChange) {
        HyperplaneGenerator generator = new HyperplaneGenerator();
        generator.instanceRandomSeedOption.setValue(seed);
        generator.magChangeOption.setValue(magnitudeOfChange);
        generator.prepareForUse();
        return generator;
    }

    private static Header header(int features) {
        List<Attribute> attributes = new ArrayList<>();
        for (int j = 0; j < features; j++) {
            attributes.add(Attribute.numeric("att" + (j + 1)));
        }
        return new Header("hyperplane", attributes, Attribute.nominal("class", "class1", "class2"));
    }

    private static SGD moaLogisticSgd(HyperplaneGenerator generator) {
        SGD sgd = new SGD();
        sgd.lossFunctionOption.setChosenIndex(1);
        sgd.learningRateOption.setValue(0.01);
        sgd.lambdaRegularizationOption.setValue(0.0);
        sgd.setModelContext(generator.getHeader());
        sgd.prepareForUse();
        return sgd;
    }

    private static double[] features(Instance instance) {
        double[] x = new double[instance.numAttributes() - 1];
        for (int j = 0; j < x.length; j++) {
            x[j] = instance.value(j);
        }
        return x;
    }

    @Test
    void plainSgdGivesMoaSgdsProbabilities() {
        HyperplaneGenerator generator = hyperplane(1, 0.0);
        SGD moa = moaLogisticSgd(generator);
        LogisticRegression ours = new LogisticRegression(header(10));
        double largestGap = 0;
        int oursCorrect = 0;
        int moaCorrect = 0;
        for (int i = 0; i < INSTANCES; i++) {
            Instance instance = generator.nextInstance().getData();
            double[] x = features(instance);
            int label = (int) instance.classValue();
            double[] moaVotes = moa.getVotesForInstance(instance);
            double oursP1 = ours.probability(x);
            if (i > 0) {
                largestGap = Math.max(largestGap, Math.abs(moaVotes[1] - oursP1));
                moaCorrect += (moaVotes[1] > moaVotes[0] ? 1 : 0) == label ? 1 : 0;
                oursCorrect += ours.predictClass(x) == label ? 1 : 0;
            }
            moa.trainOnInstance(instance);
            ours.learn(x, label);
        }
        assertThat(largestGap).isLessThan(1e-9);
        assertThat(Math.abs(oursCorrect - moaCorrect)).isLessThanOrEqualTo(2);
        assertThat(oursCorrect / (double) (INSTANCES - 1)).isGreaterThan(0.80);
    }

    @Test
    void tunedAdaptiveOptimisersBeatMoaSgdOnStillAndDriftingHyperplanes() {
        // Hyperplane features lie in [0, 1], so the intercept must travel far (about -sum(w)/2): at River's
        // small default rates AdaGrad (0.1) and FTRL (alpha 0.05) get there slowly, at 1 and 2 they beat SGD.
        for (double drift : new double[] {0.0, 0.001}) {
            double moa = prequentialAccuracy(null, drift);
            assertThat(prequentialAccuracy(new Optimizer.Sgd(), drift)).as("drift %s", drift).isEqualTo(moa);
            assertThat(prequentialAccuracy(new Optimizer.AdaGrad(1.0, 1e-8), drift)).as("drift %s", drift).isGreaterThan(moa + 0.03);
            assertThat(prequentialAccuracy(new Optimizer.Ftrl(2.0, 1.0), drift)).as("drift %s", drift).isGreaterThan(moa + 0.03);
        }
        assertThat(prequentialAccuracy(null, 0.0)).isEqualTo(0.87112);
    }

    /** Prequential accuracy of ours with {@code optimizer}, or of MOA's SGD when it is null. */
    private static double prequentialAccuracy(Optimizer optimizer, double drift) {
        HyperplaneGenerator generator = hyperplane(2, drift);
        SGD moa = moaLogisticSgd(generator);
        LogisticRegression ours = optimizer == null ? null
            : new LogisticRegression(header(10), LinearConfig.defaults().withOptimizer(optimizer));
        int correct = 0;
        for (int i = 0; i < INSTANCES; i++) {
            Instance instance = generator.nextInstance().getData();
            int label = (int) instance.classValue();
            if (ours == null) {
                double[] votes = moa.getVotesForInstance(instance);
                correct += (votes[1] > votes[0] ? 1 : 0) == label ? 1 : 0;
                moa.trainOnInstance(instance);
            } else {
                double[] x = features(instance);
                correct += ours.predictClass(x) == label ? 1 : 0;
                ours.learn(x, label);
            }
        }
        return correct / (double) INSTANCES;
    }
}

package io.millrace.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.learning.bayes.GaussianNaiveBayes;
import io.millrace.learning.drift.Adwin;
import io.millrace.learning.generators.Generators;
import io.millrace.learning.generators.Instance;
import io.millrace.learning.generators.InstanceStream;
import io.millrace.learning.linear.CategoricalEncoding;
import io.millrace.learning.linear.LinearConfig;
import io.millrace.learning.linear.LinearRegression;
import io.millrace.learning.linear.LogisticRegression;
import io.millrace.learning.linear.Optimizer;
import io.millrace.learning.neural.MultiLayerPerceptron;
import io.millrace.learning.tree.HoeffdingAdaptiveTree;
import io.millrace.learning.tree.HoeffdingTree;
import io.millrace.learning.tree.HoeffdingTreeConfig;
import io.millrace.learning.tree.HoeffdingTreeConfig.LeafPrediction;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

class LearnersTest {

    private static final Header SEA = Generators.create("sea", Map.of(), 1, null).header();
    private static final Header REGRESSION = new Header("regression",
        List.of(Attribute.numeric("x1"), Attribute.numeric("x2"), Attribute.nominal("colour", "red", "green", "blue")),
        Attribute.numeric("y"));

    /**
     * One native thread for the perceptron's ND4J operations: on a busy machine more OpenMP threads than
     * free cores make each mini-batch step wait for descheduled threads (see the neural package's tests).
     */
    @BeforeAll
    static void oneNativeThread() {
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
    }

    @Test
    void eachNameBuildsItsLearnerWithDefaults() {
        assertThat(Learners.create("logistic-regression", SEA)).isInstanceOfSatisfying(LogisticRegression.class,
            l -> assertThat(l.config()).isEqualTo(LinearConfig.defaults()));
        assertThat(Learners.create("linear-regression", REGRESSION)).isInstanceOfSatisfying(LinearRegression.class,
            l -> assertThat(l.config()).isEqualTo(LinearConfig.defaults()));
        assertThat(Learners.create("naive-bayes", SEA)).isInstanceOf(GaussianNaiveBayes.class);
        assertThat(Learners.create("Gaussian-Naive-Bayes", SEA)).isInstanceOf(GaussianNaiveBayes.class);
        assertThat(Learners.create("hoeffding-tree", SEA)).isInstanceOfSatisfying(HoeffdingTree.class,
            t -> assertThat(t.config()).isEqualTo(HoeffdingTreeConfig.defaults()));
        assertThat(Learners.create(" HOEFFDING-ADAPTIVE-TREE ", SEA)).isInstanceOfSatisfying(HoeffdingAdaptiveTree.class,
            t -> assertThat(t.config()).isEqualTo(HoeffdingTreeConfig.defaults()));
        assertThat(Learners.create("mlp", SEA)).isInstanceOfSatisfying(MultiLayerPerceptron.class,
            m -> assertThat(m.config()).isEqualTo(MultiLayerPerceptron.Config.DEFAULTS));
        assertThat(Learners.create("mlp", REGRESSION)).isInstanceOf(MultiLayerPerceptron.class);
    }

    @Test
    void mlpParametersMapOntoTheConfig() {
        MultiLayerPerceptron mlp = (MultiLayerPerceptron) Learners.create("mlp", SEA, Map.of("hidden-layers", "8, 4,2",
            "activation", "tanh", "updater", "nesterovs", "learning-rate", "0.01", "l2", "0", "mini-batch-size", "16",
            "seed", "9"));
        assertThat(mlp.config()).isEqualTo(new MultiLayerPerceptron.Config(List.of(8, 4, 2),
            MultiLayerPerceptron.Activation.TANH, MultiLayerPerceptron.Updater.NESTEROVS, 0.01, 0, 16, 9));
        MultiLayerPerceptron linear = (MultiLayerPerceptron) Learners.create("mlp", REGRESSION, Map.of("hidden-layers", "none"));
        assertThat(linear.config().hiddenLayers()).isEmpty();
        assertThat(Learners.parameters("mlp")).containsExactly(Map.entry("hidden-layers", "32,16"),
            Map.entry("activation", "relu"), Map.entry("updater", "adam"), Map.entry("learning-rate", "0.001"),
            Map.entry("l2", "0.0001"), Map.entry("mini-batch-size", "32"), Map.entry("seed", "1"));
        assertThatThrownBy(() -> Learners.create("mlp", SEA, Map.of("hidden-layers", "32;16")))
            .hasMessage("parameter 'hidden-layers' of learner 'mlp' must be integers separated by commas (or none), got '32;16'");
        assertThatThrownBy(() -> Learners.create("mlp", SEA, Map.of("mini-batch-size", "0")))
            .hasMessage("learner 'mlp': mini-batch-size must be in [1, 65536], got 0");
    }

    @Test
    void linearParametersMapOntoTheConfig() {
        LogisticRegression sgd = (LogisticRegression) Learners.create("logistic-regression", SEA, Map.ofEntries(
            Map.entry("learning-rate", "0.05"), Map.entry("schedule", "inverse-scaling"), Map.entry("power", "0.25"),
            Map.entry("l1", "0.001"), Map.entry("l2", "0.01"), Map.entry("fit-intercept", "false"),
            Map.entry("intercept-learning-rate", "0.02"), Map.entry("clip-gradient", "100"),
            Map.entry("max-one-hot-cardinality", "8"), Map.entry("hash-buckets", "1024"), Map.entry("hash-seed", "7")));
        assertThat(sgd.config()).isEqualTo(new LinearConfig(new Optimizer.Sgd(0.05, Optimizer.Schedule.INVERSE_SCALING, 0.25),
            0.001, 0.01, false, 0.02, 100, new CategoricalEncoding(8, 1024, 7)));

        LinearRegression adaGrad = (LinearRegression) Learners.create("linear-regression", REGRESSION,
            Map.of("optimizer", "AdaGrad", "epsilon", "1e-6"));
        assertThat(adaGrad.config().optimizer()).isEqualTo(new Optimizer.AdaGrad(0.1, 1e-6));
        LinearRegression adaGradRate = (LinearRegression) Learners.create("linear-regression", REGRESSION,
            Map.of("optimizer", "adagrad", "learning-rate", "0.3"));
        assertThat(adaGradRate.config().optimizer()).isEqualTo(new Optimizer.AdaGrad(0.3, 1e-8));

        LogisticRegression ftrl = (LogisticRegression) Learners.create("logistic-regression", SEA,
            Map.of("optimizer", "ftrl", "alpha", "0.1", "beta", "0.5", "l1", "1"));
        assertThat(ftrl.config()).isEqualTo(LinearConfig.defaults().withOptimizer(new Optimizer.Ftrl(0.1, 0.5)).withL1(1));
    }

    @Test
    void treeParametersMapOntoTheConfig() {
        Map<String, String> params = Map.of("grace-period", "50", "split-confidence", "0.001", "tie-threshold", "0.1",
            "binary-splits", "true", "numeric-split-points", "20", "min-branch-fraction", "0.05",
            "leaf-prediction", "majority-class", "nb-threshold", "3");
        HoeffdingTreeConfig expected = new HoeffdingTreeConfig(50, 0.001, 0.1, true, 20, 0.05, LeafPrediction.MAJORITY_CLASS, 3);
        assertThat(((HoeffdingTree) Learners.create("hoeffding-tree", SEA, params)).config()).isEqualTo(expected);
        assertThat(((HoeffdingAdaptiveTree) Learners.create("hoeffding-adaptive-tree", SEA, params)).config()).isEqualTo(expected);
    }

    @Test
    void parametersListDefaultsForHelp() {
        assertThat(Learners.parameters("hoeffding-tree")).containsExactly(
            Map.entry("grace-period", "200"), Map.entry("split-confidence", "1e-7"), Map.entry("tie-threshold", "0.05"),
            Map.entry("binary-splits", "false"), Map.entry("numeric-split-points", "10"),
            Map.entry("min-branch-fraction", "0.01"), Map.entry("leaf-prediction", "naive-bayes-adaptive"),
            Map.entry("nb-threshold", "0"));
        assertThat(Learners.parameters("logistic-regression")).containsExactly(
            Map.entry("optimizer", "sgd"), Map.entry("learning-rate", "0.01 (0.1 with adagrad)"),
            Map.entry("schedule", "constant"), Map.entry("power", "0.5"), Map.entry("epsilon", "1e-8"),
            Map.entry("alpha", "0.05"), Map.entry("beta", "1"), Map.entry("l1", "0"), Map.entry("l2", "0"),
            Map.entry("fit-intercept", "true"), Map.entry("intercept-learning-rate", "0.01"),
            Map.entry("clip-gradient", "1e12"), Map.entry("max-one-hot-cardinality", "64"),
            Map.entry("hash-buckets", "65536"), Map.entry("hash-seed", "0"));
        assertThat(Learners.parameters("linear-regression")).isEqualTo(Learners.parameters("logistic-regression"));
        assertThat(Learners.parameters("naive-bayes")).isEmpty();
        assertThat(Learners.parameters("hoeffding-adaptive-tree")).isEqualTo(Learners.parameters("hoeffding-tree"));
    }

    @Test
    void tasksTellClassifiersFromRegressors() {
        assertThat(Learners.namesFor(Learners.Task.CLASSIFICATION))
            .containsExactly("logistic-regression", "naive-bayes", "hoeffding-tree", "hoeffding-adaptive-tree", "mlp");
        assertThat(Learners.namesFor(Learners.Task.REGRESSION)).containsExactly("linear-regression", "mlp");
    }

    @Test
    void unknownLearnerListsTheValidNames() {
        assertThatThrownBy(() -> Learners.create("random-forest", SEA, Map.of()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("unknown learner 'random-forest'; expected one of logistic-regression, linear-regression, "
                + "naive-bayes, hoeffding-tree, hoeffding-adaptive-tree, mlp");
        assertThatThrownBy(() -> Learners.parameters(null)).hasMessageStartingWith("unknown learner 'null'");
    }

    @Test
    void unknownParameterListsTheValidOnes() {
        assertThatThrownBy(() -> Learners.create("hoeffding-tree", SEA, Map.of("grace", "10", "depth", "3")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("learner 'hoeffding-tree' has no parameter 'depth', 'grace'; its parameters are grace-period, "
                + "split-confidence, tie-threshold, binary-splits, numeric-split-points, min-branch-fraction, "
                + "leaf-prediction, nb-threshold");
        assertThatThrownBy(() -> Learners.create("naive-bayes", SEA, Map.of("alpha", "1")))
            .hasMessage("learner 'naive-bayes' has no parameter 'alpha'; it takes none");
    }

    @Test
    void malformedAndOutOfRangeValuesNameTheParameter() {
        assertThatThrownBy(() -> Learners.create("hoeffding-tree", SEA, Map.of("grace-period", "many")))
            .hasMessage("parameter 'grace-period' of learner 'hoeffding-tree' must be an integer, got 'many'");
        assertThatThrownBy(() -> Learners.create("hoeffding-tree", SEA, Map.of("grace-period", "0")))
            .hasMessage("learner 'hoeffding-tree': grace-period must be >= 1, got 0");
        assertThatThrownBy(() -> Learners.create("hoeffding-adaptive-tree", SEA, Map.of("split-confidence", "NaN")))
            .hasMessage("parameter 'split-confidence' of learner 'hoeffding-adaptive-tree' must be a finite number, got 'NaN'");
        assertThatThrownBy(() -> Learners.create("hoeffding-tree", SEA, Map.of("leaf-prediction", "vote")))
            .hasMessage("parameter 'leaf-prediction' of learner 'hoeffding-tree' must be one of majority-class, "
                + "naive-bayes, naive-bayes-adaptive, got 'vote'");
        assertThatThrownBy(() -> Learners.create("logistic-regression", SEA, Map.of("optimizer", "adam")))
            .hasMessage("parameter 'optimizer' of learner 'logistic-regression' must be one of sgd, adagrad, ftrl, got 'adam'");
        assertThatThrownBy(() -> Learners.create("logistic-regression", SEA, Map.of("fit-intercept", "yes")))
            .hasMessage("parameter 'fit-intercept' of learner 'logistic-regression' must be true or false, got 'yes'");
        assertThatThrownBy(() -> Learners.create("logistic-regression", SEA, Map.of("learning-rate", "-1")))
            .hasMessage("learner 'logistic-regression': learning-rate must be finite and > 0, got -1.0");
        assertThatThrownBy(() -> Learners.create("linear-regression", REGRESSION, Map.of("hash-buckets", "0")))
            .hasMessage("learner 'linear-regression': hash-buckets must be in [1, 16777216], got 0");
    }

    @Test
    void optimizerParametersThatWouldBeIgnoredAreRefused() {
        assertThatThrownBy(() -> Learners.create("logistic-regression", SEA, Map.of("alpha", "0.1")))
            .hasMessage("parameter 'alpha' of learner 'logistic-regression' applies only with optimizer=ftrl, not optimizer=sgd");
        assertThatThrownBy(() -> Learners.create("logistic-regression", SEA, Map.of("optimizer", "ftrl", "learning-rate", "0.1")))
            .hasMessage("parameter 'learning-rate' of learner 'logistic-regression' applies only with "
                + "optimizer=sgd or adagrad, not optimizer=ftrl");
        assertThatThrownBy(() -> Learners.create("linear-regression", REGRESSION, Map.of("optimizer", "adagrad", "schedule", "constant")))
            .hasMessage("parameter 'schedule' of learner 'linear-regression' applies only with optimizer=sgd, not optimizer=adagrad");
    }

    @Test
    void aLearnerRefusesATargetItCannotPredict() {
        assertThatThrownBy(() -> Learners.create("hoeffding-tree", REGRESSION, Map.of()))
            .hasMessage("learner 'hoeffding-tree' cannot learn regression (target 'y' is numeric); "
                + "learners for regression: linear-regression, mlp");
        assertThatThrownBy(() -> Learners.create("linear-regression", SEA, Map.of()))
            .hasMessage("learner 'linear-regression' cannot learn classification (target 'class' is nominal); "
                + "learners for classification: logistic-regression, naive-bayes, hoeffding-tree, hoeffding-adaptive-tree, mlp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"logistic-regression", "naive-bayes", "hoeffding-tree", "hoeffding-adaptive-tree", "mlp"})
    void bytesOfEachClassifierComeBackAsTheSameLearner(String name) {
        InstanceStream stream = Generators.create("sea", Map.of(), 3, 600L);
        Learner learner = Learners.create(name, stream.header());
        int scale = name.equals("mlp") ? 5 : 1; // DL4J steps cost milliseconds: fewer examples say as much
        for (Instance instance : stream.take(5_000 / scale)) {
            learner.learn(instance.features(), instance.target());
        }
        Learner restored = Learners.fromBytes(learner.toBytes());
        assertThat(restored).isInstanceOf(learner.getClass());
        assertThat(restored.kind()).isEqualTo(learner.kind());
        for (Instance instance : stream.take(2_000 / scale)) {
            assertThat(restored.predict(instance.features())).containsExactly(learner.predict(instance.features()));
            learner.learn(instance.features(), instance.target());
            restored.learn(instance.features(), instance.target());
        }
        assertThat(restored.toBytes()).isEqualTo(learner.toBytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"linear-regression", "mlp"})
    void bytesOfEachRegressorComeBackAsTheSameLearner(String name) {
        Learner learner = Learners.create(name, REGRESSION);
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 2_000; i++) {
            double[] x = {random.nextDouble(), random.nextDouble(), random.nextInt(3)};
            learner.learn(x, 3 * x[0] - 2 * x[1] + x[2]);
        }
        Learner restored = Learners.fromBytes(learner.toBytes());
        assertThat(restored).isInstanceOf(learner.getClass());
        double[] probe = {0.3, 0.7, 2};
        assertThat(restored.predict(probe)).containsExactly(learner.predict(probe));
    }

    @Test
    void bytesThatAreNotALearnerAreRefused() {
        assertThatThrownBy(() -> Learners.fromBytes(new Adwin(Adwin.Config.DEFAULTS).toBytes()))
            .isInstanceOf(StateFormatException.class)
            .hasMessageStartingWith("bytes hold a 'adwin', which is not a learner (logistic-regression,");
        assertThatThrownBy(() -> Learners.fromBytes(new byte[] {1, 2, 3, 4, 5}))
            .isInstanceOf(StateFormatException.class);
        assertThatThrownBy(() -> Learners.fromBytes(null)).isInstanceOf(StateFormatException.class);
    }
}

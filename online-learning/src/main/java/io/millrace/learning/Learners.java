package io.millrace.learning;

import io.millrace.learning.bayes.GaussianNaiveBayes;
import io.millrace.learning.linear.CategoricalEncoding;
import io.millrace.learning.linear.LinearConfig;
import io.millrace.learning.linear.LinearRegression;
import io.millrace.learning.linear.LogisticRegression;
import io.millrace.learning.linear.Optimizer;
import io.millrace.learning.neural.MultiLayerPerceptron;
import io.millrace.learning.tree.HoeffdingAdaptiveTree;
import io.millrace.learning.tree.HoeffdingTree;
import io.millrace.learning.tree.HoeffdingTreeConfig;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Builds learners by name from kebab-case {@code name=value} parameters (what
 * {@code millrace evaluate --learner NAME --param name=value} passes), and restores any learner from its
 * bytes. Parameters not given take the learner's defaults (MOA's for the trees, River's for the linear
 * models); a parameter the learner does not have, a malformed or out-of-range value, or one that does
 * not apply to the chosen settings is refused with a message naming it.
 *
 * <p>Names and parameters:
 * <ul>
 *   <li>{@code logistic-regression} (classification) and {@code linear-regression} (regression), see
 *       {@link LinearConfig}: {@code optimizer} sgd|adagrad|ftrl (sgd); {@code learning-rate} (0.01 for
 *       sgd, 0.1 for adagrad); for sgd {@code schedule} constant|inverse-scaling (constant) and
 *       {@code power} 0.5; for adagrad {@code epsilon} 1e-8; for ftrl {@code alpha} 0.05 and
 *       {@code beta} 1; {@code l1} 0, {@code l2} 0, {@code fit-intercept} true,
 *       {@code intercept-learning-rate} 0.01, {@code clip-gradient} 1e12,
 *       {@code max-one-hot-cardinality} 64, {@code hash-buckets} 65536, {@code hash-seed} 0;</li>
 *   <li>{@code naive-bayes} (classification; also accepted as {@code gaussian-naive-bayes}, its byte
 *       kind): no parameters;</li>
 *   <li>{@code hoeffding-tree} and {@code hoeffding-adaptive-tree} (classification), see
 *       {@link HoeffdingTreeConfig}: {@code grace-period} 200, {@code split-confidence} 1e-7,
 *       {@code tie-threshold} 0.05, {@code binary-splits} false, {@code numeric-split-points} 10,
 *       {@code min-branch-fraction} 0.01, {@code leaf-prediction}
 *       majority-class|naive-bayes|naive-bayes-adaptive (naive-bayes-adaptive), {@code nb-threshold} 0;</li>
 *   <li>{@code mlp} (classification and regression), see {@link MultiLayerPerceptron.Config}:
 *       {@code hidden-layers} 32,16 (units per layer, comma-separated; none for a linear model),
 *       {@code activation} relu|tanh (relu), {@code updater} adam|sgd|nesterovs|adagrad (adam),
 *       {@code learning-rate} 0.001, {@code l2} 0.0001, {@code mini-batch-size} 32, {@code seed} 1.</li>
 * </ul>
 */
public final class Learners {

    /** The kind of target a learner predicts. */
    public enum Task { CLASSIFICATION, REGRESSION }

    public static final String NAIVE_BAYES = "naive-bayes";

    /** The learner names {@link #create} accepts, in the order they are documented. */
    public static final List<String> NAMES = List.of(LogisticRegression.KIND, LinearRegression.KIND, NAIVE_BAYES,
        HoeffdingTree.KIND, HoeffdingAdaptiveTree.KIND, MultiLayerPerceptron.KIND);

    private static final List<String> OPTIMIZERS = List.of("sgd", "adagrad", "ftrl");

    private Learners() {
    }

    /**
     * Builds the learner called {@code name} (case-insensitive) for streams shaped as {@code header}.
     *
     * @throws IllegalArgumentException naming the problem: an unknown learner, a parameter it does not
     *                                  have, a value that does not parse or is out of range, a target the
     *                                  learner cannot predict
     */
    public static Learner create(String name, Header header, Map<String, String> params) {
        String key = canonical(name);
        requireTask(key, header);
        LearnerParams reader = new LearnerParams(key, params);
        return switch (key) {
            case LogisticRegression.KIND -> new LogisticRegression(header, linearConfig(reader));
            case LinearRegression.KIND -> new LinearRegression(header, linearConfig(reader));
            case NAIVE_BAYES -> reader.build(() -> new GaussianNaiveBayes(header));
            case HoeffdingTree.KIND -> new HoeffdingTree(header, treeConfig(reader));
            case HoeffdingAdaptiveTree.KIND -> new HoeffdingAdaptiveTree(header, treeConfig(reader));
            case MultiLayerPerceptron.KIND -> new MultiLayerPerceptron(header, mlpConfig(reader));
            default -> throw unknown(name);
        };
    }

    /** The learner called {@code name} with its defaults. */
    public static Learner create(String name, Header header) {
        return create(name, header, Map.of());
    }

    /** The parameters of the learner called {@code name} with their defaults, in documentation order. */
    public static Map<String, String> parameters(String name) {
        String key = canonical(name);
        LearnerParams reader = new LearnerParams(key, Map.of());
        switch (key) {
            case LogisticRegression.KIND, LinearRegression.KIND -> linearConfig(reader);
            case HoeffdingTree.KIND, HoeffdingAdaptiveTree.KIND -> treeConfig(reader);
            case MultiLayerPerceptron.KIND -> mlpConfig(reader);
            case NAIVE_BAYES -> { }
            default -> throw unknown(name);
        }
        return reader.defaults();
    }

    /** The tasks the learner called {@code name} can learn. */
    public static Set<Task> tasks(String name) {
        String key = canonical(name);
        return switch (key) {
            case LinearRegression.KIND -> EnumSet.of(Task.REGRESSION);
            case LogisticRegression.KIND, NAIVE_BAYES, HoeffdingTree.KIND, HoeffdingAdaptiveTree.KIND ->
                EnumSet.of(Task.CLASSIFICATION);
            case MultiLayerPerceptron.KIND -> EnumSet.allOf(Task.class);
            default -> throw unknown(name);
        };
    }

    /** The learner names that can learn {@code task}. */
    public static List<String> namesFor(Task task) {
        List<String> names = new ArrayList<>();
        for (String name : NAMES) {
            if (tasks(name).contains(task)) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * Restores a learner of any kind from bytes written by its {@link Learner#toBytes()}.
     *
     * @throws StateFormatException when the bytes are not a learner's state
     */
    public static Learner fromBytes(byte[] bytes) {
        if (bytes == null) {
            throw new StateFormatException("no bytes to decode as a learner");
        }
        String kind = StateCodec.peekKind(bytes);
        return switch (kind) {
            case LogisticRegression.KIND -> LogisticRegression.fromBytes(bytes);
            case LinearRegression.KIND -> LinearRegression.fromBytes(bytes);
            case GaussianNaiveBayes.KIND -> GaussianNaiveBayes.fromBytes(bytes);
            case HoeffdingTree.KIND -> HoeffdingTree.fromBytes(bytes);
            case HoeffdingAdaptiveTree.KIND -> HoeffdingAdaptiveTree.fromBytes(bytes);
            case MultiLayerPerceptron.KIND -> MultiLayerPerceptron.fromBytes(bytes);
            default -> throw new StateFormatException("bytes hold a '" + kind + "', which is not a learner ("
                + String.join(", ", NAMES) + ")");
        };
    }

    private static String canonical(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (key.equals(GaussianNaiveBayes.KIND)) {
            return NAIVE_BAYES;
        }
        if (!NAMES.contains(key)) {
            throw unknown(name);
        }
        return key;
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("unknown learner '" + name + "'; expected one of " + String.join(", ", NAMES));
    }

    private static void requireTask(String key, Header header) {
        Task task = header.isClassification() ? Task.CLASSIFICATION : Task.REGRESSION;
        if (!tasks(key).contains(task)) {
            String target = header.target().name();
            throw new IllegalArgumentException("learner '" + key + "' cannot learn " + task.name().toLowerCase(Locale.ROOT)
                + (task == Task.CLASSIFICATION ? " (target '" + target + "' is nominal)" : " (target '" + target + "' is numeric)")
                + "; learners for " + task.name().toLowerCase(Locale.ROOT) + ": " + String.join(", ", namesFor(task)));
        }
    }

    private static LinearConfig linearConfig(LearnerParams params) {
        LinearConfig d = LinearConfig.defaults();
        CategoricalEncoding c = d.categorical();
        String optimizerName = params.choice("optimizer", "sgd", OPTIMIZERS);
        Supplier<Optimizer> optimizer = optimizer(params, optimizerName);
        double l1 = params.finiteDouble("l1", d.l1());
        double l2 = params.finiteDouble("l2", d.l2());
        boolean intercept = params.bool("fit-intercept", d.fitIntercept());
        double interceptRate = params.finiteDouble("intercept-learning-rate", d.interceptLearningRate());
        double clip = params.finiteDouble("clip-gradient", d.clipGradient());
        int maxOneHot = params.integer("max-one-hot-cardinality", c.maxOneHotCardinality());
        int buckets = params.integer("hash-buckets", c.hashBuckets());
        int seed = params.integer("hash-seed", c.hashSeed());
        return params.build(() -> new LinearConfig(optimizer.get(), l1, l2, intercept, interceptRate, clip,
            new CategoricalEncoding(maxOneHot, buckets, seed)));
    }

    /**
     * Reads every optimiser's parameters (so that help lists them all), refuses those that do not apply
     * to the chosen one, and defers building it so that its range checks are reported by
     * {@link LearnerParams#build}.
     */
    private static Supplier<Optimizer> optimizer(LearnerParams params, String chosen) {
        Optimizer.Sgd sgd = new Optimizer.Sgd();
        Optimizer.AdaGrad adaGrad = new Optimizer.AdaGrad();
        Optimizer.Ftrl ftrl = new Optimizer.Ftrl();
        double rateDefault = chosen.equals("adagrad") ? adaGrad.learningRate() : sgd.learningRate();
        double rate = params.finiteDouble("learning-rate", rateDefault, LearnerParams.format(sgd.learningRate())
            + " (" + LearnerParams.format(adaGrad.learningRate()) + " with adagrad)");
        Optimizer.Schedule schedule = params.choice("schedule", sgd.schedule());
        double power = params.finiteDouble("power", sgd.power());
        double epsilon = params.finiteDouble("epsilon", adaGrad.epsilon());
        double alpha = params.finiteDouble("alpha", ftrl.alpha());
        double beta = params.finiteDouble("beta", ftrl.beta());
        if (chosen.equals("ftrl")) {
            params.onlyWith("learning-rate", "optimizer", "sgd or adagrad", chosen);
        }
        params.onlyWith("schedule", "optimizer", "sgd", chosen);
        params.onlyWith("power", "optimizer", "sgd", chosen);
        params.onlyWith("epsilon", "optimizer", "adagrad", chosen);
        params.onlyWith("alpha", "optimizer", "ftrl", chosen);
        params.onlyWith("beta", "optimizer", "ftrl", chosen);
        return () -> switch (chosen) {
            case "adagrad" -> new Optimizer.AdaGrad(rate, epsilon);
            case "ftrl" -> new Optimizer.Ftrl(alpha, beta);
            default -> new Optimizer.Sgd(rate, schedule, power);
        };
    }

    private static HoeffdingTreeConfig treeConfig(LearnerParams params) {
        HoeffdingTreeConfig d = HoeffdingTreeConfig.defaults();
        int gracePeriod = params.integer("grace-period", d.gracePeriod());
        double splitConfidence = params.finiteDouble("split-confidence", d.splitConfidence());
        double tieThreshold = params.finiteDouble("tie-threshold", d.tieThreshold());
        boolean binarySplits = params.bool("binary-splits", d.binarySplits());
        int numericSplitPoints = params.integer("numeric-split-points", d.numericSplitPoints());
        double minBranchFraction = params.finiteDouble("min-branch-fraction", d.minBranchFraction());
        HoeffdingTreeConfig.LeafPrediction leafPrediction = params.choice("leaf-prediction", d.leafPrediction());
        int nbThreshold = params.integer("nb-threshold", d.nbThreshold());
        return params.build(() -> new HoeffdingTreeConfig(gracePeriod, splitConfidence, tieThreshold, binarySplits,
            numericSplitPoints, minBranchFraction, leafPrediction, nbThreshold));
    }

    private static MultiLayerPerceptron.Config mlpConfig(LearnerParams params) {
        MultiLayerPerceptron.Config d = MultiLayerPerceptron.Config.DEFAULTS;
        List<Integer> hiddenLayers = params.integers("hidden-layers", d.hiddenLayers());
        MultiLayerPerceptron.Activation activation = params.choice("activation", d.activation());
        MultiLayerPerceptron.Updater updater = params.choice("updater", d.updater());
        double learningRate = params.finiteDouble("learning-rate", d.learningRate());
        double l2 = params.finiteDouble("l2", d.l2());
        int miniBatchSize = params.integer("mini-batch-size", d.miniBatchSize());
        long seed = params.longInteger("seed", d.seed());
        return params.build(() -> new MultiLayerPerceptron.Config(hiddenLayers, activation, updater, learningRate, l2,
            miniBatchSize, seed));
    }
}

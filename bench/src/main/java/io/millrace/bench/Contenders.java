package io.millrace.bench;

import io.millrace.learning.bayes.GaussianNaiveBayes;
import io.millrace.learning.drift.Adwin;
import io.millrace.learning.drift.Ddm;
import io.millrace.learning.drift.Eddm;
import io.millrace.learning.drift.PageHinkley;
import io.millrace.learning.linear.LogisticRegression;
import io.millrace.learning.tree.HoeffdingAdaptiveTree;
import io.millrace.learning.tree.HoeffdingTree;
import moa.classifiers.bayes.NaiveBayes;
import moa.classifiers.core.driftdetection.ADWIN;
import moa.classifiers.core.driftdetection.DDM;
import moa.classifiers.core.driftdetection.EDDM;
import moa.classifiers.core.driftdetection.PageHinkleyDM;
import moa.classifiers.functions.SGD;

import java.util.List;
import java.util.stream.Stream;

/** What the benchmark compares: each of our learners and detectors, with its defaults, beside MOA's. */
final class Contenders {

    static final LearnerPair HOEFFDING_TREE = new LearnerPair(HoeffdingTree.KIND, "trees.HoeffdingTree",
        HoeffdingTree::new, moa.classifiers.trees.HoeffdingTree::new, "");

    static final LearnerPair HOEFFDING_ADAPTIVE_TREE = new LearnerPair(HoeffdingAdaptiveTree.KIND,
        "trees.HoeffdingAdaptiveTree", HoeffdingAdaptiveTree::new, moa.classifiers.trees.HoeffdingAdaptiveTree::new,
        "after a long stable stretch MOA's node ADWINs overflow (see adwin): likely why the two part after the drift");

    static final LearnerPair NAIVE_BAYES = new LearnerPair(GaussianNaiveBayes.KIND, "bayes.NaiveBayes",
        GaussianNaiveBayes::new, NaiveBayes::new,
        "log-space votes; nominal smoothing by the header's cardinality");

    static final LearnerPair LOGISTIC_REGRESSION = new LearnerPair(LogisticRegression.KIND,
        "functions.SGD -o LOGLOSS -r 0.01 -l 0", LogisticRegression::new, Contenders::moaLogisticSgd,
        "plain SGD 0.01, unscaled inputs; nominal inputs one-hot here, category index in MOA");

    static final List<LearnerPair> LEARNERS =
        List.of(HOEFFDING_TREE, HOEFFDING_ADAPTIVE_TREE, NAIVE_BAYES, LOGISTIC_REGRESSION);

    static final List<DetectorPair> DETECTORS = List.of(
        new DetectorPair(Adwin.KIND, "driftdetection.ADWIN(0.002)", Adwin::new,
            (values, count) -> Detection.run(new ADWIN(), values, count),
            "MOA's variance update multiplies two ints (bucket size x width) and overflows past 2^31 on long"
                + " windows; ours stays exact, so the two can part after such a cut"),
        new DetectorPair(PageHinkley.KIND, "driftdetection.PageHinkleyDM", PageHinkley::new,
            (values, count) -> Detection.run(prepared(new PageHinkleyDM()), values, count), ""),
        new DetectorPair(Ddm.KIND, "driftdetection.DDM", Ddm::new,
            (values, count) -> Detection.run(prepared(new DDM()), values, count), ""),
        new DetectorPair(Eddm.KIND, "driftdetection.EDDM", Eddm::new,
            (values, count) -> Detection.run(prepared(new EDDM()), values, count), ""));

    /** Every name {@code --only} accepts. */
    static final List<String> NAMES = Stream.concat(LEARNERS.stream().map(LearnerPair::name),
        DETECTORS.stream().map(DetectorPair::name)).toList();

    private Contenders() {
    }

    /** MOA's SGD as logistic regression at our defaults: log loss, rate 0.01, no regularisation. */
    private static SGD moaLogisticSgd() {
        SGD sgd = new SGD();
        sgd.lossFunctionOption.setChosenIndex(1);
        sgd.learningRateOption.setValue(0.01);
        sgd.lambdaRegularizationOption.setValue(0.0);
        return sgd;
    }

    private static <T extends moa.classifiers.core.driftdetection.ChangeDetector> T prepared(T detector) {
        detector.prepareForUse();
        return detector;
    }
}

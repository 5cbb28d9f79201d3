package io.millrace.learning.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.yahoo.labs.samoa.instances.DenseInstance;
import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.Instances;
import io.millrace.learning.Attribute;
import io.millrace.learning.Header;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import moa.core.InstanceExample;
import moa.evaluation.BasicClassificationPerformanceEvaluator;
import moa.evaluation.WindowClassificationPerformanceEvaluator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Accuracy and kappa against MOA's evaluators fed the very same vote arrays and labels. */
class PrequentialMetricsMoaTest {

    private static final double TOLERANCE = 1e-9;

    @ParameterizedTest(name = "{0} classes, window {1}")
    @CsvSource({"2, 1000", "3, 1000", "5, 100", "3, 1"})
    void accuracyAndKappaMatchMoaOverTheStreamAndTheWindow(int classes, int window) {
        Header header = header(classes);
        Instances moaHeader = moaHeader(classes);
        BasicClassificationPerformanceEvaluator basic = new BasicClassificationPerformanceEvaluator();
        WindowClassificationPerformanceEvaluator windowed = new WindowClassificationPerformanceEvaluator();
        windowed.widthOption.setValue(window);
        basic.reset();
        windowed.reset();
        ScriptedLearner learner = new ScriptedLearner(header);
        PrequentialEvaluator evaluator = new PrequentialEvaluator(learner, window);
        Random random = new Random(classes * 1000L + window);

        for (int i = 0; i < 30_000; i++) {
            int label = skewedLabel(random, classes, i);
            double[] votes = votes(random, classes, label, i);
            learner.answer(votes.clone());
            evaluator.accept(new double[] {i}, label);
            basic.addResult(new InstanceExample(moaInstance(moaHeader, i, label)), votes.clone());
            windowed.addResult(new InstanceExample(moaInstance(moaHeader, i, label)), votes.clone());

            if (i % 997 == 0 || i == 29_999) {
                Metrics whole = evaluator.metrics().whole();
                Metrics last = evaluator.metrics().window();
                assertThat(whole.accuracy()).isCloseTo(basic.getFractionCorrectlyClassified(), within(TOLERANCE));
                assertThat(whole.kappa()).isCloseTo(basic.getKappaStatistic(), within(TOLERANCE));
                assertThat(last.accuracy()).isCloseTo(windowed.getFractionCorrectlyClassified(), within(TOLERANCE));
                assertThat(last.kappa()).isCloseTo(windowed.getKappaStatistic(), within(TOLERANCE));
                assertThat(last.instances()).isEqualTo(Math.min(i + 1, window));
            }
        }
        assertThat(evaluator.metrics().whole().kappa()).isBetween(0.05, 0.95);
    }

    @Test
    void kappaIsUndefinedLikeMoaWhenChanceAgreementIsCertain() {
        Header header = header(2);
        Instances moaHeader = moaHeader(2);
        BasicClassificationPerformanceEvaluator basic = new BasicClassificationPerformanceEvaluator();
        basic.reset();
        PrequentialMetrics metrics = new PrequentialMetrics(header);

        for (int i = 0; i < 10; i++) {
            metrics.record(new double[] {0.9, 0.1}, 0);
            basic.addResult(new InstanceExample(moaInstance(moaHeader, i, 0)), new double[] {0.9, 0.1});
        }

        assertThat(basic.getKappaStatistic()).isNaN();
        assertThat(metrics.whole().kappa()).isNaN();
        assertThat(metrics.whole().accuracy()).isEqualTo(basic.getFractionCorrectlyClassified()).isEqualTo(1.0);
    }

    /** Labels with a skewed prior that changes half-way, so that kappa differs from accuracy. */
    private static int skewedLabel(Random random, int classes, int i) {
        double u = random.nextDouble();
        int label = u < 0.5 ? 0 : 1 + random.nextInt(classes - 1);
        return i < 15_000 ? label : classes - 1 - label;
    }

    /** Votes that favour the true label 60% of the time, with exact ties and all-zero arrays now and then. */
    private static double[] votes(Random random, int classes, int label, int i) {
        double[] votes = new double[classes];
        if (i % 53 == 0) {
            return votes;
        }
        for (int c = 0; c < classes; c++) {
            votes[c] = random.nextInt(4);
        }
        if (random.nextDouble() < 0.6) {
            votes[label] += 2;
        }
        return votes;
    }

    static Header header(int classes) {
        List<String> values = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            values.add("c" + c);
        }
        return new Header("votes", List.of(Attribute.numeric("x")), Attribute.nominal("class", values));
    }

    private static Instances moaHeader(int classes) {
        List<String> values = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            values.add("c" + c);
        }
        List<com.yahoo.labs.samoa.instances.Attribute> attributes = List.of(
            new com.yahoo.labs.samoa.instances.Attribute("x"),
            new com.yahoo.labs.samoa.instances.Attribute("class", values));
        Instances instances = new Instances("votes", attributes, 0);
        instances.setClassIndex(1);
        return instances;
    }

    private static Instance moaInstance(Instances header, double x, int label) {
        Instance instance = new DenseInstance(1.0, new double[] {x, label});
        instance.setDataset(header);
        return instance;
    }
}

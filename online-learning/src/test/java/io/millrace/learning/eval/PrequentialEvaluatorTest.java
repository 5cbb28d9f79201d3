package io.millrace.learning.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.millrace.learning.Attribute;
import io.millrace.learning.Header;
import io.millrace.learning.InputChecks;
import io.millrace.learning.InvalidInputException;
import io.millrace.learning.Learner;
import io.millrace.learning.StateFormatException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PrequentialEvaluatorTest {

    private static final Header CLASSES = new Header("three", List.of(Attribute.numeric("x"), Attribute.nominal("colour", "red", "blue")),
        Attribute.nominal("class", "a", "b", "c"));
    private static final Header VALUES = new Header("amounts", List.of(Attribute.numeric("x")), Attribute.numeric("y"));

    @Test
    void logLossByHand() {
        PrequentialMetrics metrics = new PrequentialMetrics(CLASSES);

        metrics.record(new double[] {0.7, 0.2, 0.1}, 0);   // -ln 0.7
        metrics.record(new double[] {0.1, 0.9, 0.0}, 2);   // -ln 1e-15 (clipped)
        metrics.record(new double[] {2, 2, 0}, 1);         // normalised: -ln 0.5
        metrics.record(new double[] {0, 0, 0}, 2);         // uniform: -ln (1/3)

        double expected = (-Math.log(0.7) + 15 * Math.log(10) + Math.log(2) + Math.log(3)) / 4;
        Metrics whole = metrics.whole();
        assertThat(whole.logLoss()).isCloseTo(expected, within(1e-12));
        // predicted 0, 1, 0 (first of a tie), 0 (all zero): one right out of four
        assertThat(whole.accuracy()).isEqualTo(0.25);
        assertThat(whole.mae()).isNaN();
        assertThat(whole.rmse()).isNaN();
    }

    @Test
    void kappaByHand() {
        PrequentialMetrics metrics = new PrequentialMetrics(header(2));
        // confusion (actual x predicted): [[20, 5], [10, 15]]: p0 = 0.7, pc = 0.6*0.5 + 0.4*0.5 = 0.5
        recordMany(metrics, 0, 0, 20);
        recordMany(metrics, 0, 1, 5);
        recordMany(metrics, 1, 0, 10);
        recordMany(metrics, 1, 1, 15);

        assertThat(metrics.whole().accuracy()).isEqualTo(0.7);
        assertThat(metrics.whole().kappa()).isCloseTo(0.4, within(1e-15));
    }

    @Test
    void maeAndRmseByHandOverTheStreamAndTheWindow() {
        PrequentialMetrics metrics = new PrequentialMetrics(VALUES, 2);

        metrics.record(new double[] {0}, 1);     // error 1
        metrics.record(new double[] {5}, 3);     // error -2
        metrics.record(new double[] {-1}, 2);    // error 3
        metrics.record(new double[] {4.5}, 0.5); // error -4

        assertThat(metrics.whole().mae()).isEqualTo(2.5);
        assertThat(metrics.whole().rmse()).isCloseTo(Math.sqrt(30.0 / 4), within(1e-15));
        assertThat(metrics.window().instances()).isEqualTo(2);
        assertThat(metrics.window().mae()).isEqualTo(3.5);
        assertThat(metrics.window().rmse()).isCloseTo(Math.sqrt(25.0 / 2), within(1e-15));
        assertThat(metrics.whole().accuracy()).isNaN();
        assertThat(metrics.whole().kappa()).isNaN();
        assertThat(metrics.whole().logLoss()).isNaN();
    }

    @Test
    void testsBeforeItTrains() {
        // predicts the mean of what it has learnt (0 before anything): 0, 2, 3, 4 for targets 2, 4, 6, 8
        PrequentialEvaluator evaluator = new PrequentialEvaluator(new RunningMean());

        PrequentialResult result = evaluator.evaluate(List.of(
            new Example(new double[] {1}, 2), new Example(new double[] {1}, 4),
            new Example(new double[] {1}, 6), new Example(new double[] {1}, 8)));

        assertThat(result.whole().instances()).isEqualTo(4);
        assertThat(result.whole().mae()).isEqualTo((2 + 2 + 3 + 4) / 4.0);
        assertThat(result.whole().rmse()).isCloseTo(Math.sqrt((4 + 4 + 9 + 16) / 4.0), within(1e-15));
        assertThat(result.window()).isEqualTo(result.whole());
    }

    @Test
    void emptyScoresAreUndefined() {
        PrequentialResult result = new PrequentialEvaluator(new RunningMean()).result();

        assertThat(result.whole().instances()).isZero();
        assertThat(result.whole().mae()).isNaN();
        assertThat(result.instancesPerSecond()).isNaN();
    }

    @Test
    void windowSumsDoNotDriftOverALongStream() {
        Random random = new Random(9);
        PrequentialMetrics metrics = new PrequentialMetrics(VALUES, 1000);
        double[] errors = new double[200_003];
        for (int i = 0; i < errors.length; i++) {
            // huge errors early, small ones late: what add-and-subtract alone would leave behind
            double scale = i < 150_000 ? Math.pow(10, random.nextInt(12) - 2) : 1e-3;
            errors[i] = random.nextGaussian() * scale;
            metrics.record(new double[] {0}, errors[i]);
        }

        double absolute = 0;
        double squared = 0;
        for (int i = errors.length - 1000; i < errors.length; i++) {
            absolute += Math.abs(errors[i]);
            squared += errors[i] * errors[i];
        }
        assertThat(metrics.window().mae()).isCloseTo(absolute / 1000, within(absolute / 1000 * 1e-12));
        assertThat(metrics.window().rmse()).isCloseTo(Math.sqrt(squared / 1000), within(Math.sqrt(squared / 1000) * 1e-12));
    }

    @Test
    void badRowsChangeNeitherTheLearnerNorTheScores() {
        ScriptedLearner learner = new ScriptedLearner(CLASSES);
        PrequentialEvaluator evaluator = new PrequentialEvaluator(learner, 10);
        learner.answer(0.5, 0.3, 0.2);
        evaluator.accept(new double[] {1, 0}, 0);
        byte[] before = evaluator.metrics().toBytes();
        learner.answer(0.1, 0.1, 0.8);

        assertThatThrownBy(() -> evaluator.accept(new double[] {1}, 0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> evaluator.accept(new double[] {Double.POSITIVE_INFINITY, 0}, 0))
            .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> evaluator.accept(new double[] {1, 2}, 0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> evaluator.accept(new double[] {1, 0}, 3)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> evaluator.accept(new double[] {1, 0}, Double.NaN)).isInstanceOf(InvalidInputException.class);

        assertThat(evaluator.metrics().toBytes()).isEqualTo(before);
        assertThat(learner.learnt).containsExactly(0.0);
        // the scripted answer is still unused: the next valid row gets it
        assertThat(evaluator.accept(new double[] {Double.NaN, 1}, 2)).containsExactly(0.1, 0.1, 0.8);
        assertThat(learner.learnt).containsExactly(0.0, 2.0);
    }

    @Test
    void evaluateCountsRejectedRowsAndGoesOn() {
        ScriptedLearner learner = new ScriptedLearner(CLASSES).answer(1, 0, 0).answer(0, 1, 0);

        PrequentialResult result = new PrequentialEvaluator(learner).evaluate(List.of(
            new Example(new double[] {1, 0}, 0), new Example(new double[] {1, 0, 0}, 0),
            new Example(new double[] {1, 1}, 1.5), new Example(new double[] {1, 1}, 2)));

        assertThat(result.rejected()).isEqualTo(2);
        assertThat(result.whole().instances()).isEqualTo(2);
        assertThat(result.whole().accuracy()).isEqualTo(0.5);
    }

    @Test
    void aPredictionThatDoesNotFitTheTaskIsRefusedBeforeAnythingChanges() {
        PrequentialMetrics metrics = new PrequentialMetrics(CLASSES);
        metrics.record(new double[] {1, 0, 0}, 0);
        byte[] before = metrics.toBytes();

        assertThatThrownBy(() -> metrics.record(new double[] {1, 0}, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.record(new double[] {Double.NaN, 0, 0}, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.record(new double[] {-0.1, 0.5, 0.6}, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PrequentialMetrics(VALUES).record(new double[] {Double.POSITIVE_INFINITY}, 1))
            .isInstanceOf(IllegalArgumentException.class);

        assertThat(metrics.toBytes()).isEqualTo(before);
    }

    @Test
    void restoredMidStreamScoresOnIdentically() {
        Random random = new Random(4);
        PrequentialMetrics classification = new PrequentialMetrics(CLASSES, 100);
        PrequentialMetrics regression = new PrequentialMetrics(VALUES, 100);
        for (int i = 0; i < 1234; i++) {
            classification.record(probabilities(random), random.nextInt(3));
            regression.record(new double[] {random.nextGaussian()}, random.nextGaussian());
        }
        PrequentialMetrics classificationCopy = PrequentialMetrics.fromBytes(classification.toBytes());
        PrequentialMetrics regressionCopy = PrequentialMetrics.fromBytes(regression.toBytes());
        assertThat(classificationCopy.window()).isEqualTo(classification.window());
        assertThat(regressionCopy.window()).isEqualTo(regression.window());

        for (int i = 0; i < 1234; i++) {
            double[] prediction = probabilities(random);
            int label = random.nextInt(3);
            classification.record(prediction, label);
            classificationCopy.record(prediction, label);
            double value = random.nextGaussian();
            double target = random.nextGaussian();
            regression.record(new double[] {value}, target);
            regressionCopy.record(new double[] {value}, target);
        }

        assertThat(classificationCopy.toBytes()).isEqualTo(classification.toBytes());
        assertThat(regressionCopy.toBytes()).isEqualTo(regression.toBytes());
        assertThat(classificationCopy.whole()).isEqualTo(classification.whole());
        assertThat(classificationCopy.window()).isEqualTo(classification.window());
        assertThat(regressionCopy.window()).isEqualTo(regression.window());
    }

    @Test
    void aStateThatHasSeenFewerExamplesThanItsWindowRoundTrips() {
        for (int examples : new int[] {0, 1, 7}) {
            PrequentialMetrics classification = new PrequentialMetrics(CLASSES, 1000);
            PrequentialMetrics regression = new PrequentialMetrics(VALUES, 1000);
            for (int i = 0; i < examples; i++) {
                classification.record(new double[] {0.2, 0.5, 0.3}, i % 3);
                regression.record(new double[] {i}, i + 0.5);
            }
            assertThat(PrequentialMetrics.fromBytes(classification.toBytes()).toBytes()).isEqualTo(classification.toBytes());
            assertThat(PrequentialMetrics.fromBytes(regression.toBytes()).toBytes()).isEqualTo(regression.toBytes());
            assertThat(PrequentialMetrics.fromBytes(classification.toBytes()).windowSize()).isEqualTo(1000);
        }
    }

    @Test
    void refusesAWindowLargerThanAnyItWouldAllocate() {
        int window = 777_777;
        byte[] bytes = new PrequentialMetrics(VALUES, window).toBytes();
        byte[] size = ByteBuffer.allocate(Integer.BYTES).putInt(window).array();
        int at = indexOf(bytes, size);
        ByteBuffer.wrap(bytes).putInt(at, PrequentialMetrics.MAX_DECODED_WINDOW + 1);

        assertThatThrownBy(() -> PrequentialMetrics.fromBytes(bytes))
            .isInstanceOf(StateFormatException.class)
            .hasMessageContaining("window size " + (PrequentialMetrics.MAX_DECODED_WINDOW + 1));
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @Test
    void refusesCorruptState() {
        PrequentialMetrics metrics = new PrequentialMetrics(CLASSES, 5);
        metrics.record(new double[] {1, 0, 0}, 0);
        byte[] bytes = metrics.toBytes();

        assertThatThrownBy(() -> PrequentialMetrics.fromBytes(Arrays.copyOf(bytes, bytes.length - 1)))
            .isInstanceOf(StateFormatException.class);
        assertThatThrownBy(() -> PrequentialMetrics.fromBytes(Arrays.copyOf(bytes, bytes.length + 4)))
            .isInstanceOf(StateFormatException.class);
    }

    @Test
    void reportsInstancesPerSecondFromItsClock() {
        AtomicLong clock = new AtomicLong(5_000_000_000L);
        ScriptedLearner learner = new ScriptedLearner(CLASSES);
        PrequentialEvaluator evaluator = new PrequentialEvaluator(learner, new PrequentialMetrics(CLASSES), clock::get);
        for (int i = 0; i < 300; i++) {
            learner.answer(1, 0, 0);
            evaluator.accept(new double[] {i, 0}, 0);
        }
        clock.addAndGet(1_500_000_000L);

        PrequentialResult result = evaluator.result();

        assertThat(result.seconds()).isEqualTo(1.5);
        assertThat(result.instancesPerSecond()).isEqualTo(200.0);
    }

    @Test
    void refusesMetricsOfAnotherStream() {
        assertThatThrownBy(() -> new PrequentialEvaluator(new RunningMean(), new PrequentialMetrics(CLASSES), System::nanoTime))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PrequentialMetrics(CLASSES, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static double[] probabilities(Random random) {
        double[] p = {random.nextDouble(), random.nextDouble(), random.nextDouble()};
        double sum = p[0] + p[1] + p[2];
        for (int i = 0; i < 3; i++) {
            p[i] /= sum;
        }
        return p;
    }

    private static void recordMany(PrequentialMetrics metrics, int actual, int predicted, int times) {
        double[] votes = new double[2];
        votes[predicted] = 1;
        for (int i = 0; i < times; i++) {
            metrics.record(votes, actual);
        }
    }

    private static Header header(int classes) {
        return PrequentialMetricsMoaTest.header(classes);
    }

    /** Regression on {@link #VALUES}: predicts the mean of the targets learnt so far, 0 before any. */
    private static final class RunningMean implements Learner {
        private double sum;
        private long count;

        @Override
        public Header header() {
            return VALUES;
        }

        @Override
        public double[] predict(double[] features) {
            InputChecks.checkFeatures(VALUES, features);
            return new double[] {count == 0 ? 0 : sum / count};
        }

        @Override
        public void learn(double[] features, double target, double weight) {
            sum += target;
            count++;
        }

        @Override
        public String kind() {
            return "running-mean";
        }

        @Override
        public byte[] toBytes() {
            throw new UnsupportedOperationException();
        }
    }
}

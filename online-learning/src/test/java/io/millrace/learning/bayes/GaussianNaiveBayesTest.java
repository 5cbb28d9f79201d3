package io.millrace.learning.bayes;

import io.millrace.learning.Attribute;
import io.millrace.learning.Header;
import io.millrace.learning.InvalidInputException;
import io.millrace.learning.StateFormatException;
import io.millrace.learning.tree.CorruptBytes;
import io.millrace.learning.tree.HoeffdingTreeTest;
import io.millrace.learning.tree.MoaStreams;
import moa.classifiers.bayes.NaiveBayes;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.millrace.learning.tree.MoaStreams.accuracy;
import static io.millrace.learning.tree.MoaStreams.differences;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class GaussianNaiveBayesTest {

    private static final Header WEATHER = new Header("weather",
        List.of(Attribute.numeric("temperature"), Attribute.nominal("sky", "sunny", "overcast", "rainy")),
        Attribute.nominal("play", "no", "yes"));

    @Test
    void computesTheTextbookPosterior() {
        GaussianNaiveBayes bayes = new GaussianNaiveBayes(WEATHER);
        bayes.learn(new double[] {30, 0}, 0);
        bayes.learn(new double[] {28, 2}, 0);
        bayes.learn(new double[] {20, 1}, 1);
        bayes.learn(new double[] {22, 0}, 1);
        bayes.learn(new double[] {18, 1}, 1);
        // Known answer by hand: priors 2/5 and 3/5; temperature N(29, sd sqrt 2) and N(20, sd 2);
        // sky overcast (1 + 0)/(2 + 3) and (1 + 2)/(3 + 3).
        double no = 0.4 * normal(25, 29, Math.sqrt(2)) * (1.0 / 5);
        double yes = 0.6 * normal(25, 20, 2) * (3.0 / 6);
        double[] probabilities = bayes.predict(new double[] {25, 1});
        assertThat(probabilities[1]).isCloseTo(yes / (no + yes), offset(1e-12));
        assertThat(probabilities[0] + probabilities[1]).isCloseTo(1.0, offset(1e-12));
        assertThat(bayes.classWeights()).containsExactly(2.0, 3.0);
    }

    private static double normal(double x, double mean, double sd) {
        return Math.exp(-(x - mean) * (x - mean) / (2 * sd * sd)) / (Math.sqrt(2 * Math.PI) * sd);
    }

    @Test
    void missingValuesAreLeftOut() {
        GaussianNaiveBayes bayes = new GaussianNaiveBayes(WEATHER);
        bayes.learn(new double[] {30, 0}, 0);
        bayes.learn(new double[] {20, 1}, 1);
        bayes.learn(new double[] {21, 1}, 1);
        bayes.learn(new double[] {Double.NaN, Double.NaN}, 0);
        assertThat(bayes.classWeights()).containsExactly(2.0, 2.0);
        // Nothing present: the priors alone.
        assertThat(bayes.predict(new double[] {Double.NaN, Double.NaN})).containsExactly(0.5, 0.5);
        // Only the sky present: Laplace-smoothed counts, (0 + 1)/(1 + 3) against (2 + 1)/(2 + 3).
        double[] skyOnly = bayes.predict(new double[] {Double.NaN, 1});
        assertThat(skyOnly[1]).isCloseTo((3.0 / 5) / (3.0 / 5 + 1.0 / 4), offset(1e-12));
    }

    @Test
    void anUntrainedModelPredictsUniformly() {
        assertThat(new GaussianNaiveBayes(WEATHER).predict(new double[] {1, 1})).containsExactly(0.5, 0.5);
    }

    @Test
    void agreesWithMoasNaiveBayesOnSeaWithDriftAndOnAgrawal() {
        for (MoaStreams.Sample sample : List.of(
            MoaStreams.take(MoaStreams.seaWithDrift(3, 50_000), 100_000),
            MoaStreams.take(MoaStreams.agrawal(5, 2), 100_000),
            MoaStreams.take(MoaStreams.randomTree(3, 4), 50_000))) {
            int[] theirs = MoaStreams.prequential(new NaiveBayes(), sample);
            int[] ours = MoaStreams.prequential(new GaussianNaiveBayes(sample.header()), sample);
            assertThat(accuracy(ours, sample)).isCloseTo(accuracy(theirs, sample), offset(0.01));
            // Log space and cardinality smoothing change a prediction only on near ties early on.
            assertThat(differences(ours, theirs)).as(sample.header().name()).isLessThanOrEqualTo(sample.size() / 1000);
        }
    }

    @Test
    void restoredMidStreamModelPredictsExactlyAsTheOriginal() {
        MoaStreams.Sample sample = MoaStreams.take(MoaStreams.agrawal(5, 9), 20_000);
        GaussianNaiveBayes original = new GaussianNaiveBayes(sample.header());
        MoaStreams.prequential(original, sample, 0, 10_000);
        byte[] bytes = original.toBytes();
        GaussianNaiveBayes restored = GaussianNaiveBayes.fromBytes(bytes);
        assertThat(restored.toBytes()).isEqualTo(bytes);
        for (int i = 10_000; i < 20_000; i++) {
            assertThat(restored.predict(sample.features()[i])).isEqualTo(original.predict(sample.features()[i]));
            original.learn(sample.features()[i], sample.labels()[i]);
            restored.learn(sample.features()[i], sample.labels()[i]);
        }
        assertThat(restored.toBytes()).isEqualTo(original.toBytes());
        assertThatThrownBy(() -> GaussianNaiveBayes.fromBytes(Arrays.copyOf(bytes, bytes.length - 1)))
            .isInstanceOf(StateFormatException.class);
        CorruptBytes.assertRefusedOrDecoded(bytes, GaussianNaiveBayes.KIND, sample.header(), GaussianNaiveBayes::fromBytes);
    }

    @Test
    void badRowsAreRejectedWithoutChangingTheModel() {
        MoaStreams.Sample sample = MoaStreams.take(MoaStreams.agrawal(5, 10), 3_000);
        GaussianNaiveBayes bayes = new GaussianNaiveBayes(sample.header());
        MoaStreams.prequential(bayes, sample, 0, 2_000);
        byte[] before = bayes.toBytes();
        double[][] probe = Arrays.copyOfRange(sample.features(), 2_000, 3_000);
        double[][] expected = Arrays.stream(probe).map(bayes::predict).toArray(double[][]::new);

        double[] good = sample.features()[0];
        for (double[] row : HoeffdingTreeTest.badRows(good, HoeffdingTreeTest.indexOfFirstNominal(sample.header()))) {
            assertThatThrownBy(() -> bayes.learn(row, 0)).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> bayes.predict(row)).isInstanceOf(InvalidInputException.class);
        }
        for (double label : new double[] {-1, 2, 0.5, Double.NaN}) {
            assertThatThrownBy(() -> bayes.learn(good, label)).isInstanceOf(InvalidInputException.class);
        }
        assertThatThrownBy(() -> bayes.learn(good, 1, -2)).isInstanceOf(InvalidInputException.class);
        bayes.learn(good, 1, 0.0);

        assertThat(bayes.toBytes()).isEqualTo(before);
        for (int i = 0; i < probe.length; i++) {
            assertThat(bayes.predict(probe[i])).isEqualTo(expected[i]);
        }
    }

    @Test
    void rejectsRegressionTargets() {
        Header regression = new Header("r", List.of(Attribute.numeric("x")), Attribute.numeric("y"));
        assertThatThrownBy(() -> new GaussianNaiveBayes(regression)).isInstanceOf(IllegalArgumentException.class);
    }
}

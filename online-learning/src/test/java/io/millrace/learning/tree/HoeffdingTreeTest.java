package io.millrace.learning.tree;

import io.millrace.learning.Attribute;
import io.millrace.learning.Header;
import io.millrace.learning.InvalidInputException;
import io.millrace.learning.StateFormatException;
import io.millrace.learning.bayes.GaussianNaiveBayes;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class HoeffdingTreeTest {

    private static final Header THRESHOLD = new Header("threshold",
        List.of(Attribute.numeric("x0"), Attribute.numeric("x1"), Attribute.nominal("colour", "red", "green", "blue")),
        Attribute.nominal("y", "no", "yes"));

    /** y = x0 > 0.3, with x1 and colour as noise. */
    private static double[][] thresholdRows(int count, long seed, int[] labels) {
        Random random = new Random(seed);
        double[][] rows = new double[count][];
        for (int i = 0; i < count; i++) {
            rows[i] = new double[] {random.nextDouble(), random.nextDouble(), random.nextInt(3)};
            labels[i] = rows[i][0] > 0.3 ? 1 : 0;
        }
        return rows;
    }

    @Test
    void learnsAThresholdConceptWithOneSplitOnTheRightAttribute() {
        int[] labels = new int[5_000];
        double[][] rows = thresholdRows(labels.length, 1, labels);
        HoeffdingTree tree = new HoeffdingTree(THRESHOLD);
        for (int i = 0; i < rows.length; i++) {
            tree.learn(rows[i], labels[i]);
        }
        // Known answer: the root splits on x0 at the third of the ten candidate thresholds (3/11 of the
        // observed range), then the leaf above it refines towards 0.3.
        assertThat(tree.describe()).startsWith("if x0 <= 0.2768981729481706:");
        assertThat(tree.depth()).isEqualTo(3);
        int[] testLabels = new int[2_000];
        double[][] test = thresholdRows(testLabels.length, 2, testLabels);
        int correct = 0;
        for (int i = 0; i < test.length; i++) {
            correct += tree.predictClass(test[i]) == testLabels[i] ? 1 : 0;
        }
        assertThat(correct / 2000.0).isGreaterThan(0.97);
        double[] probabilities = tree.predict(new double[] {0.9, 0.5, 1});
        assertThat(probabilities[0] + probabilities[1]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(probabilities[1]).isGreaterThan(0.9);
    }

    @Test
    void anUntrainedTreePredictsUniformly() {
        HoeffdingTree tree = new HoeffdingTree(THRESHOLD);
        assertThat(tree.predict(new double[] {0.1, 0.2, 0})).containsExactly(0.5, 0.5);
        assertThat(tree.predictClass(new double[] {0.1, 0.2, 0})).isZero();
        assertThat(tree.nodeCount()).isEqualTo(1);
        assertThat(tree.depth()).isZero();
    }

    @Test
    void restoredMidStreamTreePredictsExactlyAsTheOriginal() {
        MoaStreams.Sample sample = MoaStreams.take(MoaStreams.agrawal(5, 21), 60_000);
        HoeffdingTree original = new HoeffdingTree(sample.header());
        MoaStreams.prequential(original, sample, 0, 30_000);
        byte[] bytes = original.toBytes();
        HoeffdingTree restored = HoeffdingTree.fromBytes(bytes);
        assertThat(restored.toBytes()).isEqualTo(bytes);
        assertThat(restored.config()).isEqualTo(original.config());
        assertThat(restored.describe()).isEqualTo(original.describe());

        int[] expected = MoaStreams.prequential(original, sample, 30_000, 60_000);
        int[] actual = MoaStreams.prequential(restored, sample, 30_000, 60_000);
        assertThat(actual).isEqualTo(expected);
        assertThat(restored.toBytes()).isEqualTo(original.toBytes());
        assertThat(restored.predict(sample.features()[0])).isEqualTo(original.predict(sample.features()[0]));
    }

    @Test
    void badRowsAreRejectedWithoutChangingTheTree() {
        MoaStreams.Sample sample = MoaStreams.take(MoaStreams.agrawal(5, 8), 10_000);
        HoeffdingTree tree = new HoeffdingTree(sample.header());
        MoaStreams.prequential(tree, sample, 0, 8_000);
        byte[] before = tree.toBytes();
        double[][] probe = Arrays.copyOfRange(sample.features(), 8_000, 10_000);
        double[][] expected = Arrays.stream(probe).map(tree::predict).toArray(double[][]::new);

        double[] good = sample.features()[0];
        int nominal = indexOfFirstNominal(sample.header());
        for (double[] row : badRows(good, nominal)) {
            assertThatThrownBy(() -> tree.learn(row, 0)).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> tree.predict(row)).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> tree.predictClass(row)).isInstanceOf(InvalidInputException.class);
        }
        for (double label : new double[] {-1, 2, 0.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> tree.learn(good, label)).isInstanceOf(InvalidInputException.class);
        }
        for (double weight : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> tree.learn(good, 1, weight)).isInstanceOf(InvalidInputException.class);
        }
        tree.learn(good, 1, 0.0);

        assertThat(tree.toBytes()).isEqualTo(before);
        for (int i = 0; i < probe.length; i++) {
            assertThat(tree.predict(probe[i])).isEqualTo(expected[i]);
        }
    }

    public static int indexOfFirstNominal(Header header) {
        for (int j = 0; j < header.numFeatures(); j++) {
            if (header.feature(j).isNominal()) {
                return j;
            }
        }
        throw new IllegalStateException("no nominal attribute");
    }

    /** Infinite numeric value, unknown and fractional categories, wrong dimensions, null. */
    public static double[][] badRows(double[] good, int nominal) {
        int numeric = nominal == 0 ? 1 : 0;
        double[] infinite = good.clone();
        infinite[numeric] = Double.POSITIVE_INFINITY;
        double[] negativeInfinite = good.clone();
        negativeInfinite[numeric] = Double.NEGATIVE_INFINITY;
        double[] unknownCategory = good.clone();
        unknownCategory[nominal] = 99;
        double[] negativeCategory = good.clone();
        negativeCategory[nominal] = -1;
        double[] fractionalCategory = good.clone();
        fractionalCategory[nominal] = 0.5;
        return new double[][] {infinite, negativeInfinite, unknownCategory, negativeCategory, fractionalCategory,
            Arrays.copyOf(good, good.length - 1), Arrays.copyOf(good, good.length + 1), new double[0], null};
    }

    @Test
    void aMissingValueAtASplitStopsLearningThereAndPredictsTheSplitsWeights() {
        int[] labels = new int[5_000];
        double[][] rows = thresholdRows(labels.length, 3, labels);
        HoeffdingTree tree = new HoeffdingTree(THRESHOLD);
        for (int i = 0; i < rows.length; i++) {
            tree.learn(rows[i], labels[i]);
        }
        assertThat(tree.describe()).startsWith("if x0 <=");
        byte[] before = tree.toBytes();
        double[] missingAtRoot = {Double.NaN, 0.5, 2};
        tree.learn(missingAtRoot, 1);
        assertThat(tree.toBytes()).as("documented: not learned below the split").isEqualTo(before);

        double[] probabilities = tree.predict(missingAtRoot);
        assertThat(Arrays.stream(probabilities).allMatch(Double::isFinite)).isTrue();
        // The root's class weights when it split: about 30% "no".
        assertThat(probabilities[0]).isBetween(0.2, 0.4);

        double[] missingElsewhere = {0.8, Double.NaN, Double.NaN};
        tree.learn(missingElsewhere, 1);
        assertThat(tree.toBytes()).as("learned at the leaf, ignoring the missing values").isNotEqualTo(before);
        assertThat(tree.predictClass(missingElsewhere)).isEqualTo(1);
    }

    @Test
    void corruptOrForeignBytesAreRefused() {
        HoeffdingTree tree = new HoeffdingTree(THRESHOLD);
        int[] labels = new int[1_000];
        double[][] rows = thresholdRows(labels.length, 4, labels);
        for (int i = 0; i < rows.length; i++) {
            tree.learn(rows[i], labels[i]);
        }
        byte[] bytes = tree.toBytes();
        assertThatThrownBy(() -> HoeffdingTree.fromBytes(Arrays.copyOf(bytes, bytes.length - 3)))
            .isInstanceOf(StateFormatException.class);
        assertThatThrownBy(() -> HoeffdingTree.fromBytes(new GaussianNaiveBayes(THRESHOLD).toBytes()))
            .isInstanceOf(StateFormatException.class).hasMessageContaining("gaussian-naive-bayes");
        CorruptBytes.assertRefusedOrDecoded(bytes, HoeffdingTree.KIND, THRESHOLD, HoeffdingTree::fromBytes);
    }

    @Test
    void rejectsRegressionTargetsAndInvalidParameters() {
        Header regression = new Header("r", List.of(Attribute.numeric("x")), Attribute.numeric("y"));
        assertThatThrownBy(() -> new HoeffdingTree(regression)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HoeffdingTreeConfig.defaults().withGracePeriod(0))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HoeffdingTreeConfig.defaults().withSplitConfidence(1.5))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(HoeffdingTreeConfig.defaults()).isEqualTo(new HoeffdingTreeConfig(200, 1e-7, 0.05, false, 10, 0.01,
            HoeffdingTreeConfig.LeafPrediction.NAIVE_BAYES_ADAPTIVE, 0));
    }
}

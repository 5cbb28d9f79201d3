package io.millrace.learning.tree;

import io.millrace.learning.Attribute;
import io.millrace.learning.Header;
import io.millrace.learning.InvalidInputException;
import io.millrace.learning.StateFormatException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class HoeffdingAdaptiveTreeTest {

    @Test
    void aTreeRestoredFromBytesEveryTenThousandInstancesPredictsAsAnUninterruptedOne() {
        MoaStreams.Sample sample = MoaStreams.take(MoaStreams.hyperplane(0.001, 1), 50_000);
        HoeffdingAdaptiveTree uninterrupted = new HoeffdingAdaptiveTree(sample.header());
        HoeffdingAdaptiveTree restored = new HoeffdingAdaptiveTree(sample.header());
        for (int i = 0; i < sample.size(); i++) {
            if (i > 0 && i % 10_000 == 0) {
                byte[] bytes = restored.toBytes();
                restored = HoeffdingAdaptiveTree.fromBytes(bytes);
                assertThat(restored.toBytes()).isEqualTo(bytes);
            }
            double[] row = sample.features()[i];
            assertThat(restored.predictClass(row)).as("instance %d", i).isEqualTo(uninterrupted.predictClass(row));
            uninterrupted.learn(row, sample.labels()[i]);
            restored.learn(row, sample.labels()[i]);
        }
        assertThat(restored.toBytes()).isEqualTo(uninterrupted.toBytes());
        assertThat(restored.alternatesSwitched()).isEqualTo(uninterrupted.alternatesSwitched()).isPositive();
        assertThat(restored.predict(sample.features()[0])).isEqualTo(uninterrupted.predict(sample.features()[0]));
    }

    @Test
    void badRowsAreRejectedWithoutChangingTheTree() {
        MoaStreams.Sample sample = MoaStreams.take(MoaStreams.agrawal(5, 8), 10_000);
        HoeffdingAdaptiveTree tree = new HoeffdingAdaptiveTree(sample.header());
        MoaStreams.prequential(tree, sample, 0, 8_000);
        byte[] before = tree.toBytes();
        double[][] probe = Arrays.copyOfRange(sample.features(), 8_000, 10_000);
        double[][] expected = Arrays.stream(probe).map(tree::predict).toArray(double[][]::new);

        double[] good = sample.features()[0];
        for (double[] row : HoeffdingTreeTest.badRows(good, HoeffdingTreeTest.indexOfFirstNominal(sample.header()))) {
            assertThatThrownBy(() -> tree.learn(row, 0)).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> tree.predict(row)).isInstanceOf(InvalidInputException.class);
        }
        for (double label : new double[] {-1, 2, 0.5, Double.NaN}) {
            assertThatThrownBy(() -> tree.learn(good, label)).isInstanceOf(InvalidInputException.class);
        }
        assertThatThrownBy(() -> tree.learn(good, 1, Double.NEGATIVE_INFINITY)).isInstanceOf(InvalidInputException.class);
        tree.learn(good, 1, 0.0);

        assertThat(tree.toBytes()).isEqualTo(before);
        for (int i = 0; i < probe.length; i++) {
            assertThat(tree.predict(probe[i])).isEqualTo(expected[i]);
        }
    }

    @Test
    void aMissingValueAtTheRootIsPredictedByTheRootsClassWeights() {
        Header header = new Header("threshold", List.of(Attribute.numeric("x0"), Attribute.numeric("x1")),
            Attribute.nominal("y", "no", "yes"));
        java.util.Random random = new java.util.Random(3);
        HoeffdingAdaptiveTree tree = new HoeffdingAdaptiveTree(header);
        for (int i = 0; i < 3_000; i++) {
            double x0 = random.nextDouble();
            tree.learn(new double[] {x0, random.nextDouble()}, x0 > 0.3 ? 1 : 0);
        }
        assertThat(tree.describe()).startsWith("if x0 <=");
        double[] probabilities = tree.predict(new double[] {Double.NaN, 0.5});
        assertThat(probabilities[0] + probabilities[1]).isCloseTo(1.0, offset(1e-12));
        assertThat(probabilities[0]).isBetween(0.2, 0.4);
        assertThat(tree.predictClass(new double[] {0.9, Double.NaN})).isEqualTo(1);
        assertThat(tree.predictClass(new double[] {0.1, Double.NaN})).isEqualTo(0);
    }

    @Test
    void foreignAndDamagedBytesAreRefused() {
        MoaStreams.Sample sample = MoaStreams.take(MoaStreams.agrawal(5, 4), 3_000);
        Header header = sample.header();
        HoeffdingAdaptiveTree tree = new HoeffdingAdaptiveTree(header);
        MoaStreams.prequential(tree, sample);
        byte[] bytes = tree.toBytes();
        assertThatThrownBy(() -> HoeffdingAdaptiveTree.fromBytes(Arrays.copyOf(bytes, bytes.length - 1)))
            .isInstanceOf(StateFormatException.class);
        assertThatThrownBy(() -> HoeffdingAdaptiveTree.fromBytes(new HoeffdingTree(header).toBytes()))
            .isInstanceOf(StateFormatException.class).hasMessageContaining("hoeffding-tree");
        CorruptBytes.assertRefusedOrDecoded(bytes, HoeffdingAdaptiveTree.KIND, header, HoeffdingAdaptiveTree::fromBytes);
    }
}

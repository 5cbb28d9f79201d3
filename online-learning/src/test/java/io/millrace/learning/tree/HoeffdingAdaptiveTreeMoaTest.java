package io.millrace.learning.tree;

import moa.classifiers.trees.HoeffdingAdaptiveTree;
import org.junit.jupiter.api.Test;

import static io.millrace.learning.tree.MoaStreams.accuracy;
import static io.millrace.learning.tree.MoaStreams.differences;
import static io.millrace.learning.tree.MoaStreams.firstDifference;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our adaptive tree against MOA's {@code HoeffdingAdaptiveTree} on the same instances: the same
 * prediction for every instance, through drift, alternate trees and their switches. (MOA's adaptive
 * tree runs at about 20k instances/s here, which keeps these streams short.)
 */
class HoeffdingAdaptiveTreeMoaTest {

    private static io.millrace.learning.tree.HoeffdingAdaptiveTree assertSamePredictions(MoaStreams.Sample sample) {
        int[] theirs = MoaStreams.prequential(new HoeffdingAdaptiveTree(), sample);
        io.millrace.learning.tree.HoeffdingAdaptiveTree tree =
            new io.millrace.learning.tree.HoeffdingAdaptiveTree(sample.header());
        int[] ours = MoaStreams.prequential(tree, sample);
        assertThat(firstDifference(ours, theirs))
            .as("first differing prediction; %d differences, accuracy ours %.4f, MOA %.4f",
                differences(ours, theirs), accuracy(ours, sample), accuracy(theirs, sample))
            .isEqualTo(-1);
        return tree;
    }

    @Test
    void seaWithAbruptDriftGivesMoasPredictions() {
        io.millrace.learning.tree.HoeffdingAdaptiveTree tree =
            assertSamePredictions(MoaStreams.take(MoaStreams.seaWithDrift(1, 50_000), 100_000));
        assertThat(tree.alternatesStarted()).isPositive();
        assertThat(tree.alternatesSwitched()).isPositive();
    }

    @Test
    void rotatingHyperplaneGivesMoasPredictionsThroughSwitchedAndPrunedAlternates() {
        io.millrace.learning.tree.HoeffdingAdaptiveTree tree =
            assertSamePredictions(MoaStreams.take(MoaStreams.hyperplane(0.001, 1), 50_000));
        assertThat(tree.alternatesSwitched()).isPositive();
        assertThat(tree.alternatesPruned()).isPositive();
    }

    @Test
    void agrawalGivesMoasPredictions() {
        assertSamePredictions(MoaStreams.take(MoaStreams.agrawal(5, 1), 20_000));
    }

    @Test
    void multiClassNominalStreamGivesMoasPredictions() {
        assertSamePredictions(MoaStreams.take(MoaStreams.randomTree(4, 7), 20_000));
    }
}

package io.millrace.learning.tree;

import moa.classifiers.trees.HoeffdingAdaptiveTree;
import org.junit.jupiter.api.Test;

import static io.millrace.learning.tree.MoaStreams.accuracy;
import static io.millrace.learning.tree.MoaStreams.differences;
import static io.millrace.learning.tree.MoaStreams.firstDifference;
import static org.assertj.core.api.Assertions.assertThat;

/** Our adaptive tree against MOA's {@code HoeffdingAdaptiveTree} on the same instances. */
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
            assertSamePredictions(MoaStreams.take(MoaStreams.seaWithDrift(1, 100_000), 200_000));
        assertThat(tree.alternatesStarted()).isPositive();
    }

    @Test
    void agrawalGivesMoasPredictions() {
        assertSamePredictions(MoaStreams.take(MoaStreams.agrawal(5, 1), 100_000));
    }

    @Test
    void multiClassNominalStreamGivesMoasPredictions() {
        assertSamePredictions(MoaStreams.take(MoaStreams.randomTree(4, 7), 50_000));
    }
}

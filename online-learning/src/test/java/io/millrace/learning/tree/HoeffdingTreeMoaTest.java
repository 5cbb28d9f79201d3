package io.millrace.learning.tree;

import moa.classifiers.trees.HoeffdingTree;
import org.junit.jupiter.api.Test;

import static io.millrace.learning.tree.MoaStreams.accuracy;
import static io.millrace.learning.tree.MoaStreams.differences;
import static io.millrace.learning.tree.MoaStreams.firstDifference;
import static org.assertj.core.api.Assertions.assertThat;

/** Our Hoeffding tree against MOA's on the same instances: same predictions, one by one. */
class HoeffdingTreeMoaTest {

    private static void assertSamePredictions(MoaStreams.Sample sample) {
        int[] theirs = MoaStreams.prequential(new HoeffdingTree(), sample);
        io.millrace.learning.tree.HoeffdingTree tree = new io.millrace.learning.tree.HoeffdingTree(sample.header());
        int[] ours = MoaStreams.prequential(tree, sample);
        System.out.printf("%s: ours %.4f moa %.4f, %d differences (first at %d), %d splits%n",
            sample.header().name(), accuracy(ours, sample), accuracy(theirs, sample), differences(ours, theirs),
            firstDifference(ours, theirs), tree.splitCount());
        assertThat(firstDifference(ours, theirs)).isEqualTo(-1);
    }

    @Test
    void seaWithAbruptDriftGivesMoasPredictions() {
        assertSamePredictions(MoaStreams.take(MoaStreams.seaWithDrift(1, 100_000), 200_000));
    }

    @Test
    void agrawalGivesMoasPredictions() {
        assertSamePredictions(MoaStreams.take(MoaStreams.agrawal(1, 1), 100_000));
    }
}

package io.millrace.learning.tree;

import io.millrace.learning.tree.HoeffdingTreeConfig.LeafPrediction;
import moa.classifiers.trees.HoeffdingTree;
import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static io.millrace.learning.tree.MoaStreams.accuracy;
import static io.millrace.learning.tree.MoaStreams.differences;
import static io.millrace.learning.tree.MoaStreams.firstDifference;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our Hoeffding tree against MOA's {@code HoeffdingTree} on the same instances: the same prediction
 * for every instance, under MOA's defaults and under other settings, on binary and multi-class,
 * numeric and nominal streams, with and without missing values.
 */
class HoeffdingTreeMoaTest {

    /** Our tree after the stream, and its predictions. */
    private record Outcome(io.millrace.learning.tree.HoeffdingTree tree, int[] predictions) {
    }

    private static Outcome assertSamePredictions(
        MoaStreams.Sample sample, HoeffdingTreeConfig config, Consumer<HoeffdingTree> moaSettings) {
        HoeffdingTree moa = new HoeffdingTree();
        moaSettings.accept(moa);
        int[] theirs = MoaStreams.prequential(moa, sample);
        io.millrace.learning.tree.HoeffdingTree tree = new io.millrace.learning.tree.HoeffdingTree(sample.header(), config);
        int[] ours = MoaStreams.prequential(tree, sample);
        assertThat(firstDifference(ours, theirs))
            .as("first differing prediction; %d differences, accuracy ours %.4f, MOA %.4f",
                differences(ours, theirs), accuracy(ours, sample), accuracy(theirs, sample))
            .isEqualTo(-1);
        return new Outcome(tree, ours);
    }

    private static Outcome assertSamePredictions(MoaStreams.Sample sample) {
        return assertSamePredictions(sample, HoeffdingTreeConfig.defaults(), moa -> { });
    }

    @Test
    void seaWithAbruptDriftGivesMoasPredictions() {
        MoaStreams.Sample sample = MoaStreams.take(MoaStreams.seaWithDrift(1, 75_000), 150_000);
        Outcome outcome = assertSamePredictions(sample);
        assertThat(outcome.tree().splitCount()).isGreaterThan(20);
        // Pinned: prequential accuracy of MOA's tree, and so of ours, on this stream.
        assertThat(accuracy(outcome.predictions(), sample)).isCloseTo(0.86265, org.assertj.core.data.Offset.offset(0.00001));
    }

    @Test
    void agrawalGivesMoasPredictions() {
        assertSamePredictions(MoaStreams.take(MoaStreams.agrawal(1, 1), 60_000));
    }

    @Test
    void agrawalWithNominalSplitsGivesMoasPredictions() {
        // Function 5 depends on the nominal car and zipcode-like attributes as well as numeric ones.
        MoaStreams.Sample sample = MoaStreams.take(MoaStreams.agrawal(5, 3), 40_000);
        assertSamePredictions(sample);
        assertSamePredictions(sample, HoeffdingTreeConfig.defaults().withBinarySplits(true),
            moa -> moa.binarySplitsOption.setValue(true));
    }

    @Test
    void multiClassNominalStreamGivesMoasPredictions() {
        MoaStreams.Sample sample = MoaStreams.take(MoaStreams.randomTree(4, 7), 40_000);
        assertThat(assertSamePredictions(sample).tree().depth()).isGreaterThan(1);
    }

    @Test
    void multiClassNumericStreamGivesMoasPredictions() {
        assertSamePredictions(MoaStreams.take(MoaStreams.randomRbf(5, 2), 30_000));
    }

    @Test
    void otherLeafPredictionsAndGracePeriodGiveMoasPredictions() {
        MoaStreams.Sample sample = MoaStreams.take(MoaStreams.agrawal(2, 5), 20_000);
        assertSamePredictions(sample, HoeffdingTreeConfig.defaults().withLeafPrediction(LeafPrediction.MAJORITY_CLASS),
            moa -> moa.leafpredictionOption.setChosenIndex(0));
        assertSamePredictions(sample, HoeffdingTreeConfig.defaults().withLeafPrediction(LeafPrediction.NAIVE_BAYES),
            moa -> moa.leafpredictionOption.setChosenIndex(1));
        assertSamePredictions(sample, HoeffdingTreeConfig.defaults().withGracePeriod(50).withTieThreshold(0.1),
            moa -> {
                moa.gracePeriodOption.setValue(50);
                moa.tieThresholdOption.setValue(0.1);
            });
    }

    @Test
    void missingValuesAreHandledAsMoaHandlesThem() {
        MoaStreams.Sample agrawal = MoaStreams.withMissing(MoaStreams.take(MoaStreams.agrawal(5, 11), 25_000), 0.05, 42);
        assertSamePredictions(agrawal);
        MoaStreams.Sample sea = MoaStreams.withMissing(MoaStreams.take(MoaStreams.sea(1, 4), 25_000), 0.05, 43);
        assertSamePredictions(sea);
    }
}

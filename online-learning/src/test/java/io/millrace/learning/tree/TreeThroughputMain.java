package io.millrace.learning.tree;

import io.millrace.learning.Learner;
import io.millrace.learning.bayes.GaussianNaiveBayes;
import moa.classifiers.AbstractClassifier;
import moa.classifiers.bayes.NaiveBayes;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Throwaway side-by-side throughput check (not a test): prequential instances/s of our learners and
 * MOA's on the same pre-generated SEA stream with an abrupt drift at the middle. Run with
 * {@code java -cp <test classpath> io.millrace.learning.tree.TreeThroughputMain [instances] [rounds]}.
 */
public final class TreeThroughputMain {

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String only = args.length > 2 ? args[2] : "all";
        String stream = args.length > 3 ? args[3] : "sea";
        MoaStreams.Sample sample = stream.equals("agrawal")
            ? MoaStreams.take(MoaStreams.agrawal(5, 1), count)
            : MoaStreams.take(MoaStreams.seaWithDrift(1, count / 2), count);
        for (int round = 1; round <= rounds; round++) {
            if (only.equals("all") || only.equals("ht")) {
                compare("hoeffding-tree", round, sample, moa.classifiers.trees.HoeffdingTree::new, HoeffdingTree::new);
            }
            if (only.equals("all") || only.equals("hat")) {
                compare("hoeffding-adaptive-tree", round, sample, moa.classifiers.trees.HoeffdingAdaptiveTree::new,
                    HoeffdingAdaptiveTree::new);
            }
            if (only.equals("all") || only.equals("nb")) {
                compare("naive-bayes", round, sample, NaiveBayes::new, GaussianNaiveBayes::new);
            }
        }
    }

    private static void compare(String name, int round, MoaStreams.Sample sample, Supplier<AbstractClassifier> moa,
                                Function<io.millrace.learning.Header, Learner> ours) {
        long start = System.nanoTime();
        int[] theirs = MoaStreams.prequential(moa.get(), sample);
        double moaSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        int[] mine = MoaStreams.prequential(ours.apply(sample.header()), sample);
        double ourSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("round %d %-24s ours %,10.0f inst/s acc %.4f | moa %,10.0f inst/s acc %.4f | ratio %.2f | diffs %d%n",
            round, name, sample.size() / ourSeconds, MoaStreams.accuracy(mine, sample), sample.size() / moaSeconds,
            MoaStreams.accuracy(theirs, sample), moaSeconds / ourSeconds, MoaStreams.differences(mine, theirs));
    }
}

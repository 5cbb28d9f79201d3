package io.millrace.learning.tree;

import io.millrace.learning.tree.HoeffdingTreeConfig.LeafPrediction;

/**
 * A learning leaf: class weights, attribute observers (created on the first example, as MOA does),
 * the weight seen at the last split attempt, and for naive Bayes adaptive prediction the weight
 * each of majority class and naive Bayes would have classified correctly.
 */
class LeafNode extends Node {

    LeafStatistics statistics;
    double weightAtLastSplitAttempt;
    double majorityCorrect;
    double naiveBayesCorrect;

    LeafNode(double[] classCounts, int classSpan) {
        super(classCounts, classSpan);
        this.weightAtLastSplitAttempt = weightSeen();
    }

    /** Raw class votes (not normalised) as the configured leaf prediction gives them. */
    final void votes(TreeContext context, double[] features, double[] out) {
        LeafPrediction prediction = context.config.leafPrediction();
        boolean naiveBayes = switch (prediction) {
            case MAJORITY_CLASS -> false;
            case NAIVE_BAYES -> weightSeen() >= context.config.nbThreshold();
            case NAIVE_BAYES_ADAPTIVE -> !(majorityCorrect > naiveBayesCorrect);
        };
        if (naiveBayes) {
            LeafStatistics.naiveBayesVotes(context.layout, statistics, classCounts, classSpan, features, out);
        } else {
            System.arraycopy(classCounts, 0, out, 0, out.length);
        }
    }

    /** Learns one example: prediction bookkeeping first (on the state before), then the statistics. */
    final void learn(TreeContext context, double[] features, int label, double weight) {
        if (context.config.leafPrediction() == LeafPrediction.NAIVE_BAYES_ADAPTIVE) {
            if (classSpan > 0 && majorityClass() == label) {
                majorityCorrect += weight;
            }
            double[] votes = context.scratchVotes;
            LeafStatistics.naiveBayesVotes(context.layout, statistics, classCounts, classSpan, features, votes);
            if (TreeContext.argMax(votes) == label) {
                naiveBayesCorrect += weight;
            }
        }
        classCounts[label] += weight;
        if (label >= classSpan) {
            classSpan = label + 1;
        }
        if (statistics == null) {
            statistics = new LeafStatistics(context.layout);
        }
        statistics.observe(context.layout, features, label, weight);
    }

    private int majorityClass() {
        int best = 0;
        for (int c = 1; c < classSpan; c++) {
            if (classCounts[c] > classCounts[best]) {
                best = c;
            }
        }
        return best;
    }
}

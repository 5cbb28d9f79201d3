package io.millrace.learning;

/** Small helpers over vote and probability arrays. */
public final class Votes {

    private Votes() {
    }

    /** Index of the largest entry; the lowest index on ties; 0 for an empty array. */
    public static int argMax(double[] votes) {
        int best = 0;
        for (int i = 1; i < votes.length; i++) {
            if (votes[i] > votes[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Scales non-negative votes in place so they sum to 1; uniform when they sum to 0. */
    public static double[] normalize(double[] votes) {
        double sum = 0;
        for (double vote : votes) {
            sum += vote;
        }
        for (int i = 0; i < votes.length; i++) {
            votes[i] = sum > 0 ? votes[i] / sum : 1.0 / votes.length;
        }
        return votes;
    }
}

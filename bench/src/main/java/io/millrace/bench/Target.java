package io.millrace.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One of the benchmark's stated targets and whether this run met it.
 *
 * @param goal   what is asked
 * @param met    whether this run met it
 * @param detail the figures it was judged on
 */
record Target(String goal, boolean met, String detail) {

    /** Logistic regression's single-thread throughput target on 10 dense features. */
    static final double LOGISTIC_REGRESSION_PER_SECOND = 2_000_000;
    /** How far the Hoeffding tree's accuracy may be from MOA's, in points. */
    static final double TREE_ACCURACY_POINTS = 0.5;

    /** The targets that the rows of this run can be judged on. */
    static List<Target> judge(List<Row> rows) {
        List<Target> targets = new ArrayList<>();
        for (Row row : rows) {
            if (row.name().equals(Contenders.HOEFFDING_TREE.name())) {
                boolean met = row.ratio() >= 1 && Math.abs(row.accuracyPoints()) <= TREE_ACCURACY_POINTS;
                targets.add(new Target("hoeffding-tree on " + row.stream() + ": at least as fast as MOA, accuracy within "
                    + TREE_ACCURACY_POINTS + " points", met,
                    format("ratio %.2f (by CPU time %.2f), accuracy %+.2f points", row.ratio(), row.cpuRatio(),
                        row.accuracyPoints())));
            } else if (row.name().equals(Contenders.LOGISTIC_REGRESSION.name()) && row.stream().equals(Benchmark.DENSE)) {
                targets.add(new Target("logistic-regression on 10 dense features: over 2 M instances/s on one thread",
                    row.oursPerSecond() > LOGISTIC_REGRESSION_PER_SECOND, format("%,.0f instances/s; %,.0f per CPU second",
                        row.oursPerSecond(), row.oursPerCpuSecond())));
            } else if (row.name().equals("adwin")) {
                targets.add(new Target("adwin: at least as fast as MOA's ADWIN", row.ratio() >= 1,
                    format("ratio %.2f (by CPU time %.2f)", row.ratio(), row.cpuRatio())));
            }
        }
        return targets;
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}

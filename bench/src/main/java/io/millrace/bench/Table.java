package io.millrace.bench;

import java.util.Arrays;
import java.util.Locale;

/** Renders a {@link Report} as the plain-text table {@code ./millrace bench} prints. */
final class Table {

    private static final String ROW = "%-24s %-14s %13s %13s %9s %9s %9s %9s %9s  %s%n";

    private Table() {
    }

    static String render(Report report) {
        StringBuilder out = new StringBuilder();
        out.append(format("Millrace vs MOA 2024.07.0, same JVM, same instances: %,d instances per stream, seed %d, "
            + "median of %d alternating runs per side (%s, %d processors)%n"
            + "inst/s by the wall clock; cpu ratio: ours/MOA by the thread's CPU time, steadier on a shared machine%n%n", report.instances(), report.seed(),
            report.repetitions(), report.java(), report.processors()));
        for (Report.StreamInfo stream : report.streams()) {
            out.append(format("  %-14s %,11d  %s%n", stream.name(), stream.instances(), stream.description()));
        }
        if (report.detectorInput() != null) {
            out.append(format("  detectors fed %s%n", report.detectorInput()));
        }
        out.append('\n');
        out.append(format(ROW, "learner/detector", "stream", "ours inst/s", "MOA inst/s", "ours/MOA", "cpu ratio",
            "ours acc", "MOA acc", "diff pts", "notes"));
        out.append("-".repeat(150)).append('\n');
        for (Row row : report.rows()) {
            out.append(row.isLearner() ? learner(row) : detector(row));
        }
        if (!report.targets().isEmpty()) {
            out.append("\nTargets\n");
            for (Target target : report.targets()) {
                out.append(format("  %-6s %s (%s)%n", target.met() ? "MET" : "MISSED", target.goal(), target.detail()));
            }
        }
        out.append(format("%nTotal %.0f s%n", report.seconds()));
        return out.toString();
    }

    private static String learner(Row row) {
        String agreement = row.differentPredictions() == 0
            ? "same predictions as MOA on every instance"
            : format("predictions differ from MOA's on %,d instances", row.differentPredictions());
        String note = row.note().isEmpty() || row.differentPredictions() == 0 ? agreement : agreement + "; " + row.note();
        return format(ROW, row.name(), row.stream(), rate(row.oursPerSecond()), rate(row.moaPerSecond()),
            format("%.2f", row.ratio()), format("%.2f", row.cpuRatio()), percent(row.oursAccuracy()),
            percent(row.moaAccuracy()),
            points(row.accuracyPoints()), note);
    }

    private static String detector(Row row) {
        String note = row.sameDetections()
            ? format("%d detections, at the same indices as MOA's %s", row.oursDetections().length,
                indices(row.oursDetections()))
            : format("detections differ: ours %d %s, MOA %d %s%s", row.oursDetections().length,
                indices(row.oursDetections()), row.moaDetections().length, indices(row.moaDetections()),
                row.note().isEmpty() ? "" : " (" + row.note() + ")");
        return format(ROW, row.name(), row.stream(), rate(row.oursPerSecond()), rate(row.moaPerSecond()),
            format("%.2f", row.ratio()), format("%.2f", row.cpuRatio()), "-", "-", "-", note);
    }

    private static String indices(int[] detections) {
        if (detections.length <= 6) {
            return Arrays.toString(detections);
        }
        return Arrays.toString(Arrays.copyOf(detections, 5)).replace("]", ", ...]");
    }

    /** A difference in points, with no "-0.00" for a difference that rounds to zero. */
    private static String points(double points) {
        return format("%+.2f", Math.abs(points) < 0.005 ? 0.0 : points);
    }

    private static String rate(double perSecond) {
        return format("%,.0f", perSecond);
    }

    private static String percent(double fraction) {
        return format("%.2f%%", 100 * fraction);
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}

package io.millrace.cli.evaluate;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.millrace.learning.eval.Metrics;
import io.millrace.learning.eval.PrequentialResult;

/**
 * Prints an {@link EvaluationReport} as a small table for people, or as one JSON object for scripts.
 *
 * <p>JSON fields: {@code learner}, {@code params} (those given), {@code data} (what was evaluated on:
 * {@code type} generator or csv and its settings), {@code task} (classification or regression),
 * {@code target}, {@code classes} (classification), {@code instances}, {@code rejected} (invalid rows),
 * {@code skipped} (rows without a label), {@code seconds}, {@code instancesPerSecond}, {@code windowSize},
 * and {@code whole} and {@code window}, each with {@code instances} and either {@code accuracy},
 * {@code kappa}, {@code logLoss} (classification) or {@code mae}, {@code rmse} (regression). A score that
 * is undefined (kappa when chance agreement is 1, say) is {@code null}.
 */
public final class ReportFormat {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportFormat() {
    }

    /** The report as aligned lines. */
    public static void printText(EvaluationReport report, PrintWriter out) {
        PrequentialResult result = report.result();
        out.println(row("learner", report.learner() + describeParams(report.params())));
        out.println(row("data", report.data()));
        out.println(row("task", task(report)));
        String instances = result.whole().instances() + " evaluated, " + result.rejected() + " rejected as invalid input";
        out.println(row("instances", report.skipped() > 0
            ? instances + ", " + report.skipped() + (report.skipped() == 1 ? " row" : " rows") + " without a label skipped"
            : instances));
        out.printf(Locale.ROOT, "%-14s %10s %12s%n", "", "whole", "last " + report.windowSize());
        if (report.classification()) {
            out.println(scores("accuracy", result.whole().accuracy(), result.window().accuracy()));
            out.println(scores("kappa", result.whole().kappa(), result.window().kappa()));
            out.println(scores("log-loss", result.whole().logLoss(), result.window().logLoss()));
        } else {
            out.println(scores("MAE", result.whole().mae(), result.window().mae()));
            out.println(scores("RMSE", result.whole().rmse(), result.window().rmse()));
        }
        out.println(row("instances/s", Double.isFinite(result.instancesPerSecond())
            ? String.format(Locale.ROOT, "%,.0f (%.2f s)", result.instancesPerSecond(), result.seconds()) : "-"));
        out.flush();
    }

    /** The report as one JSON object on one line. */
    public static String json(EvaluationReport report) {
        PrequentialResult result = report.result();
        ObjectNode root = JSON.createObjectNode();
        root.put("learner", report.learner());
        root.set("params", JSON.valueToTree(new TreeMap<>(report.params())));
        root.set("data", JSON.valueToTree(report.dataFields()));
        root.put("task", report.classification() ? "classification" : "regression");
        root.put("target", report.header().target().name());
        if (report.classification()) {
            root.set("classes", JSON.valueToTree(report.header().target().values()));
        }
        root.put("instances", result.whole().instances());
        root.put("rejected", result.rejected());
        root.put("skipped", report.skipped());
        putNumber(root, "seconds", result.seconds());
        putNumber(root, "instancesPerSecond", result.instancesPerSecond());
        root.put("windowSize", report.windowSize());
        root.set("whole", metrics(result.whole(), report.classification()));
        root.set("window", metrics(result.window(), report.classification()));
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }

    private static ObjectNode metrics(Metrics metrics, boolean classification) {
        ObjectNode node = JSON.createObjectNode();
        node.put("instances", metrics.instances());
        if (classification) {
            putNumber(node, "accuracy", metrics.accuracy());
            putNumber(node, "kappa", metrics.kappa());
            putNumber(node, "logLoss", metrics.logLoss());
        } else {
            putNumber(node, "mae", metrics.mae());
            putNumber(node, "rmse", metrics.rmse());
        }
        return node;
    }

    /** JSON has no NaN or infinity: an undefined score is null. */
    private static void putNumber(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) {
            node.put(name, value);
        } else {
            node.putNull(name);
        }
    }

    private static String task(EvaluationReport report) {
        String target = "'" + report.header().target().name() + "'";
        if (!report.classification()) {
            return "regression of " + target;
        }
        return "classification of " + target + ", " + report.header().numClasses() + " classes";
    }

    private static String describeParams(Map<String, String> params) {
        if (params.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(" (");
        new TreeMap<>(params).forEach((name, value) -> text.append(text.length() > 2 ? ", " : "").append(name)
            .append('=').append(value));
        return text.append(')').toString();
    }

    private static String row(String name, String value) {
        return String.format(Locale.ROOT, "%-14s %s", name, value);
    }

    private static String scores(String name, double whole, double window) {
        return String.format(Locale.ROOT, "%-14s %10s %12s", name, score(whole), score(window));
    }

    private static String score(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "-";
    }
}

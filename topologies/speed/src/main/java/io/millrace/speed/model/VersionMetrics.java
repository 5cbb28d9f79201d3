package io.millrace.speed.model;

import io.millrace.learning.eval.Metrics;
import io.millrace.learning.eval.PrequentialMetrics;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metrics a model version published by the speed layer carries: the prequential scores of the answers served
 * since the trainer started (accuracy, kappa, log-loss or MAE and RMSE, and the window's), by name.
 */
final class VersionMetrics {

    private VersionMetrics() {
    }

    /** Prequential scores of the served answers as the version's metrics; undefined (NaN) scores are left out. */
    static Map<String, Double> of(PrequentialMetrics prequential) {
        Map<String, Double> out = new LinkedHashMap<>();
        Metrics whole = prequential.whole();
        Metrics window = prequential.window();
        out.put("examples_scored", (double) whole.instances());
        put(out, "accuracy", whole.accuracy());
        put(out, "kappa", whole.kappa());
        put(out, "log_loss", whole.logLoss());
        put(out, "mae", whole.mae());
        put(out, "rmse", whole.rmse());
        put(out, "window_accuracy", window.accuracy());
        put(out, "window_kappa", window.kappa());
        put(out, "window_mae", window.mae());
        return out;
    }

    private static void put(Map<String, Double> out, String name, double value) {
        if (Double.isFinite(value)) {
            out.put(name, value);
        }
    }
}

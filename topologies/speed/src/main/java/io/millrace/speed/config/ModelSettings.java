package io.millrace.speed.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the speed layer scores, learns and watches its models.
 *
 * @param models                  the models to score with and train; none by default
 * @param checkpointEveryExamples publish the learner as a new version after this many examples...
 * @param checkpointInterval      ...or when this much time passed since the last one with at least one example
 * @param autoPromote             checkpoints are published as PRODUCTION (the online learner serves) when true,
 *                                as CANDIDATE (an operator promotes) when false
 * @param defaultCanaryShare      share of events a CANARY version takes when its record leaves
 *                                {@code canary_share} at 0
 * @param labelJoinWindow         how long a scored event waits for its label, and a label for its event
 * @param driftDetector           detector over each model's error stream: {@code adwin} (default),
 *                                {@code page-hinkley} or {@code ddm} (and the other kinds of online-learning)
 * @param driftParams             the detector's parameters; empty for its defaults, except that ADWIN watches for an
 *                                increase of the error unless {@code direction} is given: a model getting better is not
 *                                drift to alarm on (MOA's ADWINChangeDetector does the same; both directions raised
 *                                alerts while a young model improved, see {@code PaymentsDriftSignalTest})
 */
public record ModelSettings(
        List<ModelDefinition> models,
        long checkpointEveryExamples,
        Duration checkpointInterval,
        boolean autoPromote,
        double defaultCanaryShare,
        Duration labelJoinWindow,
        String driftDetector,
        Map<String, String> driftParams) {

    public static final long DEFAULT_CHECKPOINT_EVERY = 1000;
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(60);
    public static final double DEFAULT_CANARY_SHARE = 0.1;
    public static final Duration DEFAULT_LABEL_JOIN_WINDOW = Duration.ofHours(2);
    public static final String DEFAULT_DRIFT_DETECTOR = "adwin";

    public ModelSettings {
        models = List.copyOf(Objects.requireNonNull(models, "models"));
        Set<String> names = new HashSet<>();
        for (ModelDefinition model : models) {
            if (!names.add(model.name())) {
                throw new IllegalArgumentException("model '" + model.name() + "' is configured twice");
            }
        }
        if (checkpointEveryExamples < 1) {
            throw new IllegalArgumentException("checkpointEveryExamples must be at least 1: " + checkpointEveryExamples);
        }
        requirePositive(checkpointInterval, "checkpointInterval");
        if (!(defaultCanaryShare >= 0 && defaultCanaryShare <= 1)) {
            throw new IllegalArgumentException("defaultCanaryShare must be within [0, 1]: " + defaultCanaryShare);
        }
        requirePositive(labelJoinWindow, "labelJoinWindow");
        if (driftDetector == null || driftDetector.isBlank()) {
            throw new IllegalArgumentException("driftDetector must not be blank");
        }
        driftParams = withErrorDirection(driftDetector, Objects.requireNonNull(driftParams, "driftParams"));
    }

    /** No models; checkpoints every 1000 examples or 60 s, auto-promoted; 10% canary; 2 h join window; ADWIN. */
    public static ModelSettings defaults() {
        return new ModelSettings(List.of(), DEFAULT_CHECKPOINT_EVERY, DEFAULT_CHECKPOINT_INTERVAL, true,
                DEFAULT_CANARY_SHARE, DEFAULT_LABEL_JOIN_WINDOW, DEFAULT_DRIFT_DETECTOR, Map.of());
    }

    private static Map<String, String> withErrorDirection(String detector, Map<String, String> params) {
        if (!detector.trim().equalsIgnoreCase("adwin") || params.containsKey("direction")) {
            return Map.copyOf(params);
        }
        Map<String, String> withDirection = new java.util.HashMap<>(params);
        withDirection.put("direction", "increase");
        return Map.copyOf(withDirection);
    }

    /** The definition of the model called {@code name}, or null. */
    public ModelDefinition model(String name) {
        for (ModelDefinition model : models) {
            if (model.name().equals(name)) {
                return model;
            }
        }
        return null;
    }

    /** These settings with one more model. */
    public ModelSettings withModel(ModelDefinition model) {
        List<ModelDefinition> more = new ArrayList<>(models);
        more.add(model);
        return new ModelSettings(more, checkpointEveryExamples, checkpointInterval, autoPromote, defaultCanaryShare,
                labelJoinWindow, driftDetector, driftParams);
    }

    public ModelSettings withCheckpoints(long everyExamples, Duration interval) {
        return new ModelSettings(models, everyExamples, interval, autoPromote, defaultCanaryShare, labelJoinWindow,
                driftDetector, driftParams);
    }

    public ModelSettings withAutoPromote(boolean value) {
        return new ModelSettings(models, checkpointEveryExamples, checkpointInterval, value, defaultCanaryShare,
                labelJoinWindow, driftDetector, driftParams);
    }

    public ModelSettings withDefaultCanaryShare(double value) {
        return new ModelSettings(models, checkpointEveryExamples, checkpointInterval, autoPromote, value,
                labelJoinWindow, driftDetector, driftParams);
    }

    public ModelSettings withLabelJoinWindow(Duration value) {
        return new ModelSettings(models, checkpointEveryExamples, checkpointInterval, autoPromote, defaultCanaryShare,
                value, driftDetector, driftParams);
    }

    public ModelSettings withDriftDetector(String kind, Map<String, String> params) {
        return new ModelSettings(models, checkpointEveryExamples, checkpointInterval, autoPromote, defaultCanaryShare,
                labelJoinWindow, kind, params);
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}

package io.millrace.speed;

import java.util.List;

/**
 * The names of the speed layer's state stores, in one place. A store's name is part of the application's
 * durable contract: Kafka Streams names its changelog topic {@code <application.id>-<store>-changelog} and its
 * RocksDB directory {@code <state.dir>/<application.id>/<task>/rocksdb/<store>}, and interactive queries
 * address it by name, so renaming one loses its state. Names are lower-case words joined by '-'.
 *
 * <p>Ingest and validation keep no state. The stores below are those the later speed-layer topologies
 * declare; each topology takes its store names from here and nowhere else.
 */
public final class StoreNames {

    /**
     * Rolling statistics over the tumbling and the hopping windows (count, mean, variance, min, max, sketches), one
     * value per entity and base slice with all its features, each value stored once with its lateness for both families
     * ({@link io.millrace.speed.stats.EntitySlice}); a feature's statistics over all entities are these merged, and
     * the online features joined to each event read them.
     */
    public static final String ENTITY_STATS = "entity-stats";
    /** The rolling statistics' event-time clock: the largest event time each task has read. */
    public static final String ROLLING_STATS_CLOCK = "rolling-stats-clock";
    /**
     * The feature drift watch's reference distributions, by feature: a KLL sketch or category counts each, with the
     * event-time range and source they come from. Kept here because the window stores' retention drops the windows
     * they were built from.
     */
    public static final String FEATURE_DRIFT_REFERENCES = "feature-drift-references";
    /**
     * The feature drift watch's progress: each task's reference range and next window to judge (key
     * {@code @progress}), and each feature's drift flag per test (key {@code <detector>:<feature>}).
     */
    public static final String FEATURE_DRIFT_STATE = "feature-drift-state";
    /** Scored events waiting for their label (delayed feedback), by event id. */
    public static final String PENDING_LABELS = "pending-labels";
    /**
     * The expiry index of {@link #PENDING_LABELS}: (deadline, event id), so a purge reads only what expired. Local, with
     * no changelog: the label join rebuilds it from {@link #PENDING_LABELS} when it starts.
     */
    public static final String PENDING_LABEL_DEADLINES = "pending-label-deadlines";
    /**
     * Online learner state, by model name: each trainer's latest snapshot (the learner lives in memory), with the
     * position in {@code training-examples} from which a restored trainer replays what it learned since.
     */
    public static final String LEARNER_STATE = "learner-state";
    /** Drift detector state, by model or feature. */
    public static final String DRIFT_DETECTORS = "drift-detectors";
    /**
     * The model registry as a global store: every version from the {@code models} topic under its record key
     * {@code <name>/<version>}, and each model's routing table (versions and stages, no state) under {@code <name>}.
     */
    public static final String MODEL_VERSIONS = "model-versions";

    private StoreNames() {
    }

    /** Every store name. */
    public static List<String> all() {
        return List.of(ENTITY_STATS, ROLLING_STATS_CLOCK, FEATURE_DRIFT_REFERENCES, FEATURE_DRIFT_STATE,
                PENDING_LABELS, PENDING_LABEL_DEADLINES, LEARNER_STATE, DRIFT_DETECTORS, MODEL_VERSIONS);
    }
}

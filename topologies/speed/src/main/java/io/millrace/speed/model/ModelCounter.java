package io.millrace.speed.model;

/** The outcomes the model topology counts (see {@link ModelMetrics}); each name is a metric tag value. */
public enum ModelCounter {
    /** An event scored by at least one model. */
    EVENT_SCORED,
    /** An event a configured model could not score because the registry holds no production version of it yet. */
    EVENT_UNSCORED_NO_VERSION,
    /** An event whose features one model refused (wrong type for its spec): dead-lettered for that model. */
    EVENT_REJECTED_BY_MODEL,
    /** A prediction written, any route. */
    PREDICTION,
    /** A scored event that waited for its label longer than the join window and was purged. */
    SCORED_EVENT_EXPIRED,
    /** A label that met its scored event within the join window. */
    LABEL_JOINED,
    /** A label that waited for its event longer than the join window: dead-lettered as an orphan. */
    LABEL_ORPHANED,
    /** A label that arrived after its event's join window: dead-lettered as too late. */
    LABEL_TOO_LATE,
    /** A label that could not be read or does not fit: dead-lettered. */
    LABEL_UNREADABLE,
    /** An example a trainer learned from. */
    EXAMPLE_LEARNED,
    /**
     * An example a trainer restored from its snapshot applied again from {@code training-examples}: learned before a
     * crash or a move, after the snapshot.
     */
    EXAMPLE_REPLAYED,
    /** An example a trainer refused (its label or features do not fit the model): nothing learned. */
    EXAMPLE_REJECTED,
    /** A version published to {@code models} by a trainer (bootstrap or checkpoint). */
    VERSION_PUBLISHED,
    /** A drift alert written. */
    DRIFT_ALERT,
    /** A record of {@code models} that is not a readable model version: ignored by the registry. */
    MODEL_RECORD_UNREADABLE
}

package io.millrace.speed.stats;

import java.time.Instant;

/**
 * The statistics of one feature (over all entities, or of one entity) in one window, or merged over several.
 *
 * @param feature     the feature
 * @param entity      the entity; {@code null} for all entities together
 * @param windowStart start of the (first) window, inclusive
 * @param windowEnd   end of the (last) window, exclusive
 * @param onTime      the values that arrived before the window closed (stream time below end + grace): what
 *                    a Kafka Streams windowed aggregation would hold
 * @param late        the values that arrived after it closed: kept, counted and shown here, never merged into
 *                    {@code onTime} unnoticed
 * @param all         both together: every value of the window the speed layer has seen, which the batch layer's
 *                    recomputation over the same offsets equals
 */
public record WindowedStats(String feature, String entity, Instant windowStart, Instant windowEnd,
                            StatsSummary onTime, StatsSummary late, StatsSummary all) {
}

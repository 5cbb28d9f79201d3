/**
 * Rolling statistics of every feature, over all entities and per entity, in tumbling and hopping event-time
 * windows held in RocksDB window stores ({@link io.millrace.speed.stats.RollingStatsTopology}); their read side
 * for serving ({@link io.millrace.speed.stats.RollingStatsQueries}) and for scoring
 * ({@link io.millrace.speed.stats.OnlineFeatures}). Windows are stored as slices that keep late values apart
 * ({@link io.millrace.speed.stats.SliceStatistics}); the semantics are written down in {@code topologies/README.md}.
 */
package io.millrace.speed.stats;

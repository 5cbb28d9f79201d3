package io.millrace.speed.stats;

import io.millrace.speed.config.RollingStatsConfig;
import io.millrace.speed.stats.RollingStatsQueries.Windows;

/**
 * How the one rolling-statistics store, {@link io.millrace.speed.StoreNames#ENTITY_STATS}, holds both window
 * families: a value per entity and <em>base slice</em>, the greatest common divisor of the two families' slices
 * (1 minute with the defaults: the tumbling minute, and the hopping hour's 5-minute slices cut in five). A family's
 * slice is a whole number of base slices, so each family's windows are read as the merge of base slices; a value is
 * stored once, with its lateness for each family ({@link Lateness}), and an event costs one store write.
 */
final class SliceLayout {
    final Windowing tumbling;
    final Windowing hopping;
    /** Length of a base slice, in milliseconds. */
    final long slice;
    /** How long the store keeps a base slice: the longer of the two families' retentions. */
    final long retention;
    /** How far before a base slice the longest window containing it can start. */
    final long lookback;

    SliceLayout(RollingStatsConfig config) {
        this.tumbling = new Windowing(config.tumbling());
        this.hopping = new Windowing(config.hopping());
        this.slice = Windowing.gcd(tumbling.slice, hopping.slice);
        this.retention = Math.max(tumbling.retention, hopping.retention);
        this.lookback = Math.max(tumbling.size, hopping.size) - slice;
        if (hopping.size / hopping.advance >= Lateness.EXPIRED) {
            throw new IllegalArgumentException("hopping windows of " + config.hopping().size() + " advancing by "
                    + config.hopping().advance() + " overlap " + hopping.size / hopping.advance
                    + " times: the rolling statistics count up to " + (Lateness.EXPIRED - 1));
        }
    }

    Windowing of(Windows family) {
        return family == Windows.TUMBLING ? tumbling : hopping;
    }

    /** Start of the base slice holding event time {@code t}. */
    long sliceStart(long t) {
        return Math.floorDiv(t, slice) * slice;
    }
}

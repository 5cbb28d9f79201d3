package io.millrace.speed.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The windows and limits of the rolling statistics, per feature globally and per (entity, feature).
 *
 * <p>Defaults: tumbling windows of 1 minute and hopping windows of 1 hour advancing by 5 minutes, both with
 * 1 minute of grace and kept for 1 day (Kafka Streams' historic default window retention); exact counts of
 * up to 100 distinct categories per entity's window slice of a categorical feature; the feature drift watch on, with
 * {@link FeatureDriftConfig#defaults()}.
 *
 * @param tumbling      the tumbling windows
 * @param hopping       the hopping windows; the online features ("count in the last hour") read these
 * @param maxCategories how many distinct values of a categorical feature one entity's window slice counts exactly;
 *                      values first seen after that are counted together as "other" (the total and the HLL
 *                      distinct estimate still see every value); a read merging slices keeps every category tracked
 * @param cachedSlices  deserialized entity slices (base slices, a minute each with the defaults) the update processor
 *                      keeps per task (an active entity's slices of the last hour with the defaults), so its slice is
 *                      not decoded again for each of its events (its bytes are still written) and scoring reads its
 *                      online features from memory; 0 reads everything from the store
 * @param featureDrift  the drift watch over the features' distributions in the hopping windows (on by default)
 */
public record RollingStatsConfig(WindowSpec tumbling, WindowSpec hopping, int maxCategories, int cachedSlices,
                                 FeatureDriftConfig featureDrift) {

    public static final Duration DEFAULT_TUMBLING_SIZE = Duration.ofMinutes(1);
    public static final Duration DEFAULT_HOPPING_SIZE = Duration.ofHours(1);
    public static final Duration DEFAULT_HOPPING_ADVANCE = Duration.ofMinutes(5);
    public static final Duration DEFAULT_GRACE = Duration.ofMinutes(1);
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(1);
    public static final int DEFAULT_MAX_CATEGORIES = 100;
    public static final int DEFAULT_CACHED_SLICES = 20_000;

    public RollingStatsConfig {
        Objects.requireNonNull(tumbling, "tumbling");
        Objects.requireNonNull(hopping, "hopping");
        Objects.requireNonNull(featureDrift, "featureDrift");
        if (!tumbling.isTumbling()) {
            throw new IllegalArgumentException("the tumbling windows must advance by their size: " + tumbling);
        }
        if (maxCategories < 0) {
            throw new IllegalArgumentException("maxCategories must not be negative: " + maxCategories);
        }
        if (cachedSlices < 0) {
            throw new IllegalArgumentException("cachedSlices must not be negative: " + cachedSlices);
        }
        if (featureDrift.enabled()) {
            featureDrift.checkAgainst(hopping);
        }
    }

    public static RollingStatsConfig defaults() {
        return new RollingStatsConfig(
                WindowSpec.tumbling(DEFAULT_TUMBLING_SIZE, DEFAULT_GRACE, DEFAULT_RETENTION),
                WindowSpec.hopping(DEFAULT_HOPPING_SIZE, DEFAULT_HOPPING_ADVANCE, DEFAULT_GRACE, DEFAULT_RETENTION),
                DEFAULT_MAX_CATEGORIES, DEFAULT_CACHED_SLICES, FeatureDriftConfig.defaults());
    }

    public RollingStatsConfig withTumbling(WindowSpec value) {
        return new RollingStatsConfig(value, hopping, maxCategories, cachedSlices, featureDrift);
    }

    public RollingStatsConfig withHopping(WindowSpec value) {
        return new RollingStatsConfig(tumbling, value, maxCategories, cachedSlices, featureDrift);
    }

    /** The same grace for both window families. */
    public RollingStatsConfig withGrace(Duration grace) {
        return new RollingStatsConfig(tumbling.withGrace(grace), hopping.withGrace(grace), maxCategories, cachedSlices,
                featureDrift);
    }

    public RollingStatsConfig withMaxCategories(int value) {
        return new RollingStatsConfig(tumbling, hopping, value, cachedSlices, featureDrift);
    }

    public RollingStatsConfig withCachedSlices(int value) {
        return new RollingStatsConfig(tumbling, hopping, maxCategories, value, featureDrift);
    }

    public RollingStatsConfig withFeatureDrift(FeatureDriftConfig value) {
        return new RollingStatsConfig(tumbling, hopping, maxCategories, cachedSlices, value);
    }
}

package io.millrace.speed.model;

import io.millrace.learning.features.RollingFeature;
import io.millrace.speed.StoreNames;
import io.millrace.speed.config.RollingStatsConfig;
import io.millrace.speed.stats.OnlineFeatures;
import io.millrace.speed.stats.RollingStatsTopology;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Rolling features read from the rolling-statistics stores of the same task: scoring runs right after
 * {@link RollingStatsTopology#UPDATE_STATS}, so the entity's slices already hold the event being scored
 * ({@link OnlineFeatures} gives the exact semantics, which the batch layer reproduces).
 */
final class StoredRollingFeatures implements RollingFeatureSource {
    private final RollingStatsConfig config;

    StoredRollingFeatures(RollingStatsConfig config) {
        this.config = config;
    }

    @Override
    public Set<String> storeNames() {
        return new LinkedHashSet<>(RollingStatsTopology.entityStoreNames());
    }

    @Override
    public Lookup open(ProcessorContext<?, ?> context, List<RollingFeature> features) {
        if (features.isEmpty()) {
            return (entity, eventTime) -> Map.of();
        }
        OnlineFeatures reader = new OnlineFeatures(features, List.of(
                new OnlineFeatures.Source(config.hopping(), context.getStateStore(StoreNames.ENTITY_STATS_HOPPING)),
                new OnlineFeatures.Source(config.tumbling(), context.getStateStore(StoreNames.ENTITY_STATS_TUMBLING))));
        return reader::valuesAt;
    }
}

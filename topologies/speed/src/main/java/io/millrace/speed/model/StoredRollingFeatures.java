package io.millrace.speed.model;

import io.millrace.learning.features.RollingFeature;
import io.millrace.speed.config.RollingStatsConfig;
import io.millrace.speed.stats.OnlineFeatures;
import io.millrace.speed.stats.RollingStatsTopology;
import io.millrace.speed.stats.TaskSlices;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Rolling features read from the rolling statistics of the same task: scoring runs right after
 * {@link RollingStatsTopology#UPDATE_STATS}, so the entity's slices already hold the event being scored
 * ({@link OnlineFeatures} gives the exact semantics, which the batch layer reproduces). With the
 * {@link TaskSlices} of the rolling-statistics topology the slices come from the update processor's memory,
 * without them from the stores.
 */
final class StoredRollingFeatures implements RollingFeatureSource {
    private final RollingStatsConfig config;
    private final TaskSlices taskSlices;

    StoredRollingFeatures(RollingStatsConfig config, TaskSlices taskSlices) {
        this.config = config;
        this.taskSlices = taskSlices;
    }

    @Override
    public Set<String> storeNames() {
        return new LinkedHashSet<>(RollingStatsTopology.entityStoreNames());
    }

    @Override
    public RollingFeatureSource readingFrom(TaskSlices slices) {
        return new StoredRollingFeatures(config, slices);
    }

    @Override
    public Lookup open(ProcessorContext<?, ?> context, List<RollingFeature> features) {
        if (features.isEmpty()) {
            return (entity, eventTime) -> Map.of();
        }
        OnlineFeatures reader = taskSlices != null ? taskSlices.onlineFeatures(features, context)
                : OnlineFeatures.inProcessor(features, config, context);
        return reader::valuesAt;
    }
}

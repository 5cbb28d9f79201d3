package io.millrace.speed.stats;

import io.millrace.learning.features.RollingFeature;
import io.millrace.speed.StoreNames;
import io.millrace.speed.config.RollingStatsConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * The slices each task's update processor holds in memory, for the processors after it in the same task: online
 * features read through {@link #onlineFeatures} come from the {@link RollingStore}s of the task's
 * {@link UpdateRollingStats} (which already hold the event being processed), with no store read or decoding for a
 * recently active entity. One per topology ({@link RollingStatsTopology#taskSlices()}): tasks register when their
 * update processor starts and leave when it closes; a task with no update processor registered reads its stores.
 */
public final class TaskSlices {
    private final RollingStatsConfig config;
    private final Map<TaskId, Map<String, RollingStore>> byTask = new ConcurrentHashMap<>();

    TaskSlices(RollingStatsConfig config) {
        this.config = config;
    }

    void register(TaskId task, List<RollingStore> stores) {
        byTask.put(task, stores.stream().collect(Collectors.toUnmodifiableMap(RollingStore::name, Function.identity())));
    }

    void unregister(TaskId task, List<RollingStore> stores) {
        byTask.computeIfPresent(task, (id, registered) -> registered.values().containsAll(stores) ? null : registered);
    }

    /**
     * The online features {@code features} for a processor chained after {@link RollingStatsTopology#UPDATE_STATS}
     * in the task of {@code context} and connected to its entity stores; call it in {@code init}.
     */
    public OnlineFeatures onlineFeatures(List<RollingFeature> features, ProcessingContext context) {
        return new OnlineFeatures(features, List.of(
                new OnlineFeatures.Source(config.hopping(), slices(context, StoreNames.ENTITY_STATS_HOPPING)),
                new OnlineFeatures.Source(config.tumbling(), slices(context, StoreNames.ENTITY_STATS_TUMBLING))));
    }

    private OnlineFeatures.EntitySlices slices(ProcessingContext context, String storeName) {
        TaskId task = context.taskId();
        ReadOnlyWindowStore<String, EntitySlice> store = context.getStateStore(storeName);
        OnlineFeatures.EntitySlices fromStore = OnlineFeatures.EntitySlices.of(store);
        return (entity, from, to) -> {
            Map<String, RollingStore> stores = byTask.get(task);
            RollingStore held = stores == null ? null : stores.get(storeName);
            return held == null ? fromStore.slices(entity, from, to) : held.slices(entity, from, to);
        };
    }
}

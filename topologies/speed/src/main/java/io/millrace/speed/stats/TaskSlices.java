package io.millrace.speed.stats;

import io.millrace.learning.features.RollingFeature;
import io.millrace.speed.StoreNames;
import io.millrace.speed.config.RollingStatsConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * The slices each task's update processor holds in memory, for the processors after it in the same task: online
 * features read through {@link #onlineFeatures} come from the {@link RollingStore} of the task's
 * {@link UpdateRollingStats} (which already hold the event being processed), with no store read or decoding for a
 * recently active entity. One per topology ({@link RollingStatsTopology#taskSlices()}): tasks register when their
 * update processor starts and leave when it closes; a task with no update processor registered reads the store.
 */
public final class TaskSlices {
    private final RollingStatsConfig config;
    private final Map<TaskId, RollingStore> byTask = new ConcurrentHashMap<>();

    TaskSlices(RollingStatsConfig config) {
        this.config = config;
    }

    void register(TaskId task, RollingStore store) {
        byTask.put(task, store);
    }

    void unregister(TaskId task, RollingStore store) {
        byTask.remove(task, store);
    }

    /**
     * The online features {@code features} for a processor chained after {@link RollingStatsTopology#UPDATE_STATS}
     * in the task of {@code context} and connected to its entity store; call it in {@code init}.
     */
    public OnlineFeatures onlineFeatures(List<RollingFeature> features, ProcessingContext context) {
        OnlineFeatures.EntitySlices slices = slices(context);
        return new OnlineFeatures(features, List.of(
                new OnlineFeatures.Source(config.hopping(), slices),
                new OnlineFeatures.Source(config.tumbling(), slices)));
    }

    private OnlineFeatures.EntitySlices slices(ProcessingContext context) {
        TaskId task = context.taskId();
        ReadOnlyWindowStore<String, EntitySlice> store = context.getStateStore(StoreNames.ENTITY_STATS);
        OnlineFeatures.EntitySlices fromStore = OnlineFeatures.EntitySlices.of(store);
        return (entity, from, to) -> {
            RollingStore held = byTask.get(task);
            return held == null ? fromStore.slices(entity, from, to) : held.slices(entity, from, to);
        };
    }
}

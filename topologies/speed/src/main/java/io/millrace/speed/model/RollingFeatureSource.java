package io.millrace.speed.model;

import io.millrace.speed.stats.TaskSlices;
import io.millrace.learning.features.RollingFeature;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Where scoring gets an event's rolling (per-entity, windowed) features: the seam where the rolling-statistics
 * stores plug in. The scoring processor is connected to {@link #storeNames()} and opens a {@link Lookup} per
 * task; for each event it asks for the {@link RollingFeature}s of the models' feature specs. The values travel
 * with the scored event to the trainer, so a model learns from exactly the features it was scored with.
 *
 * <p>{@link #none()} supplies nothing: rolling features are then missing and follow their missing-value policy.
 */
public interface RollingFeatureSource {

    /** The state stores the lookups read; the scoring processor is connected to them. */
    Set<String> storeNames();

    /**
     * A lookup of {@code features} (those of every model) for the task of {@code context}, called from the scoring
     * processor's {@code init}.
     */
    Lookup open(ProcessorContext<?, ?> context, List<RollingFeature> features);

    /**
     * This source, reading the slices the update processors of a rolling-statistics topology hold in memory where it
     * reads their stores; itself when it reads no stores.
     */
    default RollingFeatureSource readingFrom(TaskSlices slices) {
        return this;
    }

    /** Reads one task's rolling features. */
    interface Lookup {
        /**
         * The value of each feature for {@code entity} as of {@code eventTime}, by feature name; a feature without a
         * value is left out (it is then missing).
         */
        Map<String, Double> featuresFor(String entity, long eventTime);
    }

    /** No rolling features: every one is missing. */
    static RollingFeatureSource none() {
        return new RollingFeatureSource() {
            @Override
            public Set<String> storeNames() {
                return Set.of();
            }

            @Override
            public Lookup open(ProcessorContext<?, ?> context, List<RollingFeature> features) {
                return (entity, eventTime) -> Map.of();
            }
        };
    }
}

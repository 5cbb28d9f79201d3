package io.millrace.speed.stats;

import io.millrace.learning.features.FeatureSpec;
import io.millrace.learning.features.RollingFeature;
import io.millrace.learning.stats.Moments;
import io.millrace.speed.StoreNames;
import io.millrace.speed.config.RollingStatsConfig;
import io.millrace.speed.config.WindowSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The values of a {@link FeatureSpec}'s {@link RollingFeature}s for one entity at one event time, read from the
 * per-entity window stores, in the map {@link io.millrace.learning.features.FeatureEncoder#encode(Map, Map)}
 * takes as its rolling argument. Built once per task from the stores a processor is connected to
 * ({@link #inProcessor}), or from any {@link ReadOnlyWindowStore} (interactive queries, tests).
 *
 * <p>Exact semantics, which the batch layer reproduces (also in {@code topologies/README.md}):
 * <ul>
 *   <li>A rolling feature with window {@code w} reads the window family whose size is {@code w} (the hopping
 *       windows when both are; none is an error at construction).</li>
 *   <li>At event time {@code t} it reads <em>one</em> window: the earliest-ending window of that family that
 *       contains {@code t}, {@code [s, s + size)} with {@code s = (floor((t - size) / advance) + 1) * advance}.
 *       With 1 h windows advancing by 5 min that window ends in the 5 minutes after {@code t} and reaches back
 *       between 55 and 60 minutes before it.</li>
 *   <li>It aggregates the entity's values of the base feature that the window holds: every event of the entity
 *       read before this one from its {@code valid-events} partition, plus this one (the update processor runs
 *       first), whose event time lies in the window, on time or late alike; nothing once the window's slices
 *       have left the store (older than the retention).</li>
 *   <li>{@code COUNT}: values present (missing ones excluded; categorical values count); {@code SUM}: sum of the
 *       numeric values, 0 without any; {@code MEAN}, {@code MIN}, {@code MAX}: {@code NaN} without any;
 *       {@code STDDEV}: sample standard deviation (n - 1), {@code NaN} with fewer than two. The encoder
 *       imputes {@code NaN} as the feature's missing-value policy says.</li>
 * </ul>
 * Reads only the exact moments of each slice; sketches are never decoded here.
 */
public final class OnlineFeatures {

    /** Where an entity's base slices come from: the window store, or the update processor's cache. */
    @FunctionalInterface
    public interface EntitySlices {
        /** The entity's base slices starting in {@code [from, to]}, by start. */
        NavigableMap<Long, EntitySlice> slices(String entity, long from, long to);

        /** The slices {@code store} holds. */
        static EntitySlices of(ReadOnlyWindowStore<String, EntitySlice> store) {
            Objects.requireNonNull(store, "store");
            return (entity, from, to) -> {
                TreeMap<Long, EntitySlice> found = new TreeMap<>();
                try (WindowStoreIterator<EntitySlice> slices = store instanceof WindowStore<String, EntitySlice> writable
                        ? writable.fetch(entity, from, to)
                        : store.fetch(entity, Instant.ofEpochMilli(from), Instant.ofEpochMilli(to))) {
                    slices.forEachRemaining(slice -> found.put(slice.key, slice.value));
                }
                return found;
            };
        }
    }

    /** One window family and where its entities' slices are read. */
    public record Source(WindowSpec windows, EntitySlices slices) {
        public Source {
            Objects.requireNonNull(windows, "windows");
            Objects.requireNonNull(slices, "slices");
        }

        /** The family {@code windows} as {@code store} holds it. */
        public Source(WindowSpec windows, ReadOnlyWindowStore<String, EntitySlice> store) {
            this(windows, EntitySlices.of(store));
        }
    }

    /** One rolling feature and the windows it reads. */
    private record Resolved(RollingFeature feature, Windowing windowing, EntitySlices slices) {
    }

    private final List<Resolved> features;

    /** Reads {@code features} from {@code sources}; each feature's window must be the size of one source's windows. */
    public OnlineFeatures(List<RollingFeature> features, List<Source> sources) {
        List<Source> finestFirst = new ArrayList<>(sources);
        finestFirst.sort(Comparator.comparing(source -> source.windows().advance()));
        List<Resolved> resolved = new ArrayList<>();
        for (RollingFeature feature : features) {
            Source source = finestFirst.stream()
                    .filter(candidate -> candidate.windows().size().equals(feature.window()))
                    .findFirst()
                    .orElseThrow(() -> noWindows(feature, sources));
            resolved.add(new Resolved(feature, new Windowing(source.windows()), source.slices()));
        }
        this.features = List.copyOf(resolved);
    }

    /** Reads {@code spec}'s rolling features from {@code sources}. */
    public static OnlineFeatures of(FeatureSpec spec, List<Source> sources) {
        return new OnlineFeatures(spec.rollingFeatures(), sources);
    }

    /**
     * For a processor that runs after {@link RollingStatsTopology#UPDATE_STATS} and is connected to
     * {@link StoreNames#ENTITY_STATS}; call it in {@code init}.
     */
    public static OnlineFeatures inProcessor(FeatureSpec spec, RollingStatsConfig config, ProcessingContext context) {
        return inProcessor(spec.rollingFeatures(), config, context);
    }

    /** As {@link #inProcessor(FeatureSpec, RollingStatsConfig, ProcessingContext)}, for {@code features}. */
    public static OnlineFeatures inProcessor(List<RollingFeature> features, RollingStatsConfig config, ProcessingContext context) {
        WindowStore<String, EntitySlice> store = context.getStateStore(StoreNames.ENTITY_STATS);
        EntitySlices slices = EntitySlices.of(store);
        return new OnlineFeatures(features, List.of(
                new Source(config.hopping(), slices),
                new Source(config.tumbling(), slices)));
    }

    /** The value of every rolling feature for {@code entity} at {@code eventTime}, by feature name. */
    public Map<String, Double> valuesAt(String entity, Instant eventTime) {
        return valuesAt(entity, eventTime.toEpochMilli());
    }

    /** The value of every rolling feature for {@code entity} at {@code eventTimeMillis}, by feature name. */
    public Map<String, Double> valuesAt(String entity, long eventTimeMillis) {
        Map<String, Double> values = new LinkedHashMap<>();
        Map<ReadKey, ValueStatistics> read = new HashMap<>();
        for (Resolved resolved : features) {
            long start = resolved.windowing().firstWindowStart(eventTimeMillis);
            ValueStatistics window = read.computeIfAbsent(new ReadKey(resolved.slices(), resolved.feature().base(), start),
                    key -> window(resolved, entity, start));
            values.put(resolved.feature().name(), aggregate(resolved.feature().aggregate(), window));
        }
        return values;
    }

    /** The window {@code [start, end)} a feature with {@code window} reads at {@code eventTime}: for documentation and checks. */
    public static Instant[] windowAt(WindowSpec windows, Instant eventTime) {
        Windowing windowing = new Windowing(windows);
        long start = windowing.firstWindowStart(eventTime.toEpochMilli());
        return new Instant[] {Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + windowing.size)};
    }

    private record ReadKey(Object store, String base, long windowStart) {
    }

    private static ValueStatistics window(Resolved resolved, String entity, long start) {
        Windowing windowing = resolved.windowing();
        ValueStatistics values = new ValueStatistics();
        String base = resolved.feature().base();
        for (EntitySlice slice : resolved.slices().slices(entity, start, start + windowing.size - 1).values()) {
            SliceStatistics feature = slice.feature(base);
            if (feature != null) {
                feature.allExact(values);
            }
        }
        return values;
    }

    static double aggregate(RollingFeature.Aggregate aggregate, ValueStatistics values) {
        Moments moments = values.moments();
        return switch (aggregate) {
            case COUNT -> values.count();
            case SUM -> moments.sum();
            case MEAN -> moments.mean();
            case MIN -> moments.min();
            case MAX -> moments.max();
            case STDDEV -> moments.sampleStandardDeviation();
        };
    }

    private static IllegalArgumentException noWindows(RollingFeature feature, List<Source> sources) {
        List<Duration> sizes = sources.stream().map(source -> source.windows().size()).toList();
        return new IllegalArgumentException("rolling feature '" + feature.name() + "' needs windows of " + feature.window()
                + ", the speed layer keeps windows of " + sizes + ": configure one family of rolling windows to that size");
    }
}

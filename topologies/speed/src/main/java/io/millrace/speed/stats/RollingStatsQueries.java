package io.millrace.speed.stats;

import io.millrace.speed.StoreNames;
import io.millrace.speed.config.RollingStatsConfig;
import io.millrace.speed.config.SpeedLayerConfig;
import io.millrace.speed.config.WindowSpec;
import io.millrace.speed.ingest.EntityPartitions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Reads the rolling statistics of this instance through interactive queries: the windows of a feature (over all
 * entities) or of an entity's feature whose start lies in a range, one {@link WindowedStats} each, or merged.
 *
 * <p>Each window is assembled from the base slices it covers (see {@link SliceLayout} and {@link Windowing}), each
 * value on time or late by its lateness for the window's family ({@link Lateness}). The store holds one
 * {@link EntitySlice} per entity and base slice; a feature over all entities is every entity's slice merged, read
 * partition by partition ({@code fetchAll} over the window's time range: the cost of a global read grows with the
 * entities active in it, while each event costs one store write). An entity's statistics live on the instance that
 * owns its partition ({@link #ownerOf}); a feature's global statistics are spread over all instances, each
 * holding its partitions' share, which serving merges. During a rebalance the stores throw
 * {@link org.apache.kafka.streams.errors.InvalidStateStoreException}: ask again, never answer from half a store.
 */
public final class RollingStatsQueries {

    /**
     * Merging for a reader keeps every category the slices tracked: the cap applies to what one slice stores
     * ({@link RollingStatsConfig#maxCategories()}), not to what a query shows.
     */
    private static final int ALL_CATEGORIES = Integer.MAX_VALUE;

    /** Which family of windows to read. */
    public enum Windows { TUMBLING, HOPPING }

    private final KafkaStreams streams;
    private final RollingStatsConfig config;
    private final List<String> statsSources;
    private final EntityPartitions partitions;

    /**
     * Queries of {@code streams}, which runs {@link RollingStatsTopology} as {@code config} describes it, reading
     * {@code valid-events} itself: an entity's partition is its key's among the partitions of that source.
     */
    public RollingStatsQueries(KafkaStreams streams, SpeedLayerConfig config) {
        this(streams, config, EntityPartitions.unknown());
    }

    /**
     * Queries of {@code streams}, which runs the statistics after ingest ({@code SpeedLayer}, see
     * {@code SpeedLayer#entityPartitions()}): an entity's statistics live in the partition {@code partitions} gives
     * it, whatever the partition count of {@code events}, which shares their tasks.
     */
    public RollingStatsQueries(KafkaStreams streams, SpeedLayerConfig config, EntityPartitions partitions) {
        this.streams = Objects.requireNonNull(streams, "streams");
        this.partitions = Objects.requireNonNull(partitions, "partitions");
        this.config = config.rollingStats();
        this.statsSources = List.of(config.topics().validEvents(), config.topics().rekeyedEvents());
    }

    /** The windows of {@code feature} over all entities, on this instance, whose start lies in {@code [from, to]}. */
    public List<WindowedStats> featureStats(String feature, Windows windows, Instant from, Instant to) {
        return read(localStores(), windows, spec(windows), StatsKey.global(feature), from, to);
    }

    /** The windows of {@code entity}'s {@code feature} whose start lies in {@code [from, to]}. */
    public List<WindowedStats> entityStats(String entity, String feature, Windows windows, Instant from, Instant to) {
        return read(localStores(), windows, spec(windows), StatsKey.of(entity, feature), from, to);
    }

    /** {@link #featureStats} merged into one, from the first window's start to the last one's end; see {@link #merged}. */
    public Optional<WindowedStats> mergedFeatureStats(String feature, Windows windows, Instant from, Instant to) {
        return merged(localStores(), windows, spec(windows), StatsKey.global(feature), from, to);
    }

    /** {@link #entityStats} merged into one; empty without any window. */
    public Optional<WindowedStats> mergedEntityStats(String entity, String feature, Windows windows, Instant from, Instant to) {
        return merged(localStores(), windows, spec(windows), StatsKey.of(entity, feature), from, to);
    }

    /**
     * Where {@code entity}'s statistics live: the partition of its {@code valid-events} key and the instances
     * holding it ({@code application.server} must be set, as serving does; without it Kafka Streams answers
     * {@link KeyQueryMetadata#NOT_AVAILABLE}).
     */
    public KeyQueryMetadata ownerOf(String entity) {
        if (partitions.count() == 0) {
            return streams.queryMetadataForKey(StoreNames.ENTITY_STATS, entity, new StringSerializer());
        }
        // Kafka Streams would take the key's partition among the most partitions of the task's sources (events too)
        StreamPartitioner<String, Object> owner = (topic, key, value, count) -> Optional.of(Set.of(partitions.of(key)));
        return streams.queryMetadataForKey(StoreNames.ENTITY_STATS, entity, owner);
    }

    /**
     * The windows of {@code family}, laid out as {@code spec} says, of {@code key} in {@code stores} (the tasks'
     * {@link StoreNames#ENTITY_STATS} stores) whose start lies in {@code [from, to]}, ascending; windows without any
     * value of the family are left out.
     */
    public static List<WindowedStats> read(List<? extends ReadOnlyWindowStore<String, EntitySlice>> stores, Windows family,
                                           WindowSpec spec, StatsKey key, Instant from, Instant to) {
        return assemble(stores, family, spec, key, from, to).stream()
                .map(window -> window.summary(key))
                .toList();
    }

    /**
     * The windows of {@link #read} merged into one ({@link io.millrace.learning.stats.FeatureStatistics#merge}),
     * from the start of the first window starting in {@code [from, to]} to the end of the last, whether or not
     * those hold values; empty when none does.
     * Over tumbling windows that is the statistics of the whole range; over hopping windows, which overlap, each
     * value counts once for every window that holds it.
     */
    public static Optional<WindowedStats> merged(List<? extends ReadOnlyWindowStore<String, EntitySlice>> stores,
                                                 Windows family, WindowSpec spec, StatsKey key, Instant from, Instant to) {
        List<Assembled> windows = assemble(stores, family, spec, key, from, to);
        if (windows.isEmpty()) {
            return Optional.empty();
        }
        List<Long> starts = new Windowing(spec).windowStarts(from.toEpochMilli(), to.toEpochMilli());
        Assembled total = new Assembled(starts.get(0), starts.get(starts.size() - 1) + spec.size().toMillis(),
                new ValueStatistics(), new ValueStatistics());
        for (Assembled window : windows) {
            total.onTime.merge(window.onTime, ALL_CATEGORIES);
            total.late.merge(window.late, ALL_CATEGORIES);
        }
        return Optional.of(total.summary(key));
    }

    /** One window's values, on time and late. */
    private record Assembled(long start, long end, ValueStatistics onTime, ValueStatistics late) {
        boolean holdsAny() {
            return onTime.count() + onTime.missing() + late.count() + late.missing() > 0;
        }

        WindowedStats summary(StatsKey key) {
            ValueStatistics all = onTime.copy().merge(late, ALL_CATEGORIES);
            return new WindowedStats(key.feature(), key.entity(), Instant.ofEpochMilli(start), Instant.ofEpochMilli(end),
                    StatsSummary.of(onTime), StatsSummary.of(late), StatsSummary.of(all));
        }
    }

    private static List<Assembled> assemble(List<? extends ReadOnlyWindowStore<String, EntitySlice>> stores,
                                            Windows family, WindowSpec spec, StatsKey key, Instant from, Instant to) {
        Windowing windowing = new Windowing(spec);
        List<Long> starts = windowing.windowStarts(from.toEpochMilli(), to.toEpochMilli());
        if (starts.isEmpty()) {
            return List.of();
        }
        TreeMap<Long, SliceStatistics> slices = slices(stores, key, starts.get(0),
                starts.get(starts.size() - 1) + windowing.size - 1);
        List<Assembled> windows = new ArrayList<>();
        for (long start : starts) {
            Map<Long, SliceStatistics> inWindow = slices.subMap(start, true, start + windowing.size, false);
            if (inWindow.isEmpty()) {
                continue;
            }
            Assembled window = new Assembled(start, start + windowing.size, new ValueStatistics(), new ValueStatistics());
            inWindow.forEach((sliceStart, slice) -> {
                int index = windowing.windowIndex(start, windowing.sliceStart(sliceStart));
                slice.onTimeFor(family, index, window.onTime, ALL_CATEGORIES);
                slice.lateFor(family, index, window.late, ALL_CATEGORIES);
            });
            if (window.holdsAny()) {   // its slices may hold only values past the family's retention
                windows.add(window);
            }
        }
        return windows;
    }

    /**
     * The base slices of {@code key} starting in {@code [from, to]}, one per start: for an entity,
     * its slices of the feature; for a feature over all entities, every entity's slice of it merged.
     */
    static TreeMap<Long, SliceStatistics> slices(List<? extends ReadOnlyWindowStore<String, EntitySlice>> stores,
                                                 StatsKey key, long from, long to) {
        TreeMap<Long, SliceStatistics> slices = new TreeMap<>();
        for (ReadOnlyWindowStore<String, EntitySlice> store : stores) {
            if (key.isGlobal()) {
                try (KeyValueIterator<Windowed<String>, EntitySlice> found = store.fetchAll(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to))) {
                    found.forEachRemaining(slice -> add(slices, slice.key.window().start(), slice.value, key.feature()));
                }
            } else {
                try (WindowStoreIterator<EntitySlice> found = store.fetch(key.entity(), Instant.ofEpochMilli(from), Instant.ofEpochMilli(to))) {
                    found.forEachRemaining(slice -> add(slices, slice.key, slice.value, key.feature()));
                }
            }
        }
        return slices;
    }

    private static void add(TreeMap<Long, SliceStatistics> slices, long sliceStart, EntitySlice entity, String feature) {
        SliceStatistics slice = entity.feature(feature);
        if (slice != null) {
            SliceStatistics merged = slices.get(sliceStart);
            if (merged == null) {
                slices.put(sliceStart, slice.copy());
            } else {
                merged.merge(slice, ALL_CATEGORIES);
            }
        }
    }

    /** The statistics store of each active task of this instance, partition by partition. */
    private List<ReadOnlyWindowStore<String, EntitySlice>> localStores() {
        return localPartitions().stream()
                .map(partition -> streams.store(StoreQueryParameters
                        .fromNameAndType(StoreNames.ENTITY_STATS, QueryableStoreTypes.<String, EntitySlice>windowStore())
                        .withPartition(partition)))
                .toList();
    }

    /**
     * The partitions whose statistics this instance's stream threads keep: those of {@code rekeyed-events} in the speed
     * layer (whose statistics run in ingest's tasks), or of {@code valid-events} where the statistics read it.
     */
    private List<Integer> localPartitions() {
        return streams.metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .flatMap(task -> task.topicPartitions().stream())
                .filter(partition -> statsSources.contains(partition.topic()))
                .map(TopicPartition::partition)
                .distinct()
                .sorted()
                .toList();
    }

    private WindowSpec spec(Windows windows) {
        return windows == Windows.TUMBLING ? config.tumbling() : config.hopping();
    }
}

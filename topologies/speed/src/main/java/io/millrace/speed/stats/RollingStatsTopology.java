package io.millrace.speed.stats;

import io.millrace.schemas.Event;
import io.millrace.schemas.registry.SchemaRegistry;
import io.millrace.speed.StoreNames;
import io.millrace.speed.TopicNames;
import io.millrace.speed.config.RollingStatsConfig;
import io.millrace.speed.config.SpeedLayerConfig;
import io.millrace.speed.config.WindowSpec;
import io.millrace.speed.serde.RegistryAvroDeserializer;
import io.millrace.speed.serde.RegistrySerdeConfig;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Rolling statistics of every feature, over all entities and per entity, in tumbling and hopping event-time
 * windows: {@code valid-events} (event time from {@link EventTimeExtractor}) -> {@link UpdateRollingStats} ->
 * four RocksDB window stores:
 * <ul>
 *   <li>{@link StoreNames#FEATURE_STATS_TUMBLING} and {@link StoreNames#FEATURE_STATS_HOPPING}, keyed by
 *       {@link StatsKey#global feature};</li>
 *   <li>{@link StoreNames#ENTITY_STATS_TUMBLING} and {@link StoreNames#ENTITY_STATS_HOPPING}, keyed by
 *       {@link StatsKey#of (entity, feature)}: the stores the online features read.</li>
 * </ul>
 * Each store holds {@link SliceStatistics} per key and window slice ({@link Windowing}); read windows with
 * {@link RollingStatsQueries} (interactive queries) or {@link OnlineFeatures} (inside a processor).
 *
 * <p>The update processor forwards every event, unchanged and after updating the stores, to its children: a
 * topology that scores events with online features attaches its processor to {@link #UPDATE_STATS} (and
 * connects the entity stores to it) instead of reading {@code valid-events} again, which Kafka Streams would
 * refuse in one topology anyway. Those records carry the event time as their timestamp; a sink that writes
 * them to a topic sets the timestamp it wants.
 */
public final class RollingStatsTopology {
    /** Source node: {@code valid-events}, timestamped by event time. */
    public static final String READ_VALID_EVENTS = "rolling-stats-read-valid-events";
    /** Processor node: updates the four stores, then forwards the event. */
    public static final String UPDATE_STATS = "rolling-stats-update";

    private final TopicNames topics;
    private final SchemaRegistry registry;
    private final RollingStatsConfig settings;

    public RollingStatsTopology(SpeedLayerConfig config, SchemaRegistry registry) {
        this.topics = config.topics();
        this.registry = Objects.requireNonNull(registry, "registry");
        this.settings = config.rollingStats();
    }

    /** Rolling statistics with the registry {@code config} names ({@code mock://SCOPE} for an in-memory one). */
    public static RollingStatsTopology from(SpeedLayerConfig config) {
        return new RollingStatsTopology(config, RegistrySerdeConfig.registry(config.registryConfigs()));
    }

    /** A topology of the rolling statistics alone. */
    public Topology build() {
        return addTo(new Topology());
    }

    /**
     * Adds the source, the update processor and the four stores to {@code topology} and returns it. Without
     * committed offsets the source starts from the earliest record: statistics never skip events.
     */
    public Topology addTo(Topology topology) {
        topology.addSource(AutoOffsetReset.earliest(), READ_VALID_EVENTS, new EventTimeExtractor(), new StringDeserializer(),
                RegistryAvroDeserializer.specific(registry, Event.class, false), topics.validEvents());
        topology.addProcessor(UPDATE_STATS, () -> new UpdateRollingStats(newStores()), READ_VALID_EVENTS);
        topology.addStateStore(storeBuilder(StoreNames.FEATURE_STATS_TUMBLING, settings.tumbling()), UPDATE_STATS);
        topology.addStateStore(storeBuilder(StoreNames.FEATURE_STATS_HOPPING, settings.hopping()), UPDATE_STATS);
        topology.addStateStore(storeBuilder(StoreNames.ENTITY_STATS_TUMBLING, settings.tumbling()), UPDATE_STATS);
        topology.addStateStore(storeBuilder(StoreNames.ENTITY_STATS_HOPPING, settings.hopping()), UPDATE_STATS);
        return topology;
    }

    private List<RollingStore> newStores() {
        return List.of(
                store(StoreNames.FEATURE_STATS_TUMBLING, false, settings.tumbling()),
                store(StoreNames.FEATURE_STATS_HOPPING, false, settings.hopping()),
                store(StoreNames.ENTITY_STATS_TUMBLING, true, settings.tumbling()),
                store(StoreNames.ENTITY_STATS_HOPPING, true, settings.hopping()));
    }

    private RollingStore store(String name, boolean perEntity, WindowSpec windows) {
        return new RollingStore(name, perEntity, new Windowing(windows), settings.maxCategories(), settings.cachedSlices());
    }

    /**
     * A RocksDB window store of slices of {@code windows} (slice length {@code gcd(size, advance)}, kept for the
     * retention), with Kafka Streams' record cache and a changelog.
     */
    public static StoreBuilder<WindowStore<StatsKey, SliceStatistics>> storeBuilder(String name, WindowSpec windows) {
        Windowing windowing = new Windowing(windows);
        return Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(name, windows.retention(), java.time.Duration.ofMillis(windowing.slice), false),
                        StatsKey.serde(), SliceStatistics.serde())
                .withCachingEnabled();
    }
}

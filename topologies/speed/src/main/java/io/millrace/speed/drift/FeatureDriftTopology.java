package io.millrace.speed.drift;

import io.millrace.schemas.DriftAlert;
import io.millrace.schemas.registry.SchemaRegistry;
import io.millrace.schemas.serde.AvroSerdeConfig;
import io.millrace.speed.StoreNames;
import io.millrace.speed.config.RollingStatsConfig;
import io.millrace.speed.config.SpeedLayerConfig;
import io.millrace.speed.serde.RegistryAvroSerializer;
import io.millrace.speed.serde.RegistrySerdeConfig;
import io.millrace.speed.stats.RollingStatsTopology;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The feature drift watch's part of the speed layer: {@link WatchFeatureDrift}, a child of
 * {@link RollingStatsTopology#UPDATE_STATS} (so each task judges the windows of its own {@code valid-events}
 * partition, from stores that already hold the event just read), connected to the hopping window store and the
 * rolling statistics' clock, with its own two RocksDB key-value stores ({@link StoreNames#FEATURE_DRIFT_REFERENCES},
 * {@link StoreNames#FEATURE_DRIFT_STATE}) and a sink to {@code drift-alerts}, keyed by feature.
 *
 * <p>{@link io.millrace.speed.SpeedLayer} adds it after the rolling statistics when
 * {@link io.millrace.speed.config.FeatureDriftConfig#enabled()}.
 */
public final class FeatureDriftTopology {
    /** Processor node: judges each closed hopping window against the reference. */
    public static final String WATCH = "feature-drift-watch";
    /** Sink node: {@code drift-alerts}. */
    public static final String WRITE_ALERTS = "feature-drift-write-alerts";

    private final String driftAlerts;
    private final String validEvents;
    private final SchemaRegistry registry;
    private final RollingStatsConfig settings;
    private final Function<String, KeyValueBytesStoreSupplier> stores;

    /** The watch with the registry {@code config} names ({@code mock://SCOPE} for an in-memory one). */
    public static FeatureDriftTopology from(SpeedLayerConfig config) {
        return new FeatureDriftTopology(config, RegistrySerdeConfig.registry(config.registryConfigs()));
    }

    public FeatureDriftTopology(SpeedLayerConfig config, SchemaRegistry registry) {
        this(config, registry, Stores::persistentKeyValueStore);
    }

    /** As above, with the key-value stores {@code stores} supplies by name (RocksDB in the public constructor). */
    FeatureDriftTopology(SpeedLayerConfig config, SchemaRegistry registry, Function<String, KeyValueBytesStoreSupplier> stores) {
        this.driftAlerts = config.topics().driftAlerts();
        this.validEvents = config.topics().validEvents();
        this.registry = Objects.requireNonNull(registry, "registry");
        this.settings = config.rollingStats();
        this.stores = Objects.requireNonNull(stores, "stores");
    }

    /**
     * Adds the watch, its stores and its sink to {@code topology}, which must hold {@link RollingStatsTopology}'s
     * nodes and stores already, and returns it.
     */
    public Topology addTo(Topology topology) {
        return topology.addProcessor(WATCH, () -> new WatchFeatureDrift(settings, validEvents), RollingStatsTopology.UPDATE_STATS)
                .addStateStore(store(StoreNames.FEATURE_DRIFT_REFERENCES), WATCH)
                .addStateStore(store(StoreNames.FEATURE_DRIFT_STATE), WATCH)
                .connectProcessorAndStateStores(WATCH, StoreNames.ENTITY_STATS, StoreNames.ROLLING_STATS_CLOCK)
                .addSink(WRITE_ALERTS, driftAlerts, new StringSerializer(),
                        new RegistryAvroSerializer<DriftAlert>(registry, AvroSerdeConfig.forValues()), WATCH);
    }

    private StoreBuilder<KeyValueStore<String, byte[]>> store(String name) {
        return Stores.keyValueStoreBuilder(stores.apply(name), Serdes.String(), Serdes.ByteArray());
    }
}

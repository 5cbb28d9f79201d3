package io.millrace.speed.stats;

import io.millrace.schemas.registry.SchemaRegistry;
import io.millrace.schemas.serde.AvroSerdeConfig;
import io.millrace.speed.StoreNames;
import io.millrace.speed.TopicNames;
import io.millrace.speed.config.RollingStatsConfig;
import io.millrace.speed.config.SpeedLayerConfig;
import io.millrace.speed.serde.RegistryAvroSerializer;
import io.millrace.speed.serde.RegistrySerdeConfig;
import io.millrace.speed.serde.ValidEventBytes;
import io.millrace.speed.serde.ValidEventDeserializer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Rolling statistics of every feature, per entity and over all entities, in tumbling and hopping event-time
 * windows, and the entry of everything downstream of validation:
 * {@code valid-events} -> {@link DeadLetterUnreadable} (anything that is not an event -> {@code dead-letters})
 * -> {@link UpdateRollingStats} -> one RocksDB window store, {@link StoreNames#ENTITY_STATS}, keyed by entity, each
 * value an {@link EntitySlice} (all of the entity's features in one base slice, each value once with its lateness for
 * both window families, see {@link SliceLayout}, {@link Lateness} and {@link Windowing}). A feature's statistics over all entities are the merge of
 * its entities' slices, done when read: read windows with {@link RollingStatsQueries} (interactive queries) or
 * {@link OnlineFeatures} (inside a processor).
 *
 * <p>The update processor forwards every event, unchanged and after updating the stores, to its children: the
 * model topology attaches scoring to {@link #UPDATE_STATS} (and connects the entity stores to it, for online
 * features) instead of reading {@code valid-events} again, which Kafka Streams would refuse in one topology anyway.
 * Records keep their Kafka timestamps; windows follow the events' own {@code event_time}.
 */
public final class RollingStatsTopology {
    /** Source node: {@code valid-events}, as {@link io.millrace.speed.serde.ValidEvent}s. */
    public static final String READ_VALID_EVENTS = "rolling-stats-read-valid-events";
    /** Processor node: sends records that are not events to {@link #WRITE_DEAD_LETTERS}, the rest on. */
    public static final String DEAD_LETTER_UNREADABLE = "rolling-stats-dead-letter-unreadable";
    /** Processor node: updates the stores, then forwards the event. */
    public static final String UPDATE_STATS = "rolling-stats-update";
    /**
     * Source node, after ingest ({@link #addAfter}): {@code rekeyed-events}, the valid events ingest read from another
     * partition than their entity's, as {@link io.millrace.speed.serde.ValidEvent}s.
     */
    public static final String READ_REKEYED_EVENTS = "rolling-stats-read-rekeyed-events";
    /** Sink node, after ingest ({@link #addAfter}): every event the statistics took in, to {@code valid-events}. */
    public static final String WRITE_VALID_EVENTS = "rolling-stats-write-valid-events";
    /** Sink node: {@code dead-letters}. */
    public static final String WRITE_DEAD_LETTERS = "rolling-stats-write-dead-letters";

    private final TopicNames topics;
    private final SchemaRegistry registry;
    private final RollingStatsConfig settings;
    private final TaskSlices taskSlices;

    public RollingStatsTopology(SpeedLayerConfig config, SchemaRegistry registry) {
        this.topics = config.topics();
        this.registry = Objects.requireNonNull(registry, "registry");
        this.settings = config.rollingStats();
        this.taskSlices = new TaskSlices(settings);
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
     * Adds the source, the two processors, the stores and the dead-letter sink to {@code topology} and returns it: the
     * statistics of the events on {@code valid-events}, written there by ingest on its own
     * ({@link io.millrace.speed.ingest.Handover#toValidEvents()}) or anyone else.
     * Without committed offsets the source starts from the earliest record: statistics never skip events.
     */
    public Topology addTo(Topology topology) {
        addEntry(topology, READ_VALID_EVENTS, topics.validEvents());
        return addUpdate(topology, DEAD_LETTER_UNREADABLE);
    }

    /**
     * Adds the statistics in the sub-topology of ingest, whose processor {@code ingestNode} hands its valid events to
     * {@link #UPDATE_STATS} directly or through {@code rekeyed-events}
     * ({@link io.millrace.speed.ingest.Handover#toStatistics}), and returns {@code topology}. {@link #UPDATE_STATS}
     * writes every event it took in to {@code valid-events} ({@link #WRITE_VALID_EVENTS}), so a partition of
     * {@code valid-events} is in the order its task counted the events, and nothing reads {@code valid-events} back.
     */
    public Topology addAfter(Topology topology, String ingestNode) {
        addEntry(topology, READ_REKEYED_EVENTS, topics.rekeyedEvents());
        addUpdate(topology, ingestNode, DEAD_LETTER_UNREADABLE);
        return topology.addSink(WRITE_VALID_EVENTS, topics.validEvents(), new ByteArraySerializer(), new ValidEventBytes(),
                UPDATE_STATS);
    }

    private void addEntry(Topology topology, String sourceNode, String topic) {
        topology.addSource(AutoOffsetReset.earliest(), sourceNode, new ByteArrayDeserializer(),
                        new ValidEventDeserializer(registry), topic)
                .addProcessor(DEAD_LETTER_UNREADABLE, DeadLetterUnreadable::new, sourceNode)
                .addSink(WRITE_DEAD_LETTERS, topics.deadLetters(), new ByteArraySerializer(),
                        new RegistryAvroSerializer<>(registry, AvroSerdeConfig.forValues()), DEAD_LETTER_UNREADABLE);
    }

    private Topology addUpdate(Topology topology, String... parents) {
        return topology.addProcessor(UPDATE_STATS, () -> new UpdateRollingStats(newStore(), taskSlices), parents)
                .addStateStore(storeBuilder(settings), UPDATE_STATS)
                .addStateStore(clockStoreBuilder(), UPDATE_STATS);
    }

    /**
     * The slices the update processors of this topology hold, by task: a processor chained after
     * {@link #UPDATE_STATS} reads its online features through them instead of from the store.
     */
    public TaskSlices taskSlices() {
        return taskSlices;
    }

    /** The stores a processor chained after {@link #UPDATE_STATS} connects to, to read online features. */
    public static List<String> entityStoreNames() {
        return List.of(StoreNames.ENTITY_STATS);
    }

    private RollingStore newStore() {
        return new RollingStore(new SliceLayout(settings), settings.maxCategories(), settings.cachedSlices());
    }

    /**
     * The RocksDB window store {@link StoreNames#ENTITY_STATS} of both window families of {@code config}: base slices
     * ({@link SliceLayout}) kept for the longer retention, keyed by entity, with Kafka Streams' record cache and a
     * changelog.
     */
    public static StoreBuilder<WindowStore<String, EntitySlice>> storeBuilder(RollingStatsConfig config) {
        SliceLayout layout = new SliceLayout(config);
        return Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(StoreNames.ENTITY_STATS, Duration.ofMillis(layout.retention),
                                Duration.ofMillis(layout.slice), false),
                        Serdes.String(), EntitySlice.serde())
                .withCachingEnabled();
    }

    private static StoreBuilder<KeyValueStore<String, Long>> clockStoreBuilder() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.ROLLING_STATS_CLOCK),
                Serdes.String(), Serdes.Long()).withCachingEnabled();
    }
}

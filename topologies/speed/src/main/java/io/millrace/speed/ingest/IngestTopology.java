package io.millrace.speed.ingest;

import io.millrace.schemas.registry.SchemaRegistry;
import io.millrace.schemas.serde.AvroSerdeConfig;
import io.millrace.speed.TopicNames;
import io.millrace.speed.config.SpeedLayerConfig;
import io.millrace.speed.serde.RegistryAvroSerializer;
import io.millrace.speed.serde.RegistrySerdeConfig;
import io.millrace.speed.serde.ValidEventBytes;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;

/**
 * The first step of the speed layer: {@code events} -> validate -> {@code valid-events}, and every record
 * that is not a valid event -> {@code dead-letters}, one output record for each input record.
 *
 * <p>The events topic is read as raw bytes and deserialized inside {@link ValidateEvents}, not by the
 * source: that way a record that does not even deserialize is just another {@link RejectReason}, and every
 * dead letter (unreadable or invalid) carries the key and value bytes exactly as read, with the source
 * topic, partition and offset from the record context. No deserialization exception handler is involved
 * for this topic. A registry outage is not bad data: it fails the task (see {@link EventValidator}).
 *
 * <p>Valid events are re-encoded with the current {@code Event} schema, so {@code valid-events} holds one
 * schema version whatever compatible schema the producers wrote, keyed by entity id. Dead letters are
 * keyed by the original key bytes.
 */
public final class IngestTopology {
    /** Source node: the events topic, as bytes. */
    public static final String READ_EVENTS = "ingest-read-events";
    /** Processor node: deserialize, check, route and count. */
    public static final String VALIDATE = "ingest-validate";
    /** Sink node: valid events, keyed by entity. */
    public static final String WRITE_VALID_EVENTS = "ingest-write-valid-events";
    /**
     * Sink node, with {@link Handover#toStatistics}: valid events read from another partition than their entity's,
     * keyed by entity, as their {@code valid-events} bytes, to {@code rekeyed-events}.
     */
    public static final String WRITE_REKEYED_EVENTS = "ingest-write-rekeyed-events";
    /** Sink node: dead letters, keyed by the original key bytes. */
    public static final String WRITE_DEAD_LETTERS = "ingest-write-dead-letters";

    private final TopicNames topics;
    private final SchemaRegistry registry;
    private final EventValidator validator;

    /** Ingest for {@code config}'s topics and validation bounds, reading and writing schemas through {@code registry}. */
    public IngestTopology(SpeedLayerConfig config, SchemaRegistry registry) {
        this.topics = config.topics();
        this.registry = Objects.requireNonNull(registry, "registry");
        this.validator = new EventValidator(registry, new EventChecks(config.validation()));
    }

    /** Ingest with the registry {@code config} names ({@code mock://SCOPE} for an in-memory one). */
    public static IngestTopology from(SpeedLayerConfig config) {
        return new IngestTopology(config, RegistrySerdeConfig.registry(config.registryConfigs()));
    }

    /** A topology of ingest alone. */
    public Topology build() {
        return addTo(new Topology());
    }

    /**
     * Adds ingest's nodes to {@code topology} (for instance one built by a {@code StreamsBuilder}), writing every valid
     * event to {@code valid-events}, and returns it.
     */
    public Topology addTo(Topology topology) {
        return addTo(topology, Handover.toValidEvents());
    }

    /**
     * Adds ingest's nodes to {@code topology}, handing valid events on as {@code handover} says, and returns it. With
     * {@link Handover#toStatistics} the statistics node must be added next, with {@link #VALIDATE} among its parents.
     */
    public Topology addTo(Topology topology, Handover handover) {
        topology.addSource(READ_EVENTS, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.events())
                .addProcessor(VALIDATE, () -> new ValidateEvents(validator, handover, avroValues(), topics.validEvents()),
                        READ_EVENTS)
                .addSink(WRITE_DEAD_LETTERS, topics.deadLetters(), new ByteArraySerializer(), avroValues(), VALIDATE);
        if (handover.toStatistics()) {
            return topology.addSink(WRITE_REKEYED_EVENTS, topics.rekeyedEvents(), new ByteArraySerializer(),
                    new ValidEventBytes(), VALIDATE);
        }
        return topology.addSink(WRITE_VALID_EVENTS, topics.validEvents(), new StringSerializer(), avroValues(), VALIDATE);
    }

    private <T extends SpecificRecord> RegistryAvroSerializer<T> avroValues() {
        return new RegistryAvroSerializer<>(registry, AvroSerdeConfig.forValues());
    }
}

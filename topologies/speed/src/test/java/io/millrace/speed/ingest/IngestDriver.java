package io.millrace.speed.ingest;

import io.millrace.schemas.DeadLetter;
import io.millrace.schemas.Event;
import io.millrace.schemas.registry.SchemaRegistry;
import io.millrace.schemas.serde.AvroSerdeConfig;
import io.millrace.speed.config.SpeedLayerConfig;
import io.millrace.speed.serde.RegistryAvroDeserializer;
import io.millrace.speed.serde.RegistryAvroSerializer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The ingest topology under {@link TopologyTestDriver}, with raw-bytes input (so tests can send anything a
 * broken producer might) and typed outputs. The wall clock starts at {@link #NOW}.
 */
final class IngestDriver implements AutoCloseable {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    /** The Kafka timestamp the input records carry; ingest must keep it. */
    static final Instant RECORD_TIME = NOW.minusSeconds(5);

    final SpeedLayerConfig config;
    final TopologyTestDriver driver;
    final TestInputTopic<byte[], byte[]> events;
    final TestOutputTopic<String, Event> validEvents;
    final TestOutputTopic<byte[], DeadLetter> deadLetters;
    private final RegistryAvroSerializer<Event> eventSerializer;

    IngestDriver(SchemaRegistry registry, Path stateDir) {
        this(registry, SpeedLayerConfig.defaults().withStateDir(stateDir).withTopicPrefix("test."));
    }

    IngestDriver(SchemaRegistry registry, SpeedLayerConfig config) {
        this.config = config;
        this.driver = new TopologyTestDriver(new IngestTopology(config, registry).build(), config.toStreamsProperties(), NOW);
        this.events = driver.createInputTopic(config.topics().events(), new ByteArraySerializer(), new ByteArraySerializer(),
                RECORD_TIME, Duration.ZERO);
        this.validEvents = driver.createOutputTopic(config.topics().validEvents(), new StringDeserializer(),
                RegistryAvroDeserializer.specific(registry, Event.class, false));
        this.deadLetters = driver.createOutputTopic(config.topics().deadLetters(), new ByteArrayDeserializer(),
                RegistryAvroDeserializer.specific(registry, DeadLetter.class, false));
        this.eventSerializer = new RegistryAvroSerializer<>(registry, AvroSerdeConfig.forValues());
    }

    /** The event's wire-format bytes, as a producer using the registry writes them. */
    byte[] encode(Event event) {
        return eventSerializer.serialize(config.topics().events(), event);
    }

    static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    /** Sends raw key and value bytes to the events topic. */
    void send(byte[] key, byte[] value) {
        events.pipeInput(key, value);
    }

    /** Sends {@code event} keyed by its entity, as a well-behaved producer does. */
    byte[] send(Event event) {
        byte[] value = encode(event);
        send(utf8(event.getEntity()), value);
        return value;
    }

    List<TestRecord<String, Event>> valid() {
        return validEvents.readRecordsToList();
    }

    List<TestRecord<byte[], DeadLetter>> dead() {
        return deadLetters.readRecordsToList();
    }

    /** The ingest counters by outcome ({@code VALID} or a reason name): their {@code records-total} values. */
    Map<String, Double> counters() {
        Map<String, Double> totals = new HashMap<>();
        for (Map.Entry<MetricName, ? extends Metric> metric : driver.metrics().entrySet()) {
            MetricName name = metric.getKey();
            if (name.group().equals(IngestMetrics.GROUP) && name.name().equals(IngestMetrics.OPERATION + "-total")) {
                totals.merge(name.tags().get(IngestMetrics.OUTCOME_TAG), (Double) metric.getValue().metricValue(), Double::sum);
            }
        }
        return totals;
    }

    static Event.Builder event(String id) {
        return Event.newBuilder()
                .setId(id)
                .setEntity("acct-" + (Math.abs(id.hashCode()) % 7))
                .setEventTime(NOW.minusSeconds(60))
                .setFeatures(Map.of("amount", 12.5, "country", "NZ"))
                .setLabel(null);
    }

    @Override
    public void close() {
        driver.close();
    }
}

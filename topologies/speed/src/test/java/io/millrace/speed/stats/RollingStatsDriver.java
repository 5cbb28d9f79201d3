package io.millrace.speed.stats;

import io.millrace.schemas.DeadLetter;
import io.millrace.schemas.Event;
import io.millrace.schemas.registry.InMemorySchemaRegistry;
import io.millrace.schemas.serde.AvroSerdeConfig;
import io.millrace.speed.config.RollingStatsConfig;
import io.millrace.speed.config.SpeedLayerConfig;
import io.millrace.speed.serde.RegistryAvroDeserializer;
import io.millrace.speed.serde.RegistryAvroSerializer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The rolling-statistics topology under {@link TopologyTestDriver}, fed {@code valid-events} directly with
 * Events encoded through an in-memory registry. {@code extend} may add nodes after the update processor.
 */
final class RollingStatsDriver implements AutoCloseable {
    /** An hour boundary, so every window family is aligned on it. */
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    /** The Kafka timestamp of every input record: deliberately not the event time. */
    static final Instant RECORD_TIME = T0.plus(Duration.ofDays(3));

    final SpeedLayerConfig config;
    final TopologyTestDriver driver;
    private final TestInputTopic<String, Event> validEvents;
    private final TestInputTopic<byte[], byte[]> rawValidEvents;
    final TestOutputTopic<byte[], DeadLetter> deadLetters;

    RollingStatsDriver(Path stateDir) {
        this(stateDir, RollingStatsConfig.defaults(), topology -> topology);
    }

    RollingStatsDriver(Path stateDir, RollingStatsConfig rolling, UnaryOperator<Topology> extend) {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        this.config = SpeedLayerConfig.defaults().withStateDir(stateDir).withTopicPrefix("test.").withRollingStats(rolling);
        Topology topology = extend.apply(new RollingStatsTopology(config, registry).build());
        this.driver = new TopologyTestDriver(topology, config.toStreamsProperties(), RECORD_TIME);
        this.validEvents = driver.createInputTopic(config.topics().validEvents(), new StringSerializer(),
                new RegistryAvroSerializer<>(registry, AvroSerdeConfig.forValues()), RECORD_TIME, Duration.ZERO);
        this.rawValidEvents = driver.createInputTopic(config.topics().validEvents(), new ByteArraySerializer(),
                new ByteArraySerializer(), RECORD_TIME, Duration.ZERO);
        this.deadLetters = driver.createOutputTopic(config.topics().deadLetters(), new ByteArrayDeserializer(),
                RegistryAvroDeserializer.specific(registry, DeadLetter.class, false));
    }

    /** A record of any bytes on {@code valid-events}, as something other than ingest might write it. */
    void sendRaw(byte[] key, byte[] value) {
        rawValidEvents.pipeInput(key, value);
    }

    void send(Event event) {
        validEvents.pipeInput(event.getEntity(), event);
    }

    void sendAll(List<Event> events) {
        events.forEach(this::send);
    }

    WindowStore<String, EntitySlice> store(String name) {
        return driver.getWindowStore(name);
    }

    /** The value of the counter {@code metric} ({@code late-records-total}, ...) of {@code store}, summed over threads. */
    double counter(String store, String metric) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> entry : driver.metrics().entrySet()) {
            MetricName name = entry.getKey();
            if (name.group().equals(RollingStatsMetrics.GROUP) && name.name().equals(metric)
                    && store.equals(name.tags().get(RollingStatsMetrics.STORE_TAG))) {
                total += (Double) entry.getValue().metricValue();
            }
        }
        return total;
    }

    static Event event(String id, String entity, Instant eventTime, Map<String, Object> features) {
        return Event.newBuilder().setId(id).setEntity(entity).setEventTime(eventTime)
                .setFeatures(new HashMap<>(features)).setLabel(null).build();
    }

    static Event amount(String id, String entity, Instant eventTime, double amount) {
        return event(id, entity, eventTime, Map.of("amount", amount));
    }

    @Override
    public void close() {
        driver.close();
    }
}

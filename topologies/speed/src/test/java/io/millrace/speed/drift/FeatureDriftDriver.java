package io.millrace.speed.drift;

import io.millrace.schemas.DriftAlert;
import io.millrace.schemas.Event;
import io.millrace.schemas.registry.InMemorySchemaRegistry;
import io.millrace.schemas.serde.AvroSerdeConfig;
import io.millrace.speed.config.RollingStatsConfig;
import io.millrace.speed.config.SpeedLayerConfig;
import io.millrace.speed.serde.RegistryAvroDeserializer;
import io.millrace.speed.serde.RegistryAvroSerializer;
import io.millrace.speed.stats.RollingStatsTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The rolling statistics with their feature drift watch under {@link TopologyTestDriver}, fed {@code valid-events}
 * directly with Events encoded through an in-memory registry; the alerts come out of {@code drift-alerts}.
 */
final class FeatureDriftDriver implements AutoCloseable {
    /** An hour boundary, so every window family is aligned on it. */
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    /** The Kafka timestamp of every input record: deliberately not the event time. */
    static final Instant RECORD_TIME = T0.plus(Duration.ofDays(3));

    final SpeedLayerConfig config;
    final TopologyTestDriver driver;
    private final TestInputTopic<String, Event> validEvents;
    private final TestOutputTopic<String, DriftAlert> alerts;

    FeatureDriftDriver(Path stateDir, RollingStatsConfig rolling) {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        this.config = SpeedLayerConfig.defaults().withStateDir(stateDir).withTopicPrefix("test.").withRollingStats(rolling);
        Topology topology = new FeatureDriftTopology(config, registry).addTo(new RollingStatsTopology(config, registry).build());
        this.driver = new TopologyTestDriver(topology, config.toStreamsProperties(),
                RECORD_TIME);
        this.validEvents = driver.createInputTopic(config.topics().validEvents(), new StringSerializer(),
                new RegistryAvroSerializer<>(registry, AvroSerdeConfig.forValues()), RECORD_TIME, Duration.ZERO);
        this.alerts = driver.createOutputTopic(config.topics().driftAlerts(), new StringDeserializer(),
                RegistryAvroDeserializer.specific(registry, DriftAlert.class, false));
    }

    void send(Event event) {
        validEvents.pipeInput(event.getEntity(), event);
    }

    void sendAll(List<Event> events) {
        events.forEach(this::send);
    }

    /** The alerts written since the last call, with their keys. */
    List<org.apache.kafka.streams.test.TestRecord<String, DriftAlert>> alerts() {
        return alerts.readRecordsToList();
    }

    /** The drift watch's counter {@code metric} ({@code checks-total}, ...) of {@code detector}. */
    double counter(String detector, String metric) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> entry : driver.metrics().entrySet()) {
            MetricName name = entry.getKey();
            if (name.group().equals(FeatureDriftMetrics.GROUP) && name.name().equals(metric)
                    && detector.equals(name.tags().get(FeatureDriftMetrics.DETECTOR_TAG))) {
                total += (Double) entry.getValue().metricValue();
            }
        }
        return total;
    }

    static Event event(String id, String entity, Instant eventTime, Map<String, Object> features) {
        return Event.newBuilder().setId(id).setEntity(entity).setEventTime(eventTime)
                .setFeatures(new HashMap<>(features)).setLabel(null).build();
    }

    @Override
    public void close() {
        driver.close();
    }
}

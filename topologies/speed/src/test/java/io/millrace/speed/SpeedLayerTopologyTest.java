package io.millrace.speed;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.learning.Attribute;
import io.millrace.learning.features.FeatureSpec;
import io.millrace.learning.features.MissingPolicy;
import io.millrace.learning.features.NumericFeature;
import io.millrace.learning.features.Scaling;
import io.millrace.schemas.DeadLetter;
import io.millrace.schemas.Event;
import io.millrace.schemas.ModelVersion;
import io.millrace.schemas.OffsetRange;
import io.millrace.schemas.registry.SchemaRegistry;
import io.millrace.schemas.serde.AvroSerdeConfig;
import io.millrace.speed.config.ModelDefinition;
import io.millrace.speed.config.ModelSettings;
import io.millrace.speed.config.SpeedLayerConfig;
import io.millrace.speed.ingest.EntityPartitions;
import io.millrace.speed.serde.RegistryAvroDeserializer;
import io.millrace.speed.serde.RegistryAvroSerializer;
import io.millrace.speed.serde.RegistrySerdeConfig;
import io.millrace.speed.serde.SourceHeaders;
import io.millrace.speed.serde.SourceOffset;
import io.millrace.speed.stats.EntitySlice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole speed layer as one topology under {@link TopologyTestDriver}: ingest hands each valid event to the rolling
 * statistics of its own task when it was read from its entity's partition, and through {@code rekeyed-events}
 * otherwise. Either way every valid event is counted once, written to {@code valid-events} once, and named by its
 * {@code events} offset downstream. (The driver runs every task as partition 0: with one entity partition every event
 * is in place; with three, the entities of partitions 1 and 2 go round through {@code rekeyed-events}.)
 */
class SpeedLayerTopologyTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String MODEL = "amounts";
    private static final List<String> ENTITIES = List.of("acct-0", "acct-1", "acct-2", "acct-3", "acct-4", "acct-5",
            "acct-6", "acct-7");

    @TempDir
    Path stateDir;

    @Test
    void oneEntityPartitionCountsEveryEventInPlaceAndWritesItToValidEventsOnce() {
        try (Layer layer = new Layer(stateDir, "fused-in-place", new EntityPartitions(1), ModelSettings.defaults())) {
            List<Event> sent = layer.sendEvents(40);

            assertThat(layer.rekeyed.readRecordsToList()).isEmpty();
            assertThat(layer.counter("REKEYED")).isZero();
            assertThat(layer.counter("VALID")).isEqualTo(40.0);
            List<TestRecord<String, Event>> valid = layer.validEvents.readRecordsToList();
            assertThat(valid).extracting(record -> record.value().getId())
                    .containsExactlyElementsOf(sent.stream().map(Event::getId).toList());
            assertThat(valid).allSatisfy(record -> {
                assertThat(record.key()).isEqualTo(record.value().getEntity());
                assertThat(record.headers().lastHeader(SourceHeaders.TOPIC)).isNull();
            });
            assertThat(layer.countsByEntity()).isEqualTo(expectedCounts(sent));
        }
    }

    @Test
    void sourceHeadersAProducerSetAreTakenOffAndTheEventsOwnOffsetIsNamed() {
        ModelSettings models = amountsModel(3);
        try (Layer layer = new Layer(stateDir, "fused-forged-headers", new EntityPartitions(1), models)) {
            RecordHeaders forged = new RecordHeaders();
            SourceHeaders.write(forged, new SourceOffset("somewhere-else", 7, 123_456));
            for (int i = 0; i < 8; i++) {
                layer.sendEvent(forged);
            }

            List<TestRecord<String, Event>> valid = layer.validEvents.readRecordsToList();
            assertThat(valid).hasSize(8).allSatisfy(record -> assertThat(SourceHeaders.present(record.headers())).isFalse());
            List<OffsetRange> ranges = layer.models.readValuesToList().stream()
                    .flatMap(version -> version.getProvenance().getInputOffsets().stream()).toList();
            assertThat(ranges).isNotEmpty().allSatisfy(range -> assertThat(range.getTopic()).isEqualTo(layer.config.topics().events()));
        }
    }

    @Test
    void eventsOfAnotherPartitionGoThroughRekeyedEventsAndAreCountedOnce() {
        EntityPartitions three = new EntityPartitions(3);
        try (Layer layer = new Layer(stateDir, "fused-rekeyed", three, ModelSettings.defaults())) {
            List<Event> sent = layer.sendEvents(40);

            long elsewhere = sent.stream().filter(event -> three.of(event.getEntity()) != 0).count();
            assertThat(elsewhere).as("the entities span partitions").isBetween(1L, 39L);
            List<TestRecord<byte[], byte[]>> rekeyed = layer.rekeyed.readRecordsToList();
            assertThat(rekeyed).hasSize((int) elsewhere);
            assertThat(rekeyed).allSatisfy(record -> {
                String entity = new String(record.key(), StandardCharsets.UTF_8);
                assertThat(three.of(entity)).isNotZero();
                SourceOffset source = SourceHeaders.read(record.headers()).orElseThrow();
                assertThat(source.topic()).isEqualTo(layer.config.topics().events());
                assertThat(sent.get((int) source.offset()).getEntity()).isEqualTo(entity);
            });
            assertThat(layer.counter("REKEYED")).isEqualTo((double) elsewhere);

            List<TestRecord<String, Event>> valid = layer.validEvents.readRecordsToList();
            assertThat(valid).extracting(record -> record.value().getId())
                    .containsExactlyInAnyOrderElementsOf(sent.stream().map(Event::getId).toList());
            assertThat(valid).allSatisfy(record -> assertThat(record.headers().lastHeader(SourceHeaders.TOPIC)).isNull());
            assertThat(layer.countsByEntity()).isEqualTo(expectedCounts(sent));
        }
    }

    @Test
    void unknownPartitionsSendEveryValidEventThroughRekeyedEvents() {
        try (Layer layer = new Layer(stateDir, "fused-unknown", EntityPartitions.unknown(), ModelSettings.defaults())) {
            List<Event> sent = layer.sendEvents(12);

            assertThat(layer.rekeyed.readRecordsToList()).hasSize(12);
            assertThat(layer.validEvents.readRecordsToList()).hasSize(12);
            assertThat(layer.countsByEntity()).isEqualTo(expectedCounts(sent));
        }
    }

    @Test
    void badInputIsDeadLetteredOnceAndNeverCounted() {
        try (Layer layer = new Layer(stateDir, "fused-bad", new EntityPartitions(3), ModelSettings.defaults())) {
            layer.events.pipeInput("acct-1".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 0, 9, 1, 2});
            layer.events.pipeInput("acct-1".getBytes(StandardCharsets.UTF_8), (byte[]) null);
            layer.rawRekeyed.pipeInput("acct-2".getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8));
            List<Event> sent = layer.sendEvents(6);

            List<DeadLetter> letters = layer.deadLetters.readValuesToList();
            assertThat(letters).extracting(DeadLetter::getSourceTopic).containsExactlyInAnyOrder(
                    layer.config.topics().events(), layer.config.topics().events(), layer.config.topics().rekeyedEvents());
            assertThat(letters).extracting(DeadLetter::getReasonCode)
                    .containsExactlyInAnyOrder("UNKNOWN_SCHEMA_ID", "TOMBSTONE", "NOT_WIRE_FORMAT");
            assertThat(layer.validEvents.readRecordsToList()).hasSize(6);
            assertThat(layer.countsByEntity()).isEqualTo(expectedCounts(sent));
        }
    }

    @Test
    void modelVersionsNameTheEventsOffsetsTheyLearnedFromWhicheverWayTheEventsCame() {
        ModelSettings models = amountsModel(10);
        try (Layer layer = new Layer(stateDir, "fused-provenance", new EntityPartitions(3), models)) {
            layer.sendEvents(1);
            layer.sendEvents(40);

            List<ModelVersion> versions = layer.models.readValuesToList();
            List<OffsetRange> ranges = versions.stream().flatMap(version -> version.getProvenance().getInputOffsets().stream())
                    .toList();
            assertThat(ranges).isNotEmpty();
            assertThat(ranges).allSatisfy(range -> {
                assertThat(range.getTopic()).isEqualTo(layer.config.topics().events());
                assertThat(range.getToOffset()).isLessThanOrEqualTo(41L);
            });
        }
    }

    @Test
    void ingestStatisticsDriftAndScoringShareOneSubTopologyThatDoesNotReadValidEvents() {
        SpeedLayerConfig config = SpeedLayerConfig.defaults().withSchemaRegistryUrl("mock://speed-layer-shape");
        List<TopologyDescription.Subtopology> subs = new ArrayList<>(SpeedLayer.topology(config, new EntityPartitions(3))
                .describe().subtopologies());
        TopologyDescription.Subtopology first = subs.stream()
                .filter(sub -> names(sub).contains(io.millrace.speed.ingest.IngestTopology.VALIDATE)).findFirst().orElseThrow();
        assertThat(names(first)).contains(io.millrace.speed.stats.RollingStatsTopology.UPDATE_STATS,
                io.millrace.speed.drift.FeatureDriftTopology.WATCH);
        List<String> sources = subs.stream().flatMap(sub -> sub.nodes().stream())
                .filter(node -> node instanceof TopologyDescription.Source)
                .flatMap(node -> ((TopologyDescription.Source) node).topicSet().stream()).toList();
        assertThat(sources).contains(config.topics().events(), config.topics().rekeyedEvents())
                .doesNotContain(config.topics().validEvents());
    }

    /** One naive Bayes model of the amount and the inline fraud label, checkpointed every {@code examples} examples. */
    private static ModelSettings amountsModel(int examples) {
        FeatureSpec spec = new FeatureSpec(MODEL, List.of(new NumericFeature("amount", Scaling.NONE, MissingPolicy.imputeMean())),
                Attribute.nominal("fraud", "0", "1"));
        return ModelSettings.defaults().withModel(ModelDefinition.of(MODEL, "gaussian-naive-bayes", spec))
                .withCheckpoints(examples, Duration.ofHours(1));
    }

    private static List<String> names(TopologyDescription.Subtopology sub) {
        return sub.nodes().stream().map(TopologyDescription.Node::name).toList();
    }

    private static Map<String, Long> expectedCounts(List<Event> sent) {
        return sent.stream().collect(Collectors.groupingBy(Event::getEntity, Collectors.counting()));
    }

    /** The speed layer of one configuration under the driver, with its input and output topics. */
    private static final class Layer implements AutoCloseable {
        final SpeedLayerConfig config;
        final TopologyTestDriver driver;
        final TestInputTopic<byte[], byte[]> events;
        final TestInputTopic<byte[], byte[]> rawRekeyed;
        final TestOutputTopic<byte[], byte[]> rekeyed;
        final TestOutputTopic<String, Event> validEvents;
        final TestOutputTopic<byte[], DeadLetter> deadLetters;
        final TestOutputTopic<String, ModelVersion> models;
        private final RegistryAvroSerializer<Event> serializer;
        private int sent;

        Layer(Path stateDir, String scope, EntityPartitions partitions, ModelSettings models) {
            this.config = SpeedLayerConfig.defaults().withStateDir(stateDir).withTopicPrefix("test.")
                    .withSchemaRegistryUrl("mock://" + scope).withModels(models);
            SchemaRegistry registry = RegistrySerdeConfig.registry(config.registryConfigs());
            this.serializer = new RegistryAvroSerializer<>(registry, AvroSerdeConfig.forValues());
            this.driver = new TopologyTestDriver(SpeedLayer.topology(config, partitions), config.toStreamsProperties(), NOW);
            TopicNames topics = config.topics();
            this.events = driver.createInputTopic(topics.events(), new ByteArraySerializer(), new ByteArraySerializer(),
                    NOW, Duration.ZERO);
            this.rawRekeyed = driver.createInputTopic(topics.rekeyedEvents(), new ByteArraySerializer(),
                    new ByteArraySerializer(), NOW, Duration.ZERO);
            this.rekeyed = driver.createOutputTopic(topics.rekeyedEvents(), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
            this.validEvents = driver.createOutputTopic(topics.validEvents(), new StringDeserializer(),
                    RegistryAvroDeserializer.specific(registry, Event.class, false));
            this.deadLetters = driver.createOutputTopic(topics.deadLetters(), new ByteArrayDeserializer(),
                    RegistryAvroDeserializer.specific(registry, DeadLetter.class, false));
            this.models = driver.createOutputTopic(topics.models(), new StringDeserializer(),
                    RegistryAvroDeserializer.specific(registry, ModelVersion.class, false));
        }

        /** Sends {@code count} events keyed by entity, a minute apart, with inline labels. */
        List<Event> sendEvents(int count) {
            List<Event> out = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                out.add(sendEvent(new RecordHeaders()));
            }
            return out;
        }

        /** Sends the next event, keyed by entity, with {@code headers}. */
        Event sendEvent(RecordHeaders headers) {
            String entity = ENTITIES.get(sent % ENTITIES.size());
            Map<String, Object> features = new HashMap<>();
            features.put("amount", 10.0 + sent);
            Event event = Event.newBuilder().setId("e-" + sent).setEntity(entity)
                    .setEventTime(NOW.minus(Duration.ofHours(2)).plusSeconds(60L * sent)).setFeatures(features)
                    .setLabel(sent % 3 == 0 ? "1" : "0").build();
            events.pipeInput(new TestRecord<>(entity.getBytes(StandardCharsets.UTF_8),
                    serializer.serialize(config.topics().events(), event), headers, NOW));
            sent++;
            return event;
        }

        /** How many values of {@code amount} each entity's slices hold. */
        Map<String, Long> countsByEntity() {
            WindowStore<String, EntitySlice> store = driver.getWindowStore(StoreNames.ENTITY_STATS);
            Map<String, Long> counts = new HashMap<>();
            try (KeyValueIterator<org.apache.kafka.streams.kstream.Windowed<String>, EntitySlice> all = store.all()) {
                while (all.hasNext()) {
                    KeyValue<org.apache.kafka.streams.kstream.Windowed<String>, EntitySlice> slice = all.next();
                    long values = slice.value.feature("amount").allExact(new io.millrace.speed.stats.ValueStatistics()).count();
                    counts.merge(slice.key.key(), values, Long::sum);
                }
            }
            return counts;
        }

        /** An ingest counter's total ({@code VALID}, {@code REKEYED} or a reason). */
        double counter(String outcome) {
            double total = 0;
            for (Map.Entry<MetricName, ? extends Metric> entry : driver.metrics().entrySet()) {
                MetricName name = entry.getKey();
                if (name.group().equals("stream-millrace-ingest-metrics") && name.name().equals("records-total")
                        && outcome.equals(name.tags().get("millrace-ingest-id"))) {
                    total += ((Number) entry.getValue().metricValue()).doubleValue();
                }
            }
            return total;
        }

        @Override
        public void close() {
            driver.close();
        }
    }
}

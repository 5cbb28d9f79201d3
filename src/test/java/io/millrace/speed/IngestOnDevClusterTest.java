package io.millrace.speed;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.devcluster.DevCluster;
import io.millrace.devcluster.DevClusterExtension;
import io.millrace.schemas.DeadLetter;
import io.millrace.schemas.Event;
import io.millrace.schemas.registry.SchemaRegistry;
import io.millrace.schemas.serde.AvroSerdeConfig;
import io.millrace.schemas.serde.WireFormat;
import io.millrace.speed.config.SpeedLayerConfig;
import io.millrace.speed.ingest.IngestTopology;
import io.millrace.speed.ingest.RejectReason;
import io.millrace.speed.serde.RegistryAvroDeserializer;
import io.millrace.speed.serde.RegistryAvroSerializer;
import io.millrace.speed.serde.RegistrySerdeConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest on the real broker and registry, in a real KafkaStreams instance with exactly-once and RocksDB:
 * a few hundred valid events and every kind of bad record go in; valid-events and dead-letters, read with
 * read_committed, hold exactly what they should, one output for each input.
 */
@ExtendWith(DevClusterExtension.class)
class IngestOnDevClusterTest {
    private static final int VALID_EVENTS = 300;
    private static final int ENTITIES = 10;
    private static final String COUNT_STORE = "it-valid-counts";
    private static final Duration DEADLINE = Duration.ofSeconds(40);

    @TempDir
    Path stateDir;

    /** A bad record as sent, and the reason ingest must give it. */
    private record Sent(RejectReason reason, byte[] key, byte[] value) {
    }

    @Test
    void validEventsAndDeadLettersHoldExactlyWhatWasProduced(DevCluster cluster) throws Exception {
        String run = "ingest-it-" + System.nanoTime();
        TopicNames topics = new TopicNames(run + ".");
        TopicSetup.ensureTopics(cluster.bootstrapServers(), topics, 3, (short) 1);
        SpeedLayerConfig config = SpeedLayerConfig.defaults()
                .withApplicationId(run)
                .withBootstrapServers(cluster.bootstrapServers())
                .withSchemaRegistryUrl(cluster.registryUrl())
                .withTopics(topics)
                .withStateDir(stateDir)
                .withNumStreamThreads(2)
                .withRocksDbMemoryBytes(16L * 1024 * 1024);
        SchemaRegistry registry = RegistrySerdeConfig.registry(config.registryConfigs());
        Instant now = Instant.now();

        Map<String, Event> validById = new HashMap<>();
        Map<TopicPartition, Map<Long, Sent>> badByPosition = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = producer(cluster)) {
            RegistryAvroSerializer<Event> serializer = new RegistryAvroSerializer<>(registry, AvroSerdeConfig.forValues());
            List<Sent> bad = badRecords(topics, registry, serializer, now);
            int badEvery = VALID_EVENTS / bad.size();
            for (int i = 0; i < VALID_EVENTS; i++) {
                Event event = event("v-" + i, "acct-" + (i % ENTITIES), now.minusSeconds(i));
                validById.put(event.getId(), event);
                producer.send(new ProducerRecord<>(topics.events(), utf8(event.getEntity()), serializer.serialize(topics.events(), event)));
                if (i % badEvery == 0 && i / badEvery < bad.size()) {
                    Sent sent = bad.get(i / badEvery);
                    RecordMetadata where = producer.send(new ProducerRecord<>(topics.events(), sent.key(), sent.value())).get();
                    badByPosition.computeIfAbsent(new TopicPartition(where.topic(), where.partition()), p -> new HashMap<>())
                            .put(where.offset(), sent);
                }
            }
            producer.flush();
        }
        int badCount = badByPosition.values().stream().mapToInt(Map::size).sum();
        assertThat(badCount).isEqualTo(RejectReason.values().length + 2);

        Topology topology = countValidEventsPerEntity(topics);
        IngestTopology.from(config).addTo(topology);
        try (KafkaStreams streams = new KafkaStreams(topology, config.toStreamsProperties())) {
            streams.setUncaughtExceptionHandler(new RetryOnRegistryOutage());
            streams.start();

            List<ConsumerRecord<String, Event>> valid = readCommitted(cluster, topics.validEvents(), VALID_EVENTS,
                    new org.apache.kafka.common.serialization.StringDeserializer(),
                    RegistryAvroDeserializer.specific(registry, Event.class, false));
            List<ConsumerRecord<byte[], DeadLetter>> dead = readCommitted(cluster, topics.deadLetters(), badCount,
                    new ByteArrayDeserializer(), RegistryAvroDeserializer.specific(registry, DeadLetter.class, false));

            assertThat(valid).hasSize(VALID_EVENTS);
            assertThat(valid).allSatisfy(record -> {
                assertThat(record.value()).isEqualTo(validById.get(record.value().getId()));
                assertThat(record.key()).isEqualTo(record.value().getEntity());
            });
            assertThat(valid.stream().map(r -> r.value().getId()).distinct()).hasSize(VALID_EVENTS);

            assertThat(dead).hasSize(badCount);
            for (ConsumerRecord<byte[], DeadLetter> record : dead) {
                DeadLetter letter = record.value();
                Sent sent = badByPosition.get(new TopicPartition(letter.getSourceTopic(), letter.getSourcePartition()))
                        .remove(letter.getSourceOffset());
                assertThat(sent).as("a dead letter for an input record not sent bad, or seen twice: %s", letter).isNotNull();
                assertThat(letter.getReasonCode()).as(letter.getReason()).isEqualTo(sent.reason().name());
                assertThat(bytes(letter.getOriginalKey())).isEqualTo(sent.key());
                assertThat(bytes(letter.getOriginalValue())).isEqualTo(sent.value());
                assertThat(record.key()).isEqualTo(sent.key());
            }
            assertThat(badByPosition.values()).allSatisfy(left -> assertThat(left).isEmpty());

            assertThat(counters(streams)).containsEntry("VALID", (double) VALID_EVENTS)
                    .containsEntry(RejectReason.NOT_WIRE_FORMAT.name(), 2.0)
                    .containsEntry(RejectReason.UNKNOWN_SCHEMA_ID.name(), 2.0)
                    .containsEntry(RejectReason.NON_FINITE.name(), 1.0);
            assertThat(validCountsInRocksDb(streams)).isEqualTo(expectedCounts(validById));
            assertThat(blockCacheCapacities(streams)).isNotEmpty()
                    .allSatisfy(capacity -> assertThat(capacity).isEqualTo(BigInteger.valueOf(config.rocksDbMemoryBytes())));
        }
    }

    /** One record of each bad kind, plus a second of two kinds (an empty value and a negative schema id). */
    private static List<Sent> badRecords(TopicNames topics, SchemaRegistry registry, RegistryAvroSerializer<Event> serializer,
                                         Instant now) throws IOException {
        byte[] good = serializer.serialize(topics.events(), event("bad-base", "acct-1", now));
        List<Sent> bad = new ArrayList<>();
        bad.add(new Sent(RejectReason.TOMBSTONE, utf8("acct-1"), null));
        bad.add(new Sent(RejectReason.NOT_WIRE_FORMAT, utf8("acct-1"), "{\"id\":\"json\"}".getBytes(StandardCharsets.UTF_8)));
        bad.add(new Sent(RejectReason.NOT_WIRE_FORMAT, null, new byte[0]));
        bad.add(new Sent(RejectReason.UNKNOWN_SCHEMA_ID, utf8("acct-2"), withSchemaId(good, 987_654)));
        bad.add(new Sent(RejectReason.UNKNOWN_SCHEMA_ID, utf8("acct-2"), withSchemaId(good, -1)));
        bad.add(new Sent(RejectReason.TRUNCATED_BODY, utf8("acct-3"), Arrays.copyOf(good, good.length / 2)));
        bad.add(new Sent(RejectReason.CORRUPT_BODY, utf8("acct-3"), Arrays.copyOf(good, good.length + 2)));
        bad.add(new Sent(RejectReason.INCOMPATIBLE_SCHEMA, utf8("acct-4"), widenedEvent(topics, registry, now)));
        bad.add(invalid(RejectReason.MISSING_FIELD, Event.newBuilder(event("", "acct-5", now)).build(), topics, serializer));
        bad.add(new Sent(RejectReason.KEY_MISMATCH, utf8("acct-6"), serializer.serialize(topics.events(), event("km", "acct-7", now))));
        bad.add(invalid(RejectReason.INVALID_FEATURE, Event.newBuilder(event("if", "acct-5", now)).setFeatures(Map.of("", 1.0)).build(),
                topics, serializer));
        bad.add(invalid(RejectReason.NON_FINITE, Event.newBuilder(event("nf", "acct-5", now))
                .setFeatures(Map.of("amount", Double.NaN)).build(), topics, serializer));
        bad.add(invalid(RejectReason.INVALID_LABEL, Event.newBuilder(event("il", "acct-5", now)).setLabel("").build(), topics, serializer));
        bad.add(invalid(RejectReason.EVENT_TIME_IN_FUTURE, event("fut", "acct-8", now.plus(Duration.ofDays(3))), topics, serializer));
        bad.add(invalid(RejectReason.EVENT_TIME_TOO_OLD, event("old", "acct-8", now.minus(Duration.ofDays(800))), topics, serializer));
        return bad;
    }

    private static Sent invalid(RejectReason reason, Event event, TopicNames topics, RegistryAvroSerializer<Event> serializer) {
        return new Sent(reason, utf8(event.getEntity()), serializer.serialize(topics.events(), event));
    }

    /** An event written with a schema whose feature values may be booleans: the registry accepts it, Event cannot read it. */
    private static byte[] widenedEvent(TopicNames topics, SchemaRegistry registry, Instant now) throws IOException {
        Schema widened = new Schema.Parser().parse("""
                {"type": "record", "name": "Event", "namespace": "io.millrace.schemas", "fields": [
                  {"name": "id", "type": "string"},
                  {"name": "entity", "type": "string"},
                  {"name": "event_time", "type": {"type": "long", "logicalType": "timestamp-millis"}},
                  {"name": "features", "type": {"type": "map", "values": ["null", "double", "string", "boolean"]}},
                  {"name": "label", "type": ["null", "double", "string"], "default": null}]}""");
        int id = registry.register(topics.events() + "-value", widened);
        GenericRecord record = new GenericData.Record(widened);
        record.put("id", "widened");
        record.put("entity", "acct-4");
        record.put("event_time", now.toEpochMilli());
        record.put("features", Map.of("flag", true));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WireFormat.writeHeader(out, id);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(widened).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** A second subtopology over valid-events with a RocksDB store, so the bounded memory setter runs for real. */
    private static Topology countValidEventsPerEntity(TopicNames topics) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topics.validEvents(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .groupByKey()
                .count(Materialized.as(COUNT_STORE));
        return builder.build();
    }

    private static Map<String, Long> validCountsInRocksDb(KafkaStreams streams) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        Map<String, Long> counts = new TreeMap<>();
        while (System.nanoTime() < deadline) {
            try {
                ReadOnlyKeyValueStore<String, Long> store = streams.store(
                        StoreQueryParameters.fromNameAndType(COUNT_STORE, QueryableStoreTypes.keyValueStore()));
                counts.clear();
                store.all().forEachRemaining(kv -> counts.put(kv.key, kv.value));
                if (counts.values().stream().mapToLong(Long::longValue).sum() >= VALID_EVENTS) {
                    return counts;
                }
            } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
                // rebalancing: ask again
            }
            Thread.sleep(100);
        }
        return counts;
    }

    private static Map<String, Long> expectedCounts(Map<String, Event> validById) {
        return validById.values().stream().collect(Collectors.groupingBy(Event::getEntity, TreeMap::new, Collectors.counting()));
    }

    private static <K, V> List<ConsumerRecord<K, V>> readCommitted(DevCluster cluster, String topic, int expected,
                                                                    Deserializer<K> keys, Deserializer<V> values) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props, keys, values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // Anything beyond the expected count would be a duplicate or an invention: give it a moment to show.
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }

    /** The ingest counters summed over stream threads, by outcome. */
    private static Map<String, Double> counters(KafkaStreams streams) {
        Map<String, Double> totals = new HashMap<>();
        for (Map.Entry<MetricName, ? extends Metric> metric : streams.metrics().entrySet()) {
            MetricName name = metric.getKey();
            if (name.group().equals("stream-millrace-ingest-metrics") && name.name().equals("records-total")) {
                totals.merge(name.tags().get("millrace-ingest-id"), (Double) metric.getValue().metricValue(), Double::sum);
            }
        }
        return totals;
    }

    private static List<Object> blockCacheCapacities(KafkaStreams streams) {
        return streams.metrics().entrySet().stream()
                .filter(m -> m.getKey().name().equals("block-cache-capacity"))
                .map(m -> m.getValue().metricValue())
                .collect(Collectors.toList());
    }

    private static KafkaProducer<byte[], byte[]> producer(DevCluster cluster) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static Event event(String id, String entity, Instant time) {
        return Event.newBuilder().setId(id).setEntity(entity).setEventTime(time)
                .setFeatures(Map.of("amount", 10.0 + id.length(), "country", "NZ")).setLabel(null).build();
    }

    private static byte[] withSchemaId(byte[] bytes, int id) {
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).position(1).putInt(id);
        return copy;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }
}

package io.millrace.cli.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.millrace.cli.produce.BadRecords;
import io.millrace.cli.produce.PaymentRecords;
import io.millrace.learning.generators.Payment;
import io.millrace.learning.generators.PaymentsGenerator;
import io.millrace.schemas.Event;
import io.millrace.schemas.Label;
import io.millrace.schemas.registry.SchemaRegistryClient;
import io.millrace.schemas.serde.WireFormatException;
import io.millrace.speed.TopicNames;
import io.millrace.speed.TopicSetup;
import io.millrace.speed.serde.RegistryAvroDeserializer;
import io.millrace.speed.serde.RegistryAvroSerializer;
import io.millrace.speed.serde.RegistrySerdeConfig;
import io.millrace.speed.serde.WireFormatFailures;
import me.tongfei.progressbar.ProgressBar;

/**
 * The foundation demo: Millrace's topics and schemas on a real broker and registry, payment events
 * and their delayed labels produced in Avro through the registry, bad records injected beside them,
 * and everything read back and checked: each valid event equal to what was produced, each bad record
 * caught with its reason, topic, partition and offset.
 */
public final class FoundationDemo {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final String bootstrapServers;
    private final String registryUrl;
    private final TopicNames topics;

    public FoundationDemo(String bootstrapServers, String registryUrl, TopicNames topics) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.topics = topics;
    }

    /** Runs the demo over {@code eventCount} payments of a seeded stream. */
    public DemoResult run(int eventCount, long seed, int partitions) {
        long started = System.nanoTime();
        TopicSetup.ensureTopics(bootstrapServers, topics, partitions, TopicSetup.BROKER_DEFAULT_REPLICATION);
        Map<String, Integer> schemaIds = SchemaCatalog.registerAll(SchemaRegistryClient.of(registryUrl), topics);

        List<Payment> payments = new PaymentsGenerator(PaymentsGenerator.Config.DEFAULT.withSeed(seed)).take(eventCount);
        Map<String, Event> produced = produce(payments);
        List<BadRecords.Unreadable> bad = BadRecords.unreadable(serialize(produced.values().iterator().next()));
        injectBad(bad);

        EventReadback readback = readEvents(produced.size(), bad.size());
        int labelsRead = countLabels(payments.size());
        int mismatches = mismatches(produced, readback.events());
        int unexplained = unexplained(bad, readback.failures());
        List<String> rejected = readback.failures().stream().map(WireFormatException::getMessage).toList();
        return new DemoResult(schemaIds, produced.size(), payments.size(), bad.size(), readback.perPartition(),
            labelsRead, mismatches, rejected, unexplained, (System.nanoTime() - started) / 1_000_000);
    }

    private Map<String, Event> produce(List<Payment> payments) {
        Map<String, Event> produced = new HashMap<>();
        try (KafkaProducer<String, GenericContainer> producer = new KafkaProducer<>(avroProducerConfig());
             ProgressBar progress = Progress.bar("producing", payments.size())) {
            for (Payment payment : payments) {
                Event event = PaymentRecords.event(payment);
                producer.send(new ProducerRecord<>(topics.events(), payment.entityId(), event));
                producer.send(new ProducerRecord<>(topics.labels(), payment.eventId(), PaymentRecords.label(payment)));
                produced.put(event.getId(), event);
                progress.step();
            }
            producer.flush();
        }
        return produced;
    }

    private byte[] serialize(Event event) {
        try (RegistryAvroSerializer<Event> serializer = new RegistryAvroSerializer<>()) {
            serializer.configure(Map.of(RegistrySerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), false);
            return serializer.serialize(topics.events(), event);
        }
    }

    private void injectBad(List<BadRecords.Unreadable> bad) {
        Map<String, Object> config = baseProducerConfig();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            bad.forEach(record -> producer.send(new ProducerRecord<>(topics.events(), record.key(), record.value())));
            producer.flush();
        }
    }

    /** Valid events read back by id, per-partition counts, and every bad record's typed failure. */
    private record EventReadback(Map<String, Event> events, Map<Integer, Integer> perPartition,
                                 List<WireFormatException> failures) {
    }

    private EventReadback readEvents(int expectedValid, int expectedBad) {
        Map<String, Event> events = new HashMap<>();
        Map<Integer, Integer> perPartition = new TreeMap<>();
        List<WireFormatException> failures = new ArrayList<>();
        try (KafkaConsumer<String, Event> consumer = new KafkaConsumer<>(consumerConfig(Event.class))) {
            consumer.subscribe(List.of(topics.events()));
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (events.size() + failures.size() < expectedValid + expectedBad && System.nanoTime() < deadline) {
                try {
                    for (ConsumerRecord<String, Event> record : consumer.poll(Duration.ofMillis(200))) {
                        events.put(record.value().getId(), record.value());
                        perPartition.merge(record.partition(), 1, Integer::sum);
                    }
                } catch (RecordDeserializationException e) {
                    failures.add(WireFormatFailures.locate(e).orElseThrow(() -> e));
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
            }
        }
        return new EventReadback(events, perPartition, failures);
    }

    private int countLabels(int expected) {
        int read = 0;
        try (KafkaConsumer<String, Label> consumer = new KafkaConsumer<>(consumerConfig(Label.class))) {
            consumer.subscribe(List.of(topics.labels()));
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (read < expected && System.nanoTime() < deadline) {
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
        return read;
    }

    private static int mismatches(Map<String, Event> produced, Map<String, Event> read) {
        int mismatches = 0;
        for (Map.Entry<String, Event> entry : produced.entrySet()) {
            if (!entry.getValue().equals(read.get(entry.getKey()))) {
                mismatches++;
            }
        }
        return mismatches;
    }

    private static int unexplained(List<BadRecords.Unreadable> bad, List<WireFormatException> failures) {
        List<WireFormatException.Reason> expected = new ArrayList<>(bad.stream().map(BadRecords.Unreadable::expectedReason).toList());
        int unexplained = 0;
        for (WireFormatException failure : failures) {
            if (!expected.remove(failure.reason())) {
                unexplained++;
            }
        }
        return unexplained + expected.size();
    }

    private Map<String, Object> baseProducerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // One request in flight: on a just-created topic whose leader is still settling, a first batch refused
        // with NOT_LEADER_OR_FOLLOWER must not be overtaken by the next, or the broker refuses its retry as out
        // of order for good (seen on Kafka 4.3 in KRaft mode).
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return config;
    }

    private Map<String, Object> avroProducerConfig() {
        Map<String, Object> config = baseProducerConfig();
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, RegistryAvroSerializer.class.getName());
        config.put(RegistrySerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        return config;
    }

    private Properties consumerConfig(Class<?> valueType) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "millrace-demo-" + valueType.getSimpleName() + "-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, RegistryAvroDeserializer.class.getName());
        props.put(RegistrySerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        props.put(RegistrySerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, valueType.getName());
        return props;
    }
}

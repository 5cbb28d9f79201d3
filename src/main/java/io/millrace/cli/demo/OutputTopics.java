package io.millrace.cli.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.millrace.schemas.DeadLetter;
import io.millrace.schemas.DriftAlert;
import io.millrace.schemas.Event;
import io.millrace.schemas.ModelVersion;
import io.millrace.schemas.Prediction;
import io.millrace.schemas.registry.SchemaRegistry;
import io.millrace.schemas.registry.SchemaRegistryClient;
import io.millrace.schemas.serde.AvroWireDeserializer;
import io.millrace.speed.TopicNames;

/**
 * Reads the speed layer's output topics from their beginning as they grow, committed records only
 * ({@code read_committed}: what exactly-once made final): {@code valid-events}, {@code dead-letters},
 * {@code predictions}, {@code drift-alerts} and {@code models}. Keeps every record it read, with its partition and
 * offset, and decodes them through the registry on demand. One consumer, assigned every partition, no group.
 */
public final class OutputTopics implements AutoCloseable {

    /** One record as read: where it was, and its value, decoded. */
    public record Read<T>(int partition, long offset, T value) {
    }

    private final TopicNames topics;
    private final SchemaRegistry registry;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, List<ConsumerRecord<byte[], byte[]>>> records = new HashMap<>();
    private final AvroWireDeserializer<ModelVersion> versionReader;
    private final List<Read<ModelVersion>> versions = new ArrayList<>();

    public OutputTopics(String bootstrapServers, String registryUrl, TopicNames topics) {
        this.topics = topics;
        this.registry = SchemaRegistryClient.of(registryUrl);
        this.versionReader = AvroWireDeserializer.specific(registry, ModelVersion.class, false);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "millrace-demo-reader");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<String> watched = List.of(topics.validEvents(), topics.deadLetters(), topics.predictions(),
            topics.driftAlerts(), topics.models());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : watched) {
            records.put(topic, new ArrayList<>());
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads what arrived within {@code wait}; returns the number of records read. */
    public int poll(Duration wait) {
        int read = 0;
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(wait)) {
            if (record.topic().equals(topics.models())) {
                if (record.value() != null) {
                    versions.add(new Read<>(record.partition(), record.offset(), versionReader.deserialize(record.topic(), record.value())));
                }
            } else {
                records.get(record.topic()).add(record);
            }
            read++;
        }
        return read;
    }

    /** Reads until a poll of {@code quiet} brings nothing. */
    public void drain(Duration quiet) {
        while (poll(quiet) > 0) {
            // keep reading
        }
    }

    public int validEventCount() {
        return records.get(topics.validEvents()).size();
    }

    public int deadLetterCount() {
        return records.get(topics.deadLetters()).size();
    }

    public int predictionCount() {
        return records.get(topics.predictions()).size();
    }

    public List<Read<Event>> validEvents() {
        return decode(topics.validEvents(), Event.class);
    }

    public List<Read<DeadLetter>> deadLetters() {
        return decode(topics.deadLetters(), DeadLetter.class);
    }

    public List<Read<Prediction>> predictions() {
        return decode(topics.predictions(), Prediction.class);
    }

    /** Drift alerts in the order of their partition (the topic is keyed by model: one model's alerts are in order). */
    public List<Read<DriftAlert>> driftAlerts() {
        return decode(topics.driftAlerts(), DriftAlert.class);
    }

    /** Every model version record read, in the order of its partition. */
    public List<Read<ModelVersion>> modelVersions() {
        return List.copyOf(versions);
    }

    /** The newest version of {@code model} read so far (highest version number), or null. */
    public ModelVersion latestVersion(String model) {
        ModelVersion latest = null;
        for (Read<ModelVersion> read : versions) {
            ModelVersion version = read.value();
            if (version.getModelName().equals(model) && (latest == null || version.getVersion() > latest.getVersion())) {
                latest = version;
            }
        }
        return latest;
    }

    private <T extends SpecificRecord> List<Read<T>> decode(String topic, Class<T> type) {
        AvroWireDeserializer<T> reader = AvroWireDeserializer.specific(registry, type, false);
        List<Read<T>> decoded = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records.get(topic)) {
            if (record.value() != null) {
                decoded.add(new Read<>(record.partition(), record.offset(), reader.deserialize(topic, record.value())));
            }
        }
        return decoded;
    }

    @Override
    public void close() {
        consumer.close();
    }
}

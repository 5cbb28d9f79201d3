package io.millrace.speed.model;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TrainingReplay} with a consumer of its own (no group, {@code read_committed}, so aborted transactions are
 * skipped as the trainer skipped them), configured from the application's Streams configuration: its cluster, its
 * security settings and its {@code consumer.}/{@code main.consumer.} overrides.
 */
final class KafkaTrainingReplay implements TrainingReplay {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaTrainingReplay.class);
    /** How long a replay may go without reading a record before it gives up. */
    static final Duration STALL_LIMIT = Duration.ofSeconds(60);
    private static final Set<String> GROUP_SETTINGS = Set.of(ConsumerConfig.GROUP_ID_CONFIG,
            ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, ConsumerConfig.GROUP_PROTOCOL_CONFIG,
            ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG, ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);

    private final Map<String, Object> consumerConfig;

    /** A replay over the cluster of {@code appConfigs} (what {@code ProcessorContext.appConfigs()} gives). */
    KafkaTrainingReplay(Map<String, Object> appConfigs) {
        this.consumerConfig = consumerConfig(appConfigs);
    }

    static Map<String, Object> consumerConfig(Map<String, Object> appConfigs) {
        Map<String, Object> config = new HashMap<>();
        Set<String> consumerNames = ConsumerConfig.configNames();
        appConfigs.forEach((name, value) -> {
            if (consumerNames.contains(name)) {
                config.put(name, value);
            }
        });
        for (String prefix : List.of(StreamsConfig.CONSUMER_PREFIX, StreamsConfig.MAIN_CONSUMER_PREFIX)) {
            appConfigs.forEach((name, value) -> {
                if (name.startsWith(prefix) && consumerNames.contains(name.substring(prefix.length()))) {
                    config.put(name.substring(prefix.length()), value);
                }
            });
        }
        config.keySet().removeAll(GROUP_SETTINGS);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, appConfigs.getOrDefault(StreamsConfig.APPLICATION_ID_CONFIG, "millrace")
                + "-training-replay");
        return config;
    }

    @Override
    public void forEach(TopicPartition partition, long from, long to, String model, Consumer<byte[]> action) {
        if (from > to) {
            LOG.warn("training input of '{}': the snapshot stands at offset {} of {}, past the next record ({}): was the"
                    + " topic recreated? Nothing replayed", model, from, partition, to);
        }
        if (from >= to) {
            return;
        }
        byte[] key = model.getBytes(StandardCharsets.UTF_8);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig)) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, from);
            long lastProgress = System.nanoTime();
            long position = consumer.position(partition);
            while (position < to) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200)).records(partition)) {
                    if (record.offset() < to && Arrays.equals(key, record.key())) {
                        action.accept(record.value());
                    }
                }
                long reached = consumer.position(partition);
                if (reached > position) {
                    position = reached;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > STALL_LIMIT.toNanos()) {
                    throw new IllegalStateException("replaying " + partition + " from offset " + from + " to " + to
                            + " for model '" + model + "': stuck at offset " + position + " for " + STALL_LIMIT.toSeconds()
                            + " s");
                }
            }
        } catch (KafkaException e) {
            throw new IllegalStateException("cannot replay " + partition + " from offset " + from + " to " + to
                    + " for model '" + model + "', the examples its trainer learned after its last snapshot (gone with the"
                    + " topic's retention?): " + e.getMessage(), e);
        }
    }
}

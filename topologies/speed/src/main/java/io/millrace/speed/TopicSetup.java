package io.millrace.speed;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Creates Millrace's topics when they are missing: the given partition count and replication factor,
 * compaction for the model registry and the batch views. Existing topics are left as they are.
 */
public final class TopicSetup {

    private static final long TIMEOUT_SECONDS = 30;

    private TopicSetup() {
    }

    /**
     * Creates every topic of {@code names} that does not exist yet.
     *
     * @return the names of the topics this call created
     */
    public static List<String> ensureTopics(String bootstrapServers, TopicNames names, int partitions, short replicationFactor) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = names.all().stream()
                .filter(topic -> !existing.contains(topic))
                .map(topic -> newTopic(names, topic, partitions, replicationFactor))
                .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            return missing.stream().map(NewTopic::name).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create Millrace topics on " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }

    private static NewTopic newTopic(TopicNames names, String topic, int partitions, short replicationFactor) {
        NewTopic newTopic = new NewTopic(topic, partitions, replicationFactor);
        if (names.isCompacted(topic)) {
            newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        return newTopic;
    }
}

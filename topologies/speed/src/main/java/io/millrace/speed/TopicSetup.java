package io.millrace.speed;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates Millrace's topics when they are missing: the given partition count and replication factor,
 * compaction for the model registry and the batch views, then waits until every partition has a
 * leader (a producer that writes before that can lose its first batch to a leader-election race).
 * Existing topics are left as they are. A missing hand-over topic of the speed layer takes the partition count of
 * the topic it must match when that one exists already ({@link TopicNames#partner}): {@code rekeyed-events} that of
 * {@code valid-events}, {@code scored-events} that of {@code labels}, so a deployment whose topics predate a
 * hand-over topic gets it right.
 */
public final class TopicSetup {

    /** Replication factor meaning "the broker's {@code default.replication.factor}". */
    public static final short BROKER_DEFAULT_REPLICATION = -1;

    private static final long TIMEOUT_SECONDS = 30;

    private TopicSetup() {
    }

    /**
     * Creates every topic of {@code names} that does not exist yet.
     *
     * @return the names of the topics this call created
     */
    public static List<String> ensureTopics(String bootstrapServers, TopicNames names, int partitions, short replicationFactor) {
        Map<String, Integer> existing = existingPartners(bootstrapServers, names);
        return ensure(bootstrapServers, names.all().stream()
            .map(topic -> newTopic(names, topic, names.partner(topic).map(existing::get).orElse(partitions), replicationFactor))
            .toList());
    }

    /** The partition counts of the partner topics ({@link TopicNames#partner}) that exist already. */
    private static Map<String, Integer> existingPartners(String bootstrapServers, TopicNames names) {
        List<String> partners = names.all().stream().map(names::partner).flatMap(Optional::stream).distinct().toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<String> present = partners.stream().filter(existing::contains).toList();
            Map<String, Integer> counts = new HashMap<>();
            if (!present.isEmpty()) {
                describe(admin, present).forEach((name, description) -> counts.put(name, description.partitions().size()));
            }
            return counts;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe topics on " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates each of {@code topics} that does not exist yet and waits until all their partitions have
     * a leader.
     *
     * @return the names of the topics this call created
     */
    public static List<String> ensure(String bootstrapServers, List<NewTopic> topics) {
        List<String> wanted = topics.stream().map(NewTopic::name).toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(topic -> !existing.contains(topic.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            awaitLeaders(admin, wanted);
            awaitServing(admin, wanted);
            return missing.stream().map(NewTopic::name).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics " + wanted + " on " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }

    /**
     * The partition count of each of {@code topics}, through an admin client of {@code adminConfigs} (at least
     * {@code bootstrap.servers}).
     *
     * @throws IllegalStateException when a topic does not exist or the cluster does not answer
     */
    public static Map<String, Integer> partitionCounts(Map<String, Object> adminConfigs, List<String> topics) {
        try (Admin admin = Admin.create(adminConfigs)) {
            Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<String, Integer> counts = new HashMap<>();
            descriptions.forEach((name, description) -> counts.put(name, description.partitions().size()));
            return counts;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe topics " + topics + ": " + e.getMessage(), e);
        }
    }

    private static void awaitLeaders(Admin admin, List<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!allLed(describe(admin, topics))) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("partitions of " + topics + " have no leader after " + TIMEOUT_SECONDS + " s");
            }
            Thread.sleep(50);
        }
    }

    /**
     * Waits until every partition's leader answers a ListOffsets request. Metadata can name a leader a moment
     * before the broker acts as one; a producer that writes then has its first batch refused, and an
     * idempotent producer with several requests in flight may never get that batch accepted.
     */
    private static void awaitServing(Admin admin, List<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        describe(admin, topics).values().forEach(description -> description.partitions().forEach(partition ->
            partitions.put(new TopicPartition(description.name(), partition.partition()), OffsetSpec.latest())));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            try {
                admin.listOffsets(partitions).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    /** The topics' descriptions; empty while a just-created topic is not in the broker's metadata yet. */
    private static Map<String, TopicDescription> describe(Admin admin, List<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return admin.describeTopics(topics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Map.of();
            }
            throw e;
        }
    }

    private static boolean allLed(Map<String, TopicDescription> descriptions) {
        return !descriptions.isEmpty() && descriptions.values().stream()
            .flatMap(description -> description.partitions().stream())
            .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
    }

    private static NewTopic newTopic(TopicNames names, String topic, int partitions, short replicationFactor) {
        NewTopic newTopic = replicationFactor == BROKER_DEFAULT_REPLICATION
            ? new NewTopic(topic, Optional.of(partitions), Optional.empty())
            : new NewTopic(topic, partitions, replicationFactor);
        if (names.isCompacted(topic)) {
            newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        return newTopic;
    }
}

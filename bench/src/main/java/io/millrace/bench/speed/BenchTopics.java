package io.millrace.bench.speed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import io.millrace.speed.TopicNames;
import io.millrace.speed.TopicSetup;

/**
 * The benchmark's topics on the cluster: the speed layer's set under one run-specific prefix, created with one
 * partition count; before each speed-layer run every one of them except the input ({@code events} and
 * {@code labels}) is deleted and created empty again, so a run neither reads another's intermediate records
 * ({@code valid-events}, {@code scored-events}, {@code training-examples}) nor starts from another's model
 * versions. After a run its application's internal topics (changelogs) go too, and at the end everything
 * under the prefix.
 */
final class BenchTopics implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 60;

    private final String bootstrapServers;
    private final TopicNames names;
    private final int partitions;
    private final Admin admin;

    BenchTopics(String bootstrapServers, TopicNames names, int partitions) {
        this.bootstrapServers = bootstrapServers;
        this.names = names;
        this.partitions = partitions;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    TopicNames names() {
        return names;
    }

    /** Creates every speed-layer topic of the prefix (the broker's replication factor). */
    void createAll() {
        ensureWithRetry(() -> TopicSetup.ensureTopics(bootstrapServers, names, partitions, TopicSetup.BROKER_DEFAULT_REPLICATION));
    }

    /** Empties every speed-layer topic but the input, by deleting and creating it again. */
    void resetOutputs() {
        delete(speedLayerOutputs());
        createAll();
    }

    /** Creates an empty topic with the input's partition count (the pass-through's output). */
    void createPlain(String topic) {
        ensureWithRetry(() -> TopicSetup.ensure(bootstrapServers,
            List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()))));
    }

    /** Deletes the internal topics (changelogs, repartition topics) of the application {@code applicationId}. */
    void deleteInternalTopicsOf(String applicationId) {
        delete(listed().stream().filter(topic -> topic.startsWith(applicationId + "-")).toList());
    }

    /** Deletes {@code topics} and waits until the cluster no longer lists them. */
    void delete(List<String> topics) {
        if (topics.isEmpty()) {
            return;
        }
        try {
            admin.deleteTopics(topics).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw new IllegalStateException("cannot delete " + topics + ": " + e.getCause().getMessage(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("deleting " + topics + " took over " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deleting topics", e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (listed().stream().anyMatch(topics::contains)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + topics + " are still listed " + TIMEOUT_SECONDS + " s after deletion");
            }
            sleep(50);
        }
    }

    /**
     * What the run of {@code applicationId} wrote: to {@code outputs} (emptied before the run) and to its internal
     * topics, by the topic's name without the prefix ({@link BrokerWrites#CHANGELOG_PREFIX} and the store's name for the
     * internal ones). Empty
     * topics are left out.
     */
    BrokerWrites writesOf(String applicationId, List<String> outputs) {
        List<String> internal = listed().stream().filter(topic -> topic.startsWith(applicationId + "-")).toList();
        List<String> topics = new ArrayList<>(outputs);
        topics.addAll(internal);
        try {
            Map<String, TopicDescription> described = admin.describeTopics(topics)
                .allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            described.values().forEach(description -> description.partitions().forEach(partition -> latest.put(
                new TopicPartition(description.name(), partition.partition()),
                OffsetSpec.latest())));
            Map<String, Long> records = new TreeMap<>();
            admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).forEach((partition, info) ->
                records.merge(groupOf(partition.topic(), internal, applicationId), info.offset(), Long::sum));
            Map<String, Long> bytes = new TreeMap<>();
            List<Integer> brokers = admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).stream()
                .map(Node::id).toList();
            admin.describeLogDirs(brokers).allDescriptions().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).values()
                .forEach(dirs -> dirs.values().forEach(dir -> dir.replicaInfos().forEach((partition, replica) -> {
                    if (described.containsKey(partition.topic())) {
                        bytes.merge(groupOf(partition.topic(), internal, applicationId), replica.size(), Long::sum);
                    }
                })));
            records.values().removeIf(count -> count == 0);
            bytes.keySet().retainAll(records.keySet());
            return new BrokerWrites(records, bytes);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read what " + applicationId + " wrote: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading what " + applicationId + " wrote", e);
        }
    }

    private String groupOf(String topic, List<String> internal, String applicationId) {
        if (internal.contains(topic)) {
            return BrokerWrites.CHANGELOG_PREFIX + topic.substring(applicationId.length() + 1).replaceFirst("-changelog$", "");
        }
        return topic.startsWith(names.prefix()) ? topic.substring(names.prefix().length()) : topic;
    }

    /** The topics a speed-layer run writes to: every speed-layer topic but the input. */
    List<String> speedLayerOutputs() {
        return names.all().stream()
            .filter(topic -> !topic.equals(names.events()) && !topic.equals(names.labels()))
            .toList();
    }

    /** Deletes every topic under the prefix and every internal topic of the benchmark's applications. */
    void deleteEverything() {
        delete(listed().stream().filter(topic -> topic.startsWith(names.prefix())).toList());
    }

    private Set<String> listed() {
        try {
            return admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list the topics of " + bootstrapServers + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing topics", e);
        }
    }

    /** A just-deleted topic can still exist for a moment on the controller: try the creation again then. */
    private static void ensureWithRetry(Runnable creation) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            try {
                creation.run();
                return;
            } catch (IllegalStateException e) {
                if (!causedByExistingTopic(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                sleep(200);
            }
        }
    }

    private static boolean causedByExistingTopic(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof TopicExistsException) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}

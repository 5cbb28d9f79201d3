package io.millrace.bench.speed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells when a Kafka Streams application has consumed everything: it polls the committed offsets of the
 * application's consumer group (its application id) against the end of each source topic. Under exactly-once the
 * outputs of a record are committed in the same transaction as its input offset, so once every source is committed
 * to its end, the output topics hold everything the application will write for that input.
 *
 * <p>Two kinds of source: the <b>input</b>, produced before the run without transactions, whose end offsets are
 * known and fixed; and the application's own <b>intermediate</b> topics ({@code valid-events},
 * {@code scored-events}, {@code training-examples}), which grow during the run and end with a transaction marker.
 * Their end is read at {@code read_committed} (the last stable offset) after the committed offsets, and a partition
 * counts as consumed once its committed offset reaches the end or the marker just before it (the consumer skips a
 * marker it fetched after its last commit, with nothing left to commit), and only while nothing lies past that end:
 * a transaction's commit shows in the group's offsets before its markers reach the partitions it wrote, so for a
 * moment an intermediate partition holds committed records above a last stable offset that does not count them yet
 * (0 for its first transaction), and its readers have not seen them.
 */
final class ConsumptionWatch implements AutoCloseable {

    private static final long POLL_MILLIS = 50;
    private static final long CALL_TIMEOUT_SECONDS = 30;

    private final Admin admin;

    ConsumptionWatch(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /**
     * What one application reads.
     *
     * @param inputEnds    end offset of every partition of the pre-produced input topics it reads
     * @param intermediate the topics it writes and reads again during the run
     */
    record Sources(Map<TopicPartition, Long> inputEnds, List<String> intermediate) {

        Sources {
            inputEnds = Map.copyOf(inputEnds);
            intermediate = List.copyOf(intermediate);
        }
    }

    /** End offsets of every partition of {@code topics} (read_committed). */
    Map<TopicPartition, Long> endOffsets(List<String> topics) {
        return ends(partitionsOf(topics));
    }

    /**
     * Waits until the group {@code groupId} has consumed every source, and tells when each source topic caught up
     * for good: the input topics when the application had read all of them, its intermediate topics when the
     * downstream steps had read everything the upstream ones wrote.
     *
     * @param since      the instant (from {@link System#nanoTime()}) the catch-up times count from
     * @param failed     checked on every poll: the wait stops with an error when it turns true
     * @param onProgress given the records of the input consumed so far, every poll
     * @return per source topic, the seconds from {@code since} to the poll that found it consumed (and it stayed so)
     * @throws IllegalStateException when the application failed, or the sources are not consumed within {@code timeout}
     */
    Map<String, Double> awaitConsumed(String groupId, Sources sources, long since, Duration timeout, BooleanSupplier failed,
                                      LongConsumer onProgress) throws InterruptedException {
        List<TopicPartition> intermediate = partitionsOf(sources.intermediate());
        Set<String> topics = new TreeSet<>(sources.intermediate());
        sources.inputEnds().keySet().forEach(partition -> topics.add(partition.topic()));
        Map<String, Double> caughtUp = new TreeMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, String> behind = Map.of();
        while (System.nanoTime() < deadline) {
            if (failed.getAsBoolean()) {
                throw new IllegalStateException("application " + groupId + " stopped with an error");
            }
            Map<TopicPartition, Long> committed = committed(groupId);
            double seconds = (System.nanoTime() - since) / 1e9;
            onProgress.accept(consumedInput(committed, sources.inputEnds()));
            behind = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
            behind.putAll(lagging(committed, sources.inputEnds(), 0));
            // the written ends before the stable ones: stable at or past what was written means nothing was pending
            Map<TopicPartition, Long> written = ends(intermediate, IsolationLevel.READ_UNCOMMITTED);
            Map<TopicPartition, Long> stable = ends(intermediate);
            behind.putAll(lagging(committed, stable, 1));
            behind.putAll(unsettled(stable, written));
            Set<String> behindTopics = new HashSet<>();
            behind.keySet().forEach(partition -> behindTopics.add(partition.topic()));
            for (String topic : topics) {
                if (behindTopics.contains(topic)) {
                    caughtUp.remove(topic);
                } else {
                    caughtUp.putIfAbsent(topic, seconds);
                }
            }
            if (behind.isEmpty()) {
                return caughtUp;
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new IllegalStateException("application " + groupId + " has not consumed its sources after "
            + timeout.toSeconds() + " s; still behind (committed/end): " + behind);
    }

    /** The records of the input consumed: the committed offsets summed over the input partitions. */
    private static long consumedInput(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> inputEnds) {
        long consumed = 0;
        for (TopicPartition partition : inputEnds.keySet()) {
            consumed += Math.min(committed.getOrDefault(partition, 0L), inputEnds.get(partition));
        }
        return consumed;
    }

    /**
     * The partitions whose committed offset is more than {@code markerSlack} before their end, each with
     * "committed/end".
     */
    private static Map<TopicPartition, String> lagging(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends,
                                                       long markerSlack) {
        Map<TopicPartition, String> behind = new HashMap<>();
        ends.forEach((partition, end) -> {
            long at = committed.getOrDefault(partition, 0L);
            if (end > 0 && at < end - markerSlack) {
                behind.put(partition, at + "/" + end);
            }
        });
        return behind;
    }

    /**
     * The partitions with records past their last stable offset (a transaction open, or committed with its marker
     * still on its way), each with "stable/written".
     */
    private static Map<TopicPartition, String> unsettled(Map<TopicPartition, Long> stable, Map<TopicPartition, Long> written) {
        Map<TopicPartition, String> unsettled = new HashMap<>();
        written.forEach((partition, end) -> {
            long stableEnd = stable.getOrDefault(partition, 0L);
            if (end > stableEnd) {
                unsettled.put(partition, "stable " + stableEnd + "/written " + end);
            }
        });
        return unsettled;
    }

    private Map<TopicPartition, Long> committed(String groupId) {
        Map<TopicPartition, OffsetAndMetadata> offsets = get(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata());
        Map<TopicPartition, Long> committed = new HashMap<>();
        offsets.forEach((partition, offset) -> {
            if (offset != null) {
                committed.put(partition, offset.offset());
            }
        });
        return committed;
    }

    private Map<TopicPartition, Long> ends(List<TopicPartition> partitions) {
        return ends(partitions, IsolationLevel.READ_COMMITTED);
    }

    private Map<TopicPartition, Long> ends(List<TopicPartition> partitions, IsolationLevel isolation) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> infos =
            get(admin.listOffsets(latest, new ListOffsetsOptions(isolation)).all());
        Map<TopicPartition, Long> ends = new HashMap<>();
        infos.forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    private List<TopicPartition> partitionsOf(List<String> topics) {
        if (topics.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> descriptions = get(admin.describeTopics(topics).allTopicNames());
        List<TopicPartition> partitions = new ArrayList<>();
        descriptions.values().forEach(description -> description.partitions().forEach(partition ->
            partitions.add(new TopicPartition(description.name(), partition.partition()))));
        return partitions;
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("admin call failed: " + e.getMessage(), e);
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

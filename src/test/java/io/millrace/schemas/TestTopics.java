package io.millrace.schemas;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * Creates a test topic and waits until every partition has a leader. Producing to a topic the broker
 * auto-creates raced its leader election here: the first batch got NOT_LEADER_OR_FOLLOWER, later batches
 * were appended, and the idempotent producer's retry of the first was refused as out of order until the
 * delivery timeout dropped it.
 */
final class TestTopics {
    private TestTopics() {
    }

    static void create(String bootstrapServers, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(30, TimeUnit.SECONDS).get(topic);
                if (description.partitions().size() == partitions
                        && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return;
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("topic " + topic + " has no leader for every partition after 30 s");
        }
    }
}

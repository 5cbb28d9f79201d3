package io.millrace.schemas;

import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;

import io.millrace.speed.TopicSetup;

/** Creates a test topic and waits until every partition has a leader, through {@link TopicSetup}. */
final class TestTopics {
    private TestTopics() {
    }

    static void create(String bootstrapServers, String topic, int partitions) {
        TopicSetup.ensure(bootstrapServers, List.of(new NewTopic(topic, partitions, (short) 1)));
    }
}

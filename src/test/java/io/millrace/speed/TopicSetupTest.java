package io.millrace.speed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.millrace.devcluster.DevCluster;
import io.millrace.devcluster.DevClusterExtension;

@ExtendWith(DevClusterExtension.class)
class TopicSetupTest {

    @Test
    void createsEveryTopicOnceWithCompactionForTheRegistryTopics(DevCluster cluster) throws Exception {
        TopicNames names = new TopicNames("setup-test.");

        List<String> created = TopicSetup.ensureTopics(cluster.bootstrapServers(), names, 4, (short) 1);
        List<String> createdAgain = TopicSetup.ensureTopics(cluster.bootstrapServers(), names, 4, (short) 1);

        assertThat(created).containsExactlyInAnyOrderElementsOf(names.all());
        assertThat(createdAgain).isEmpty();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(names.all()).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(topics.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(4));
            assertThat(cleanupPolicy(admin, names.models())).isEqualTo("compact");
            assertThat(cleanupPolicy(admin, names.batchViews())).isEqualTo("compact");
            assertThat(cleanupPolicy(admin, names.events())).isEqualTo("delete");
        }
    }

    @Test
    void aMissingHandOverTopicTakesThePartitionCountOfTheTopicItMustMatch(DevCluster cluster) throws Exception {
        TopicNames names = new TopicNames("setup-partners.");
        TopicSetup.ensure(cluster.bootstrapServers(), List.of(new NewTopic(names.validEvents(), 5, (short) 1),
            new NewTopic(names.labels(), 2, (short) 1)));

        List<String> created = TopicSetup.ensureTopics(cluster.bootstrapServers(), names, 3, (short) 1);

        assertThat(created).contains(names.rekeyedEvents(), names.scoredEvents(), names.events())
            .doesNotContain(names.validEvents(), names.labels());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(names.all()).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(topics.get(names.rekeyedEvents()).partitions()).hasSize(5);
            assertThat(topics.get(names.scoredEvents()).partitions()).hasSize(2);
            assertThat(topics.get(names.events()).partitions()).hasSize(3);
            assertThat(topics.get(names.trainingExamples()).partitions()).hasSize(3);
        }
    }

    private static String cleanupPolicy(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
        return config.get("cleanup.policy").value();
    }
}

package io.millrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.millrace.devcluster.DevCluster;
import io.millrace.devcluster.DevClusterExtension;
import io.millrace.speed.TopicNames;
import io.millrace.speed.TopicSetup;
import io.millrace.speed.config.ModelDefinition;
import io.millrace.speed.presets.PaymentsModel;

/** The first version of a model goes out once, and never over a model the registry already holds. */
@ExtendWith(DevClusterExtension.class)
class FirstVersionTest {

    @Test
    void versionOneIsPublishedOnlyForModelsTheRegistryHasNoVersionOf(DevCluster cluster) {
        TopicNames topics = new TopicNames("first-version-" + System.nanoTime() + ".");
        TopicSetup.ensure(cluster.bootstrapServers(), List.of(new NewTopic(topics.models(), 2, (short) 1)));
        ModelDefinition fraud = PaymentsModel.definition("fraud", "hoeffding-tree");
        ModelDefinition churn = PaymentsModel.definition("churn", "gaussian-naive-bayes");

        assertThat(FirstVersion.publishIfMissing(cluster.bootstrapServers(), cluster.registryUrl(), topics, fraud)).isTrue();
        assertThat(FirstVersion.publishIfMissing(cluster.bootstrapServers(), cluster.registryUrl(), topics, fraud)).isFalse();
        assertThat(FirstVersion.modelsWithVersions(cluster.bootstrapServers(), topics.models())).containsExactly("fraud");
        assertThat(FirstVersion.publishIfMissing(cluster.bootstrapServers(), cluster.registryUrl(), topics, churn)).isTrue();
        assertThat(FirstVersion.modelsWithVersions(cluster.bootstrapServers(), topics.models()))
            .containsExactlyInAnyOrder("fraud", "churn");
    }
}

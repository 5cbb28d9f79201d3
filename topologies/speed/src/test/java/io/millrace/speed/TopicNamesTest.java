package io.millrace.speed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicNamesTest {

    @Test
    void defaultPrefixGivesTheDocumentedNames() {
        TopicNames names = TopicNames.defaults();
        assertThat(names.all()).containsExactly("millrace.events", "millrace.labels", "millrace.valid-events",
            "millrace.dead-letters", "millrace.predictions", "millrace.models", "millrace.drift-alerts", "millrace.batch-views",
            "millrace.rekeyed-events", "millrace.scored-events", "millrace.training-examples");
    }

    @Test
    void onlyTheRegistryTopicsAreCompacted() {
        TopicNames names = new TopicNames("team-a.");
        assertThat(names.all()).filteredOn(names::isCompacted).containsExactly("team-a.models", "team-a.batch-views");
    }

    @Test
    void handOverTopicsNameTheTopicWhosePartitionCountTheyFollow() {
        TopicNames names = new TopicNames("team-a.");
        assertThat(names.partner(names.rekeyedEvents())).contains("team-a.valid-events");
        assertThat(names.partner(names.scoredEvents())).contains("team-a.labels");
        assertThat(names.all()).filteredOn(topic -> names.partner(topic).isPresent())
            .containsExactly("team-a.rekeyed-events", "team-a.scored-events");
    }

    @Test
    void aPrefixWithCharactersKafkaRefusesIsRejected() {
        assertThatThrownBy(() -> new TopicNames("my prefix/"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("my prefix/");
    }
}

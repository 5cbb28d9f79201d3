package io.millrace.speed.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.speed.serde.RegistrySerdeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class SpeedLayerConfigTest {

    @Test
    void theDefaultsRunOnALaptopWithExactlyOnceAndBoundedRocksDb() {
        SpeedLayerConfig config = SpeedLayerConfig.defaults();
        Properties props = config.toStreamsProperties();

        assertThat(props.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("millrace-speed");
        assertThat(props.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)).isEqualTo("localhost:9092");
        assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
        assertThat(props.get(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo(0);
        assertThat(props.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(100L);
        assertThat(props.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG)).isEqualTo(BoundedMemoryRocksDBConfig.class);
        assertThat(props.get(BoundedMemoryRocksDBConfig.MEMORY_BYTES_CONFIG)).isEqualTo(64L * 1024 * 1024);
        assertThat(props.get(RegistrySerdeConfig.SCHEMA_REGISTRY_URL)).isEqualTo("http://localhost:8081");
        assertThat(props.get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isEqualTo(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        assertThat(props.get("producer.batch.size")).isEqualTo(128 * 1024);
        assertThat(config.topics().events()).isEqualTo("millrace.events");
        assertThat(config.validation()).isEqualTo(new ValidationBounds(Duration.ofDays(1), Duration.ofDays(365)));
    }

    @Test
    void kafkaStreamsAcceptsTheProperties() {
        StreamsConfig streams = new StreamsConfig(SpeedLayerConfig.defaults().withNumStandbyReplicas(1).toStreamsProperties());
        assertThat(streams.getInt(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo(1);
        assertThat(streams.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(streams.getLong(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isEqualTo(-1L);
        assertThat(streams.getProducerConfigs("client").get(ProducerConfig.BATCH_SIZE_CONFIG)).hasToString("131072");
    }

    @Test
    void extraPropertiesOverrideTheTaskIdlingAndTheBatchSize() {
        Properties props = SpeedLayerConfig.defaults().withExtraProperty(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "0")
                .withExtraProperty("producer.batch.size", "16384")
                .toStreamsProperties();
        assertThat(props.get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isEqualTo("0");
        assertThat(new StreamsConfig(props).getProducerConfigs("client").get(ProducerConfig.BATCH_SIZE_CONFIG))
                .hasToString("16384");
    }

    @Test
    void eachSettingChangesOnlyItself() {
        SpeedLayerConfig config = SpeedLayerConfig.defaults()
                .withApplicationId("fraud-speed")
                .withBootstrapServers(" kafka-1:9092,kafka-2:9092 ")
                .withSchemaRegistryUrl("http://registry:8080/apis/ccompat/v7")
                .withTopicPrefix("prod.")
                .withStateDir(Path.of("/var/lib/millrace"))
                .withProcessingGuarantee(ProcessingGuarantee.AT_LEAST_ONCE)
                .withNumStreamThreads(4)
                .withCommitInterval(Duration.ofSeconds(1))
                .withRocksDbMemoryBytes(512L * 1024 * 1024);
        Properties props = config.toStreamsProperties();

        assertThat(props.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("fraud-speed");
        assertThat(props.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)).isEqualTo("kafka-1:9092,kafka-2:9092");
        assertThat(props.get(StreamsConfig.STATE_DIR_CONFIG)).isEqualTo("/var/lib/millrace");
        assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("at_least_once");
        assertThat(props.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo(4);
        assertThat(props.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(1000L);
        assertThat(props.get(BoundedMemoryRocksDBConfig.MEMORY_BYTES_CONFIG)).isEqualTo(512L * 1024 * 1024);
        assertThat(config.topics().validEvents()).isEqualTo("prod.valid-events");
        assertThat(config.registryConfigs()).containsEntry(RegistrySerdeConfig.SCHEMA_REGISTRY_URL, "http://registry:8080/apis/ccompat/v7");
    }

    @Test
    void extraPropertiesWinAndReachTheRegistryClient() {
        SpeedLayerConfig config = SpeedLayerConfig.defaults()
                .withExtraProperty("security.protocol", "SASL_SSL")
                .withExtraProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "250")
                .withExtraProperty(RegistrySerdeConfig.BASIC_AUTH_USER_INFO, "user:secret");

        assertThat(config.toStreamsProperties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "250");
        assertThat(config.registryConfigs()).containsEntry(RegistrySerdeConfig.BASIC_AUTH_USER_INFO, "user:secret");
        assertThat(config.extraProperties()).hasSize(3);
    }

    @Test
    void nonsenseIsRefusedWhenTheConfigurationIsBuilt() {
        SpeedLayerConfig config = SpeedLayerConfig.defaults();
        assertThatThrownBy(() -> config.withApplicationId(" ")).hasMessageContaining("applicationId");
        assertThatThrownBy(() -> config.withNumStandbyReplicas(-1)).hasMessageContaining("numStandbyReplicas");
        assertThatThrownBy(() -> config.withNumStreamThreads(0)).hasMessageContaining("numStreamThreads");
        assertThatThrownBy(() -> config.withCommitInterval(Duration.ZERO)).hasMessageContaining("commitInterval");
        assertThatThrownBy(() -> config.withRocksDbMemoryBytes(1024)).hasMessageContaining("rocksDbMemoryBytes");
        assertThatThrownBy(() -> config.withTopicPrefix("bad prefix")).hasMessageContaining("prefix");
        assertThatThrownBy(() -> new ValidationBounds(Duration.ofDays(-1), Duration.ZERO)).hasMessageContaining("negative");
    }
}

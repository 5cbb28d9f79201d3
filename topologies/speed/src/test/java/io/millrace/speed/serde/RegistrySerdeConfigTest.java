package io.millrace.speed.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.schemas.Event;
import io.millrace.schemas.registry.InMemorySchemaRegistry;
import io.millrace.schemas.registry.SchemaRegistryClient;
import io.millrace.schemas.registry.SchemaRegistryConfig;
import io.millrace.schemas.serde.AvroSerdeConfig;
import io.millrace.schemas.serde.SubjectNameStrategy;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

class RegistrySerdeConfigTest {

    @Test
    void confluentStyleKeysAreRead() {
        Map<String, Object> configs = Map.of(
                "schema.registry.url", "https://registry.example:8081/",
                "basic.auth.user.info", new Password("key:secret"),
                "schema.registry.connect.timeout.ms", "500",
                "schema.registry.request.timeout.ms", 3000,
                "schema.registry.max.attempts", "6",
                "schema.registry.retry.backoff.ms", "50",
                "schema.registry.retry.backoff.max.ms", "800");
        SchemaRegistryConfig client = RegistrySerdeConfig.clientConfig(configs, "https://registry.example:8081/");
        assertThat(client.url()).hasToString("https://registry.example:8081");
        assertThat(client.basicAuthUserInfo()).isEqualTo("key:secret");
        assertThat(client.connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(client.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(client.maxAttempts()).isEqualTo(6);
        assertThat(client.retryBackoff()).isEqualTo(Duration.ofMillis(50));
        assertThat(client.maxRetryBackoff()).isEqualTo(Duration.ofMillis(800));
    }

    @Test
    void clientsAreSharedPerConfigurationAndMockUrlsAreInMemory() {
        Map<String, Object> configs = Map.of("schema.registry.url", "http://localhost:18999");
        assertThat(RegistrySerdeConfig.registry(configs)).isInstanceOf(SchemaRegistryClient.class)
                .isSameAs(RegistrySerdeConfig.registry(Map.of("schema.registry.url", "http://localhost:18999/")));
        assertThat(RegistrySerdeConfig.registry(Map.of("schema.registry.url", "mock://cfg-test")))
                .isSameAs(InMemorySchemaRegistry.forScope("cfg-test"));
        InMemorySchemaRegistry.dropScope("cfg-test");
    }

    @Test
    void subjectStrategiesAcceptConfluentClassNames() {
        AvroSerdeConfig values = RegistrySerdeConfig.serdeConfig(Map.of(
                "value.subject.name.strategy", "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy",
                "auto.register.schemas", false), false);
        assertThat(values.subjectNameStrategy()).isEqualTo(SubjectNameStrategy.TOPIC_RECORD_NAME);
        assertThat(values.autoRegister()).isFalse();
        assertThat(values.key()).isFalse();

        AvroSerdeConfig keys = RegistrySerdeConfig.serdeConfig(Map.of(
                "value.subject.name.strategy", "RecordNameStrategy"), true);
        assertThat(keys.subjectNameStrategy()).isEqualTo(SubjectNameStrategy.TOPIC_NAME);
        assertThat(keys.autoRegister()).isTrue();
        assertThat(keys.key()).isTrue();
    }

    @Test
    void recordTypesByClassOrName() {
        assertThat(RegistrySerdeConfig.recordType(Map.of("specific.avro.value.type", Event.class.getName()), false))
                .isEqualTo(Event.class);
        assertThat(RegistrySerdeConfig.recordType(Map.of("specific.avro.key.type", Event.class), true))
                .isEqualTo(Event.class);
        assertThat(RegistrySerdeConfig.recordType(Map.of("specific.avro.key.type", Event.class), false)).isNull();
    }

    @Test
    void mistakesAreConfigExceptionsNamingTheKey() {
        assertThatThrownBy(() -> RegistrySerdeConfig.registry(Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
        assertThatThrownBy(() -> RegistrySerdeConfig.registry(Map.of("schema.registry.url", "http://a:1,http://b:1")))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> RegistrySerdeConfig.recordType(Map.of("specific.avro.value.type", "no.such.Type"), false))
                .isInstanceOf(ConfigException.class).hasMessageContaining("specific.avro.value.type");
        assertThatThrownBy(() -> RegistrySerdeConfig.recordType(Map.of("specific.avro.value.type", String.class), false))
                .isInstanceOf(ConfigException.class).hasMessageContaining("SpecificRecord");
        assertThatThrownBy(() -> RegistrySerdeConfig.serdeConfig(Map.of("auto.register.schemas", "yes"), false))
                .isInstanceOf(ConfigException.class).hasMessageContaining("auto.register.schemas");
        assertThatThrownBy(() -> RegistrySerdeConfig.serdeConfig(Map.of("value.subject.name.strategy", "Nope"), false))
                .isInstanceOf(ConfigException.class).hasMessageContaining("value.subject.name.strategy");
        assertThatThrownBy(() -> RegistrySerdeConfig.clientConfig(Map.of("schema.registry.max.attempts", "0"), "http://h"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("maxAttempts");
    }
}

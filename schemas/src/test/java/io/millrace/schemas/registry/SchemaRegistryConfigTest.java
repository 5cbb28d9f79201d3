package io.millrace.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SchemaRegistryConfigTest {

    @Test
    void defaultsRunOnALaptop() {
        SchemaRegistryConfig config = SchemaRegistryConfig.defaults();
        assertThat(config.url()).hasToString("http://localhost:8081");
        assertThat(config.maxAttempts()).isEqualTo(4);
        assertThat(config.basicAuthUserInfo()).isNull();
    }

    @Test
    void backOffDoublesUpToItsCeiling() {
        SchemaRegistryConfig config = SchemaRegistryConfig.defaults()
                .withRetries(10, Duration.ofMillis(100), Duration.ofMillis(700));
        assertThat(config.backoffBefore(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(config.backoffBefore(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(config.backoffBefore(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(config.backoffBefore(4)).isEqualTo(Duration.ofMillis(700));
        assertThat(config.backoffBefore(60)).isEqualTo(Duration.ofMillis(700));
    }

    @Test
    void trailingSlashesAreDropped() {
        assertThat(SchemaRegistryConfig.of("http://h:8080/apis/ccompat/v7/").url())
                .hasToString("http://h:8080/apis/ccompat/v7");
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> SchemaRegistryConfig.of("ftp://h")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SchemaRegistryConfig.defaults().withRetries(0, Duration.ofMillis(1), Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SchemaRegistryConfig.defaults().withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SchemaRegistryConfig.defaults().withBasicAuth("no-colon"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSecretStaysOutOfToString() {
        assertThat(SchemaRegistryConfig.defaults().withBasicAuth("key:secret").toString())
                .doesNotContain("secret").contains("****");
    }
}

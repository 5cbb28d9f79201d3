package io.millrace.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's HTTP behaviour (retries, error parsing, caching, headers) against a scripted HTTP server
 * that answers what a registry under trouble answers. The real registry is exercised in the src module.
 */
class SchemaRegistryClientHttpTest {
    private static final Schema SCHEMA = SchemaBuilder.record("T").namespace("x").fields()
            .requiredString("a").endRecord();

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    private SchemaRegistryClient clientAnswering(Answer answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        AtomicInteger count = new AtomicInteger();
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.getRequestBody().readAllBytes();
            answer.answer(count.incrementAndGet(), exchange);
        });
        server.start();
        return new SchemaRegistryClient(SchemaRegistryConfig.of("http://localhost:" + server.getAddress().getPort() + "/api/")
                .withRetries(4, Duration.ofMillis(1), Duration.ofMillis(4)));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void retriesServerErrorsThenSucceeds() throws IOException {
        SchemaRegistryClient client = clientAnswering((n, exchange) ->
                respond(exchange, n <= 2 ? 503 : 200, n <= 2 ? "busy" : "{\"id\":7}"));
        assertThat(client.register("t-value", SCHEMA)).isEqualTo(7);
        assertThat(requests).containsExactly("POST /api/subjects/t-value/versions",
                "POST /api/subjects/t-value/versions", "POST /api/subjects/t-value/versions");
    }

    @Test
    void neverRetriesAClientErrorAndKeepsTheRegistrysWords() throws IOException {
        SchemaRegistryClient client = clientAnswering((n, exchange) -> respond(exchange, 409,
                "{\"error_code\":409,\"message\":\"Schema being registered is incompatible: field 'b' has no default\"}"));
        assertThatThrownBy(() -> client.register("t-value", SCHEMA))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e).isNotInstanceOf(SchemaRegistryUnavailableException.class);
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                    assertThat(e.isIncompatible()).isTrue();
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.registryMessage()).contains("field 'b' has no default");
                    assertThat(e.getMessage()).contains("POST http://localhost:").contains("HTTP 409")
                            .contains("field 'b' has no default");
                });
        assertThat(requests).hasSize(1);
    }

    @Test
    void persistentServerErrorsGiveUpAfterTheConfiguredAttempts() throws IOException {
        SchemaRegistryClient client = clientAnswering((n, exchange) -> respond(exchange, 500,
                "{\"error_code\":50001,\"message\":\"store error\"}"));
        assertThatThrownBy(() -> client.schemaById(3))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.errorCode()).isEqualTo(50001);
                    assertThat(e.isRetryable()).isTrue();
                });
        assertThat(requests).hasSize(4);
    }

    @Test
    void aGatewayThatNeverRecoversIsUnavailable() throws IOException {
        SchemaRegistryClient client = clientAnswering((n, exchange) -> respond(exchange, 503, "<html>down</html>"));
        assertThatThrownBy(() -> client.latestVersion("t-value"))
                .isInstanceOfSatisfying(SchemaRegistryUnavailableException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.attempts()).isEqualTo(4);
                    assertThat(e.getMessage()).contains("<html>down</html>");
                });
    }

    @Test
    void aRefusedConnectionIsUnavailableAfterEveryAttempt() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        SchemaRegistryClient client = new SchemaRegistryClient(SchemaRegistryConfig.of("http://localhost:" + port)
                .withRetries(3, Duration.ofMillis(1), Duration.ofMillis(2)));
        assertThatThrownBy(() -> client.schemaById(1))
                .isInstanceOfSatisfying(SchemaRegistryUnavailableException.class, e -> {
                    assertThat(e.status()).isEqualTo(-1);
                    assertThat(e.attempts()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("GET http://localhost:" + port + "/schemas/ids/1")
                            .contains("ConnectException");
                });
    }

    @Test
    void schemasByIdAreFetchedOnceAndSubjectsAreEncoded() throws IOException {
        String answer = "{\"schema\":" + quoted(SCHEMA.toString()) + "}";
        SchemaRegistryClient client = clientAnswering((n, exchange) -> respond(exchange, 200, answer));
        assertThat(client.schemaById(11)).isEqualTo(SCHEMA);
        assertThat(client.schemaById(11)).isEqualTo(SCHEMA);
        assertThat(requests).containsExactly("GET /api/schemas/ids/11");
    }

    @Test
    void idsAreCachedPerSubjectAndSchema() throws IOException {
        SchemaRegistryClient client = clientAnswering((n, exchange) -> respond(exchange, 200, "{\"id\":" + n + "}"));
        assertThat(client.register("a b/c", SCHEMA)).isEqualTo(1);
        assertThat(client.register("a b/c", SCHEMA)).isEqualTo(1);
        assertThat(client.register("other", SCHEMA)).isEqualTo(2);
        assertThat(requests).containsExactly("POST /api/subjects/a%20b%2Fc/versions", "POST /api/subjects/other/versions");
    }

    @Test
    void aNonAvroSchemaIsRefused() throws IOException {
        SchemaRegistryClient client = clientAnswering((n, exchange) ->
                respond(exchange, 200, "{\"schema\":\"syntax = \\\"proto3\\\";\",\"schemaType\":\"PROTOBUF\"}"));
        assertThatThrownBy(() -> client.schemaById(5)).isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("PROTOBUF");
    }

    @Test
    void basicAuthenticationIsSentWhenConfigured() throws IOException {
        clientAnswering((n, exchange) -> respond(exchange, 200, "{\"compatibilityLevel\":\"FULL\"}"));
        SchemaRegistryClient client = new SchemaRegistryClient(
                SchemaRegistryConfig.of("http://localhost:" + server.getAddress().getPort()).withBasicAuth("key:secret"));
        assertThat(client.compatibility()).isEqualTo(CompatibilityLevel.FULL);
        assertThat(authorizations).containsExactly("Basic a2V5OnNlY3JldA==");
    }

    @Test
    void compatibilityOfASubjectFallsBackToTheGlobalLevel() throws IOException {
        SchemaRegistryClient client = clientAnswering((n, exchange) ->
                respond(exchange, 200, "{\"compatibilityLevel\":\"BACKWARD_TRANSITIVE\"}"));
        assertThat(client.compatibility("t-value")).isEqualTo(CompatibilityLevel.BACKWARD_TRANSITIVE);
        assertThat(requests).containsExactly("GET /api/config/t-value?defaultToGlobal=true");
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @FunctionalInterface
    private interface Answer {
        void answer(int requestNumber, HttpExchange exchange) throws IOException;
    }
}

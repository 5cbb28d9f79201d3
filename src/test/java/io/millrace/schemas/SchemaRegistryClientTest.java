package io.millrace.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.millrace.devcluster.DevCluster;
import io.millrace.devcluster.DevClusterExtension;
import io.millrace.schemas.registry.CompatibilityCheck;
import io.millrace.schemas.registry.CompatibilityLevel;
import io.millrace.schemas.registry.SchemaRegistryClient;
import io.millrace.schemas.registry.SchemaRegistryException;
import io.millrace.schemas.registry.SchemaVersion;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The registry client against the dev cluster's real registry (Apicurio, Confluent API). */
@ExtendWith(DevClusterExtension.class)
class SchemaRegistryClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema V1 = SchemaBuilder.record("Reading").namespace("it.client").fields()
            .requiredString("sensor").requiredDouble("value").endRecord();
    private static final Schema V2 = SchemaBuilder.record("Reading").namespace("it.client").fields()
            .requiredString("sensor").requiredDouble("value")
            .name("unit").type().stringType().stringDefault("celsius").endRecord();
    private static final Schema V2_BREAKING = SchemaBuilder.record("Reading").namespace("it.client").fields()
            .requiredString("sensor").requiredDouble("value").requiredString("location").endRecord();

    private SchemaRegistryClient client;
    private String subject;

    @BeforeEach
    void connect(DevCluster cluster) {
        client = SchemaRegistryClient.of(cluster.registryUrl());
        subject = "it-client-" + System.nanoTime() + "-value";
    }

    @Test
    void registersLooksUpAndFetchesById() {
        int id = client.register(subject, V1);
        assertThat(client.register(subject, V1)).isEqualTo(id);
        assertThat(SchemaRegistryClient.of(client.config().url().toString()).schemaById(id)).isEqualTo(V1);

        SchemaVersion latest = client.latestVersion(subject);
        assertThat(latest.version()).isEqualTo(1);
        assertThat(latest.id()).isEqualTo(id);
        assertThat(latest.schema()).isEqualTo(V1);
        assertThat(client.lookup(subject, V1).id()).isEqualTo(id);
        assertThat(client.subjects()).contains(subject);
        assertThat(client.versions(subject)).containsExactly(1);
    }

    @Test
    void theRegistryStartsBackwardAndSubjectsCanOverrideIt() {
        assertThat(client.compatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(client.compatibility(subject)).as("no versions yet").isEqualTo(CompatibilityLevel.BACKWARD);
        client.register(subject, V1);
        assertThat(client.compatibility(subject)).isEqualTo(CompatibilityLevel.BACKWARD);
        client.setCompatibility(subject, CompatibilityLevel.FULL);
        assertThat(client.compatibility(subject)).isEqualTo(CompatibilityLevel.FULL);
        assertThat(client.compatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
        client.clearCompatibility(subject);
        assertThat(client.compatibility(subject)).isEqualTo(CompatibilityLevel.BACKWARD);
    }

    @Test
    void compatibilityCanBeTestedBeforeRegistering() {
        assertThat(client.testCompatibility(subject, V1).compatible()).isTrue();
        client.register(subject, V1);
        assertThat(client.testCompatibility(subject, V2).compatible()).isTrue();
        CompatibilityCheck breaking = client.testCompatibility(subject, V2_BREAKING);
        assertThat(breaking.compatible()).isFalse();
        assertThat(client.versions(subject)).containsExactly(1);
    }

    @Test
    void anIncompatibleSchemaIsRefusedWithTheRegistrysReason() {
        client.register(subject, V1);
        assertThat(client.register(subject, V2)).isPositive();
        assertThatThrownBy(() -> client.register(subject, V2_BREAKING))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.isIncompatible()).isTrue();
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.registryMessage()).contains("location");
                    assertThat(e.getMessage()).contains("HTTP 409").contains("location");
                });
    }

    @Test
    void schemaReferencesAreResolvedWhenFetchingById(DevCluster cluster) throws Exception {
        Schema range = SchemaBuilder.record("Range").namespace("it.refs").fields().requiredLong("from").endRecord();
        String rangeSubject = "it-refs-range-" + System.nanoTime();
        client.register(rangeSubject, range);
        String window = "{\"type\":\"record\",\"name\":\"Window\",\"namespace\":\"it.refs\","
                + "\"fields\":[{\"name\":\"range\",\"type\":\"it.refs.Range\"}]}";
        ObjectNode body = JSON.createObjectNode().put("schema", window);
        body.putArray("references").addObject().put("name", "it.refs.Range").put("subject", rangeSubject).put("version", 1);
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(cluster.registryUrl() + "/subjects/" + subject + "/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        int id = JSON.readTree(answer.body()).get("id").asInt();

        Schema resolved = SchemaRegistryClient.of(cluster.registryUrl()).schemaById(id);
        assertThat(resolved.getField("range").schema()).isEqualTo(range);
    }

    @Test
    void missingSchemasAndSubjectsAre404WithTheRegistryCodes() {
        assertThatThrownBy(() -> client.schemaById(987_654)).isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
            assertThat(e.isSchemaNotFound()).isTrue();
        });
        assertThatThrownBy(() -> client.latestVersion(subject)).isInstanceOfSatisfying(SchemaRegistryException.class,
                e -> assertThat(e.isSubjectNotFound()).isTrue());
        client.register(subject, V1);
        assertThatThrownBy(() -> client.lookup(subject, V2)).isInstanceOfSatisfying(SchemaRegistryException.class,
                e -> assertThat(e.isNotFound()).isTrue());
    }
}

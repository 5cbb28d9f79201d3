package io.millrace.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryTest {
    private static final Schema V1 = SchemaBuilder.record("T").namespace("x").fields()
            .requiredString("a").endRecord();
    private static final Schema V2_WITH_DEFAULT = SchemaBuilder.record("T").namespace("x").fields()
            .requiredString("a").name("b").type().intType().intDefault(0).endRecord();
    private static final Schema V2_REQUIRED = SchemaBuilder.record("T").namespace("x").fields()
            .requiredString("a").requiredInt("b").endRecord();

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void identicalSchemasShareOneIdAcrossSubjects() {
        int id = registry.register("a-value", V1);
        assertThat(registry.register("a-value", V1)).isEqualTo(id);
        assertThat(registry.register("b-value", V1)).isEqualTo(id);
        assertThat(registry.latestVersion("b-value").version()).isEqualTo(1);
        assertThat(registry.schemaById(id)).isEqualTo(V1);
    }

    @Test
    void backwardIsTheDefaultAndNamesTheBrokenField() {
        registry.register("t-value", V1);
        assertThatThrownBy(() -> registry.register("t-value", V2_REQUIRED))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.isIncompatible()).isTrue();
                    assertThat(e.registryMessage()).contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("b");
                });
        assertThat(registry.register("t-value", V2_WITH_DEFAULT)).isEqualTo(2);
        assertThat(registry.lookup("t-value", V2_WITH_DEFAULT).version()).isEqualTo(2);
    }

    @Test
    void noneAcceptsAnythingAndForwardChecksTheOtherWay() {
        registry.register("t-value", V1);
        registry.setCompatibility("t-value", CompatibilityLevel.NONE);
        assertThat(registry.register("t-value", V2_REQUIRED)).isPositive();

        // FORWARD: readers of the previous schema must read data of the new one
        registry.register("f-value", V2_REQUIRED);
        registry.setCompatibility("f-value", CompatibilityLevel.FORWARD);
        assertThatThrownBy(() -> registry.register("f-value", V1)).isInstanceOf(SchemaRegistryException.class);
        registry.register("g-value", V1);
        registry.setCompatibility("g-value", CompatibilityLevel.FORWARD);
        assertThat(registry.register("g-value", V2_REQUIRED)).isPositive();
    }

    @Test
    void missingThingsAre404WithTheRegistryCodes() {
        assertThatThrownBy(() -> registry.schemaById(9)).isInstanceOfSatisfying(SchemaRegistryException.class,
                e -> assertThat(e.isSchemaNotFound()).isTrue());
        assertThatThrownBy(() -> registry.latestVersion("none")).isInstanceOfSatisfying(SchemaRegistryException.class,
                e -> assertThat(e.isSubjectNotFound()).isTrue());
        registry.register("t-value", V1);
        assertThatThrownBy(() -> registry.lookup("t-value", V2_WITH_DEFAULT))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isSchemaNotFound()).isTrue());
    }

    @Test
    void scopesAreSharedByName() {
        InMemorySchemaRegistry scoped = InMemorySchemaRegistry.forScope("shared-test");
        try {
            int id = scoped.register("s-value", V1);
            assertThat(InMemorySchemaRegistry.forScope("shared-test").schemaById(id)).isEqualTo(V1);
        } finally {
            InMemorySchemaRegistry.dropScope("shared-test");
        }
        assertThat(InMemorySchemaRegistry.forScope("shared-test")).isNotSameAs(scoped);
        InMemorySchemaRegistry.dropScope("shared-test");
    }
}

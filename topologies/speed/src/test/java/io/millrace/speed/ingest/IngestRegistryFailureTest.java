package io.millrace.speed.ingest;

import static io.millrace.speed.ingest.IngestDriver.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.millrace.schemas.registry.InMemorySchemaRegistry;
import io.millrace.schemas.registry.SchemaRegistry;
import io.millrace.schemas.registry.SchemaRegistryException;
import io.millrace.schemas.registry.SchemaRegistryUnavailableException;
import io.millrace.schemas.registry.SchemaVersion;
import io.millrace.schemas.serde.WireFormatException;
import io.millrace.speed.serde.WireFormatFailures;
import java.nio.file.Path;
import java.util.function.IntFunction;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry that fails is not bad data: ingest fails the task (with exactly-once, the transaction aborts
 * and the records are read again once the thread is replaced) and writes no dead letter.
 */
class IngestRegistryFailureTest {

    @TempDir
    Path stateDir;

    /** Serves from memory until told to fail every schema lookup by id. */
    private static final class FailingRegistry implements SchemaRegistry {
        private final InMemorySchemaRegistry delegate = new InMemorySchemaRegistry();
        private IntFunction<RuntimeException> failure;

        @Override
        public int register(String subject, Schema schema) {
            return delegate.register(subject, schema);
        }

        @Override
        public SchemaVersion lookup(String subject, Schema schema) {
            return delegate.lookup(subject, schema);
        }

        @Override
        public Schema schemaById(int id) {
            if (failure != null) {
                throw failure.apply(id);
            }
            return delegate.schemaById(id);
        }

        @Override
        public SchemaVersion latestVersion(String subject) {
            return delegate.latestVersion(subject);
        }
    }

    @Test
    void anUnavailableRegistryFailsTheTaskWithARetryableErrorAndWritesNothing() {
        FailingRegistry registry = new FailingRegistry();
        registry.failure = id -> new SchemaRegistryUnavailableException("GET /schemas/ids/" + id, -1, "connection refused", 3, null);

        Throwable thrown = failOn(registry);

        WireFormatException wire = WireFormatFailures.find(thrown).orElseThrow();
        assertThat(wire.reason()).isEqualTo(WireFormatException.Reason.REGISTRY_UNAVAILABLE);
        assertThat(wire.isRetryable()).isTrue();
        assertThat(wire.offset()).isZero();
    }

    @Test
    void aRegistryThatRefusesUsFailsTheTaskToo() {
        FailingRegistry registry = new FailingRegistry();
        registry.failure = id -> new SchemaRegistryException("GET /schemas/ids/" + id, 401, 40101, "Unauthorized");

        Throwable thrown = failOn(registry);

        assertThat(WireFormatFailures.find(thrown).orElseThrow().reason()).isEqualTo(WireFormatException.Reason.REGISTRY_ERROR);
    }

    private Throwable failOn(FailingRegistry registry) {
        try (IngestDriver ingest = new IngestDriver(registry, stateDir)) {
            byte[] value = ingest.encode(event("e-1").build());
            Throwable thrown = catchThrowable(() -> ingest.send(IngestDriver.utf8("acct-1"), value));
            assertThat(thrown).isNotNull();
            assertThat(ingest.validEvents.isEmpty()).isTrue();
            assertThat(ingest.deadLetters.isEmpty()).isTrue();
            return thrown;
        }
    }
}

package io.millrace.schemas.registry;

import org.apache.avro.Schema;

/**
 * What the wire-format serdes need from a schema registry: register or find a writer schema under a
 * subject, and fetch a schema by the id found in a record's header.
 *
 * <p>{@link SchemaRegistryClient} speaks the Confluent Schema Registry REST API (Confluent, Apicurio's
 * {@code /apis/ccompat/v7}, Karapace); {@link InMemorySchemaRegistry} keeps everything in the JVM for
 * topology tests that run without a registry. Implementations are thread-safe and cache ids and
 * schemas, so the serdes may call them for every record.
 *
 * <p>Failures are {@link SchemaRegistryException}s; a registry that cannot be reached is a
 * {@link SchemaRegistryUnavailableException}.
 */
public interface SchemaRegistry {

    /**
     * Registers {@code schema} under {@code subject} (a no-op if it is already there) and returns its id.
     * The registry refuses a schema that breaks the subject's compatibility level with HTTP 409.
     */
    int register(String subject, Schema schema);

    /**
     * Finds {@code schema} among the versions of {@code subject} without registering it. Fails with
     * status 404 when the subject does not exist or does not hold that schema.
     */
    SchemaVersion lookup(String subject, Schema schema);

    /** The schema with this registry-wide id; fails with status 404 and error code 40403 when there is none. */
    Schema schemaById(int id);

    /** The newest version of {@code subject}; fails with status 404 when the subject does not exist. */
    SchemaVersion latestVersion(String subject);
}

package io.millrace.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * A schema registry held in the JVM, for topology tests ({@code TopologyTestDriver}) and tools that run
 * without a registry server; the role {@code mock://} URLs play for Confluent's serdes. It behaves as the
 * REST registry does where the serdes can tell: one id per distinct schema text across subjects, versions
 * from 1 per subject, BACKWARD compatibility by default (checked with Avro's own resolution rules), and the
 * same {@link SchemaRegistryException} statuses and error codes (404/40401, 404/40403, 409). Nothing is
 * persisted. Thread-safe.
 *
 * <p>{@link #forScope(String)} shares one instance per name inside the JVM, so a serializer and a
 * deserializer configured separately (as Kafka does) see the same schemas.
 */
public final class InMemorySchemaRegistry implements SchemaRegistry {
    private static final Map<String, InMemorySchemaRegistry> SCOPES = new ConcurrentHashMap<>();

    private final String name;
    private final Map<String, Integer> idsByText = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, List<Integer>> idsBySubject = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;

    public InMemorySchemaRegistry() {
        this("memory");
    }

    private InMemorySchemaRegistry(String name) {
        this.name = name;
    }

    /** The registry shared under this scope name in this JVM, created empty on first use. */
    public static InMemorySchemaRegistry forScope(String scope) {
        return SCOPES.computeIfAbsent(scope, s -> new InMemorySchemaRegistry("mock://" + s));
    }

    /** Forgets the registry of a scope, so the next {@link #forScope} starts empty. */
    public static void dropScope(String scope) {
        SCOPES.remove(scope);
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        String text = schema.toString();
        List<Integer> versions = idsBySubject.getOrDefault(subject, List.of());
        Integer existing = idsByText.get(text);
        if (existing != null && versions.contains(existing)) {
            return existing;
        }
        checkCompatible(subject, schema, versions);
        int id = existing != null ? existing : idsByText.size() + 1;
        idsByText.put(text, id);
        schemasById.put(id, schema);
        idsBySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
        return id;
    }

    @Override
    public synchronized SchemaVersion lookup(String subject, Schema schema) {
        List<Integer> versions = requireSubject(subject, "POST " + name + "/subjects/" + subject);
        Integer id = idsByText.get(schema.toString());
        int index = id == null ? -1 : versions.indexOf(id);
        if (index < 0) {
            throw new SchemaRegistryException("POST " + name + "/subjects/" + subject, 404,
                    SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema not found under subject " + subject);
        }
        return new SchemaVersion(subject, index + 1, id, schemasById.get(id));
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaRegistryException("GET " + name + "/schemas/ids/" + id, 404,
                    SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
        }
        return schema;
    }

    @Override
    public synchronized SchemaVersion latestVersion(String subject) {
        List<Integer> versions = requireSubject(subject, "GET " + name + "/subjects/" + subject + "/versions/latest");
        int id = versions.get(versions.size() - 1);
        return new SchemaVersion(subject, versions.size(), id, schemasById.get(id));
    }

    public synchronized void setCompatibility(CompatibilityLevel level) {
        globalLevel = Objects.requireNonNull(level);
    }

    public synchronized void setCompatibility(String subject, CompatibilityLevel level) {
        subjectLevels.put(subject, Objects.requireNonNull(level));
    }

    public synchronized CompatibilityLevel compatibility(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    private List<Integer> requireSubject(String subject, String request) {
        List<Integer> versions = idsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw new SchemaRegistryException(request, 404, SchemaRegistryException.SUBJECT_NOT_FOUND,
                    "Subject '" + subject + "' not found.");
        }
        return versions;
    }

    private void checkCompatible(String subject, Schema candidate, List<Integer> versions) {
        if (versions.isEmpty()) {
            return;
        }
        CompatibilityLevel level = compatibility(subject);
        boolean transitive = level.name().endsWith("TRANSITIVE");
        List<Integer> against = transitive ? versions : versions.subList(versions.size() - 1, versions.size());
        boolean backward = level != CompatibilityLevel.NONE && !level.name().startsWith("FORWARD");
        boolean forward = level.name().startsWith("FORWARD") || level.name().startsWith("FULL");
        List<String> problems = new ArrayList<>();
        for (int id : against) {
            Schema earlier = schemasById.get(id);
            if (backward) {
                problems.addAll(problems(SchemaCompatibility.checkReaderWriterCompatibility(candidate, earlier)));
            }
            if (forward) {
                problems.addAll(problems(SchemaCompatibility.checkReaderWriterCompatibility(earlier, candidate)));
            }
        }
        if (!problems.isEmpty()) {
            throw new SchemaRegistryException("POST " + name + "/subjects/" + subject + "/versions", 409, 409,
                    "Schema being registered is incompatible with an earlier schema for subject \"" + subject
                            + "\" (" + level + "): " + String.join("; ", problems));
        }
    }

    private static List<String> problems(SchemaPairCompatibility result) {
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        result.getResult().getIncompatibilities().forEach(i ->
                problems.add(i.getType() + " at " + i.getLocation() + ": " + i.getMessage()));
        return problems;
    }
}

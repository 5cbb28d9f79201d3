package io.millrace.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of the Confluent Schema Registry REST API, the de-facto standard that Confluent Schema
 * Registry, Apicurio Registry ({@code /apis/ccompat/v7}) and Karapace all serve. It registers and looks up
 * Avro schemas under subjects, fetches schemas by id (resolving schema references), and reads and sets
 * compatibility levels.
 *
 * <p>Schemas by id and ids by (subject, schema) are cached: an id never changes its schema, so after the
 * first record of each schema the serdes make no request at all. Connection failures, timeouts and 5xx
 * answers are retried with exponential back-off and jitter as {@link SchemaRegistryConfig} says; a 4xx
 * is an answer about the request and is never retried. Thread-safe.
 */
public final class SchemaRegistryClient implements SchemaRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT =
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final int MAX_MESSAGE_CHARS = 2000;

    private final SchemaRegistryConfig config;
    private final HttpClient http;
    private final String authorization;
    private final LruCache<Integer, Schema> schemasById;
    private final LruCache<SubjectSchema, Integer> idsBySubjectSchema;
    private final LruCache<SubjectSchema, SchemaVersion> versionsBySubjectSchema;

    public SchemaRegistryClient(SchemaRegistryConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.authorization = config.basicAuthUserInfo() == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(config.basicAuthUserInfo().getBytes(StandardCharsets.UTF_8));
        this.schemasById = new LruCache<>(config.cacheCapacity());
        this.idsBySubjectSchema = new LruCache<>(config.cacheCapacity());
        this.versionsBySubjectSchema = new LruCache<>(config.cacheCapacity());
    }

    /** A client with the default timeouts and retries. */
    public static SchemaRegistryClient of(String url) {
        return new SchemaRegistryClient(SchemaRegistryConfig.of(url));
    }

    public SchemaRegistryConfig config() {
        return config;
    }

    // ---------------------------------------------------------------- schemas

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema.toString());
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer;
        try {
            answer = call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(key.schemaText()));
        } catch (SchemaRegistryException e) {
            throw e.isIncompatible() ? namingFields(e, schema) : e;
        }
        int id = requiredInt(answer, "id", "POST /subjects/" + subject + "/versions");
        idsBySubjectSchema.put(key, id);
        schemasById.put(id, schema);
        return id;
    }

    @Override
    public SchemaVersion lookup(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema.toString());
        SchemaVersion cached = versionsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call("POST", "/subjects/" + encode(subject), schemaBody(key.schemaText()));
        int id = requiredInt(answer, "id", "POST /subjects/" + subject);
        SchemaVersion found = new SchemaVersion(subject, answer.path("version").asInt(-1), id, schema);
        versionsBySubjectSchema.put(key, found);
        idsBySubjectSchema.put(key, id);
        return found;
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        String path = "/schemas/ids/" + id;
        Schema schema = parseAvro(call("GET", path, null), "GET " + path);
        schemasById.put(id, schema);
        return schema;
    }

    @Override
    public SchemaVersion latestVersion(String subject) {
        return version(subject, "latest");
    }

    /** A given version of a subject (from 1). */
    public SchemaVersion version(String subject, int version) {
        return version(subject, Integer.toString(version));
    }

    private SchemaVersion version(String subject, String version) {
        String path = "/subjects/" + encode(subject) + "/versions/" + version;
        JsonNode answer = call("GET", path, null);
        int id = requiredInt(answer, "id", "GET " + path);
        Schema schema = parseAvro(answer, "GET " + path);
        schemasById.put(id, schema);
        return new SchemaVersion(subject, answer.path("version").asInt(-1), id, schema);
    }

    /** The names of all subjects. */
    public List<String> subjects() {
        return strings(call("GET", "/subjects", null));
    }

    /** The version numbers of a subject, oldest first. */
    public List<Integer> versions(String subject) {
        List<Integer> versions = new ArrayList<>();
        call("GET", "/subjects/" + encode(subject) + "/versions", null).forEach(v -> versions.add(v.asInt()));
        return versions;
    }

    // ---------------------------------------------------------------- compatibility

    /** The registry-wide compatibility level. */
    public CompatibilityLevel compatibility() {
        return level(call("GET", "/config", null));
    }

    /** The level that applies to {@code subject}: its own, or the registry-wide one when it has none. */
    public CompatibilityLevel compatibility(String subject) {
        try {
            return level(call("GET", "/config/" + encode(subject) + "?defaultToGlobal=true", null));
        } catch (SchemaRegistryException e) {
            if (e.isSubjectNotFound()) { // Apicurio, for a subject with no versions yet
                return compatibility();
            }
            throw e;
        }
    }

    /** Sets the registry-wide compatibility level. */
    public void setCompatibility(CompatibilityLevel level) {
        call("PUT", "/config", compatibilityBody(level));
    }

    /** Sets the compatibility level of one subject, overriding the registry-wide one. */
    public void setCompatibility(String subject, CompatibilityLevel level) {
        call("PUT", "/config/" + encode(subject), compatibilityBody(level));
    }

    /** Removes the subject's own level, so the registry-wide one applies again. */
    public void clearCompatibility(String subject) {
        call("DELETE", "/config/" + encode(subject), null);
    }

    /**
     * Asks whether {@code schema} could be registered under {@code subject} now, without registering it.
     * A subject with no versions yet accepts any schema.
     */
    public CompatibilityCheck testCompatibility(String subject, Schema schema) {
        String path = "/compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true";
        JsonNode answer;
        try {
            answer = call("POST", path, schemaBody(schema.toString()));
        } catch (SchemaRegistryException e) {
            if (e.isSubjectNotFound() || e.errorCode() == SchemaRegistryException.VERSION_NOT_FOUND) {
                return new CompatibilityCheck(true, List.of("subject " + subject + " has no versions yet"));
            }
            throw e;
        }
        return new CompatibilityCheck(answer.path("is_compatible").asBoolean(false), strings(answer.path("messages")));
    }

    // ---------------------------------------------------------------- HTTP

    private JsonNode call(String method, String path, JsonNode body) {
        URI uri = URI.create(config.url() + path);
        String request = method + " " + uri;
        HttpRequest httpRequest = request(method, uri, body);
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(httpRequest, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                if (attempt >= config.maxAttempts()) {
                    throw new SchemaRegistryUnavailableException(request, -1, describe(e), attempt, e);
                }
                pause(request, attempt, describe(e));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryUnavailableException(request, -1, "interrupted", attempt, e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return parseJson(request, status, response.body());
            }
            if (status >= 500 && attempt < config.maxAttempts()) {
                pause(request, attempt, "HTTP " + status);
                continue;
            }
            throw failure(request, status, response.body(), attempt);
        }
    }

    private HttpRequest request(String method, URI uri, JsonNode body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(config.requestTimeout())
                .header("Accept", ACCEPT);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (body == null) {
            return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return builder.header("Content-Type", CONTENT_TYPE)
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
    }

    private void pause(String request, int attempt, String why) {
        Duration ceiling = config.backoffBefore(attempt);
        long half = Math.max(1, ceiling.toMillis() / 2);
        long delay = half + ThreadLocalRandom.current().nextLong(half + 1);
        LOG.warn("Schema registry request {} failed ({}), attempt {} of {}; retrying in {} ms",
                request, why, attempt, config.maxAttempts(), delay);
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryUnavailableException(request, -1, why + ", then interrupted", attempt, e);
        }
    }

    private static SchemaRegistryException failure(String request, int status, String body, int attempts) {
        int errorCode = -1;
        String message = truncate(body == null ? "" : body.strip());
        try {
            JsonNode error = JSON.readTree(body);
            if (error != null && error.isObject()) {
                errorCode = error.path("error_code").asInt(-1);
                message = truncate(error.path("message").asText(message));
            }
        } catch (IOException notJson) {
            // keep the raw body as the message
        }
        if (status == 502 || status == 503 || status == 504) {
            return new SchemaRegistryUnavailableException(request, status, "HTTP " + status + ": " + message, attempts, null);
        }
        return new SchemaRegistryException(request, status, errorCode, message);
    }

    /**
     * Some registries (Apicurio) point at the incompatible field with a JSON pointer such as
     * {@code /fields/2/type}; the registry's words are kept and the field's name is added.
     */
    private static SchemaRegistryException namingFields(SchemaRegistryException e, Schema refused) {
        String fields = FieldPointers.describe(refused, e.registryMessage());
        if (fields.isEmpty()) {
            return e;
        }
        return new SchemaRegistryException(e.request(), e.status(), e.errorCode(),
                e.registryMessage() + " (" + fields + ")", e.getCause());
    }

    private static JsonNode parseJson(String request, int status, String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new SchemaRegistryException(request, status, -1, "answer is not JSON: " + truncate(body), e);
        }
    }

    // ---------------------------------------------------------------- Avro schemas in answers

    private Schema parseAvro(JsonNode answer, String request) {
        String type = answer.path("schemaType").asText("AVRO");
        if (!"AVRO".equalsIgnoreCase(type)) {
            throw new SchemaRegistryException(request, 200, -1, "schema is of type " + type + ", not AVRO");
        }
        String text = answer.path("schema").asText(null);
        if (text == null) {
            throw new SchemaRegistryException(request, 200, -1, "answer has no schema: " + truncate(answer.toString()));
        }
        Schema.Parser parser = new Schema.Parser();
        parseReferences(parser, answer.path("references"), new HashSet<>(), request);
        try {
            return parser.parse(text);
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException(request, 200, -1, "registry returned an unparseable Avro schema: " + e.getMessage(), e);
        }
    }

    /** Parses referenced schemas first (depth first), so the referring schema can name their types. */
    private void parseReferences(Schema.Parser parser, JsonNode references, Set<String> seen, String request) {
        for (JsonNode reference : references) {
            String subject = reference.path("subject").asText();
            int version = reference.path("version").asInt();
            if (!seen.add(subject + "/" + version)) {
                continue;
            }
            String path = "/subjects/" + encode(subject) + "/versions/" + version;
            JsonNode referenced = call("GET", path, null);
            parseReferences(parser, referenced.path("references"), seen, request);
            try {
                parser.parse(referenced.path("schema").asText());
            } catch (SchemaParseException e) {
                throw new SchemaRegistryException(request, 200, -1,
                        "referenced schema " + subject + " version " + version + " is unparseable: " + e.getMessage(), e);
            }
        }
    }

    // ---------------------------------------------------------------- small helpers

    private static ObjectNode schemaBody(String schemaText) {
        ObjectNode body = JSON.createObjectNode();
        body.put("schema", schemaText);
        return body;
    }

    private static ObjectNode compatibilityBody(CompatibilityLevel level) {
        ObjectNode body = JSON.createObjectNode();
        body.put("compatibility", level.name());
        return body;
    }

    private static CompatibilityLevel level(JsonNode answer) {
        JsonNode level = answer.has("compatibilityLevel") ? answer.get("compatibilityLevel") : answer.path("compatibility");
        return CompatibilityLevel.parse(level.asText());
    }

    private static int requiredInt(JsonNode answer, String field, String request) {
        JsonNode value = answer.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new SchemaRegistryException(request, 200, -1, "answer has no integer '" + field + "': " + truncate(answer.toString()));
        }
        return value.asInt();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    private static String truncate(String text) {
        return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS) + "...";
    }

    /** Cache key: a subject and the exact text of a schema, docs included, as the registry stores it. */
    private record SubjectSchema(String subject, String schemaText) {
    }
}

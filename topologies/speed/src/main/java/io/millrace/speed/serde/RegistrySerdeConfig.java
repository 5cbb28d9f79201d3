package io.millrace.speed.serde;

import io.millrace.schemas.registry.InMemorySchemaRegistry;
import io.millrace.schemas.registry.SchemaRegistry;
import io.millrace.schemas.registry.SchemaRegistryClient;
import io.millrace.schemas.registry.SchemaRegistryConfig;
import io.millrace.schemas.serde.AvroSerdeConfig;
import io.millrace.schemas.serde.SubjectNameStrategy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.config.ConfigException;

/**
 * The Kafka configuration keys the registry serdes read, with Confluent's names where Confluent has one,
 * so a producer, consumer or Kafka Streams configuration written for Confluent's serdes works unchanged
 * apart from the class names. {@code schema.registry.url} is the only required key; {@code mock://NAME}
 * selects the JVM-local {@link InMemorySchemaRegistry} scope NAME, for {@code TopologyTestDriver} tests.
 *
 * <p>Clients are shared per configuration inside the JVM, so the many serdes of a Streams application
 * share one HTTP client and one cache.
 */
public final class RegistrySerdeConfig {
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    public static final String SPECIFIC_AVRO_KEY_TYPE = "specific.avro.key.type";
    public static final String SPECIFIC_AVRO_VALUE_TYPE = "specific.avro.value.type";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String REGISTRY_BASIC_AUTH_USER_INFO = "schema.registry.basic.auth.user.info";
    public static final String CONNECT_TIMEOUT_MS = "schema.registry.connect.timeout.ms";
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
    public static final String MAX_ATTEMPTS = "schema.registry.max.attempts";
    public static final String RETRY_BACKOFF_MS = "schema.registry.retry.backoff.ms";
    public static final String RETRY_BACKOFF_MAX_MS = "schema.registry.retry.backoff.max.ms";
    public static final String CACHE_CAPACITY = "schema.registry.cache.capacity";

    /** URL scheme of the in-memory registry scopes. */
    public static final String MOCK_SCHEME = "mock://";

    private static final Map<SchemaRegistryConfig, SchemaRegistryClient> CLIENTS = new ConcurrentHashMap<>();

    private RegistrySerdeConfig() {
    }

    /** The registry the configuration names: a shared REST client, or an in-memory scope for {@code mock://}. */
    public static SchemaRegistry registry(Map<String, ?> configs) {
        String url = string(configs, SCHEMA_REGISTRY_URL);
        if (url == null || url.isBlank()) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, url, "the schema registry URL is required");
        }
        url = url.trim();
        if (url.startsWith(MOCK_SCHEME)) {
            return InMemorySchemaRegistry.forScope(url.substring(MOCK_SCHEME.length()));
        }
        if (url.contains(",")) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, url, "give one registry URL (a load balancer in front of several)");
        }
        return CLIENTS.computeIfAbsent(clientConfig(configs, url), SchemaRegistryClient::new);
    }

    /** The REST client settings: timeouts, retries, cache size and basic authentication. */
    public static SchemaRegistryConfig clientConfig(Map<String, ?> configs, String url) {
        SchemaRegistryConfig defaults;
        try {
            defaults = SchemaRegistryConfig.of(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, url, e.getMessage());
        }
        String userInfo = string(configs, REGISTRY_BASIC_AUTH_USER_INFO);
        if (userInfo == null) {
            userInfo = string(configs, BASIC_AUTH_USER_INFO);
        }
        try {
            return new SchemaRegistryConfig(defaults.url(),
                    millis(configs, CONNECT_TIMEOUT_MS, defaults.connectTimeout()),
                    millis(configs, REQUEST_TIMEOUT_MS, defaults.requestTimeout()),
                    integer(configs, MAX_ATTEMPTS, defaults.maxAttempts()),
                    millis(configs, RETRY_BACKOFF_MS, defaults.retryBackoff()),
                    millis(configs, RETRY_BACKOFF_MAX_MS, defaults.maxRetryBackoff()),
                    integer(configs, CACHE_CAPACITY, defaults.cacheCapacity()),
                    userInfo == null || userInfo.isBlank() ? null : userInfo);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid schema registry client configuration: " + e.getMessage());
        }
    }

    /** Subject naming and auto-registration for keys or values. */
    public static AvroSerdeConfig serdeConfig(Map<String, ?> configs, boolean key) {
        String strategyKey = key ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY;
        SubjectNameStrategy strategy = SubjectNameStrategy.TOPIC_NAME;
        Object configured = configs.get(strategyKey);
        if (configured != null) {
            String name = configured instanceof Class<?> type ? type.getName() : configured.toString();
            try {
                strategy = SubjectNameStrategy.parse(name);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(strategyKey, configured, e.getMessage());
            }
        }
        return new AvroSerdeConfig(key, bool(configs, AUTO_REGISTER_SCHEMAS, true), strategy);
    }

    /** The generated class configured for keys or values, or null for generic records. */
    public static Class<?> recordType(Map<String, ?> configs, boolean key) {
        String name = key ? SPECIFIC_AVRO_KEY_TYPE : SPECIFIC_AVRO_VALUE_TYPE;
        Object value = configs.get(name);
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        Class<?> type;
        if (value instanceof Class<?> given) {
            type = given;
        } else {
            try {
                type = Class.forName(value.toString().trim(), true, Thread.currentThread().getContextClassLoader() != null
                        ? Thread.currentThread().getContextClassLoader() : RegistrySerdeConfig.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new ConfigException(name, value, "class not found");
            }
        }
        if (!org.apache.avro.specific.SpecificRecord.class.isAssignableFrom(type)) {
            throw new ConfigException(name, value, "not an Avro generated record class (SpecificRecord)");
        }
        return type;
    }

    private static String string(Map<String, ?> configs, String name) {
        Object value = configs.get(name);
        if (value instanceof org.apache.kafka.common.config.types.Password password) {
            return password.value();
        }
        if (value instanceof java.util.List<?> list) {
            return String.join(",", list.stream().map(Object::toString).toList());
        }
        return value == null ? null : value.toString();
    }

    private static boolean bool(Map<String, ?> configs, String name, boolean fallback) {
        Object value = configs.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new ConfigException(name, value, "expected true or false");
    }

    private static int integer(Map<String, ?> configs, String name, int fallback) {
        Object value = configs.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(name, value, "expected an integer");
        }
    }

    private static Duration millis(Map<String, ?> configs, String name, Duration fallback) {
        Object value = configs.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Duration.ofMillis(value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().trim()));
        } catch (NumberFormatException e) {
            throw new ConfigException(name, value, "expected milliseconds");
        }
    }
}

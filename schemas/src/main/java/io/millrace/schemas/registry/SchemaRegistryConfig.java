package io.millrace.schemas.registry;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach a schema registry that speaks the Confluent REST API, and how hard to try.
 *
 * @param url               base URL of the Confluent API: {@code http://host:8081} for Confluent and Karapace,
 *                          {@code http://host:8080/apis/ccompat/v7} for Apicurio
 * @param connectTimeout    limit on opening a connection
 * @param requestTimeout    limit on one request, from sending to the whole answer
 * @param maxAttempts       attempts per request (1 = no retry); only connection failures and 5xx answers
 *                          are retried, never a 4xx
 * @param retryBackoff      delay before the first retry; it doubles per attempt, with jitter
 * @param maxRetryBackoff   ceiling of that delay
 * @param cacheCapacity     entries kept in each of the client's caches (schemas by id, ids by subject and schema)
 * @param basicAuthUserInfo {@code user:password} for HTTP basic authentication (Confluent Cloud API keys),
 *                          or null for none
 */
public record SchemaRegistryConfig(
        URI url,
        Duration connectTimeout,
        Duration requestTimeout,
        int maxAttempts,
        Duration retryBackoff,
        Duration maxRetryBackoff,
        int cacheCapacity,
        String basicAuthUserInfo) {

    /** Where a registry listens on a laptop by default (Confluent's port). */
    public static final URI DEFAULT_URL = URI.create("http://localhost:8081");

    public SchemaRegistryConfig {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("schema registry url must be http or https: " + url);
        }
        url = stripTrailingSlash(url);
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(retryBackoff, "retryBackoff");
        requirePositive(maxRetryBackoff, "maxRetryBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (cacheCapacity < 1) {
            throw new IllegalArgumentException("cacheCapacity must be at least 1, was " + cacheCapacity);
        }
        if (basicAuthUserInfo != null && !basicAuthUserInfo.contains(":")) {
            throw new IllegalArgumentException("basicAuthUserInfo must be user:password");
        }
    }

    /** Laptop defaults: 2 s to connect, 10 s per request, 4 attempts from 100 ms back-off up to 2 s. */
    public static SchemaRegistryConfig defaults() {
        return of(DEFAULT_URL.toString());
    }

    /** The defaults, at another URL. */
    public static SchemaRegistryConfig of(String url) {
        return new SchemaRegistryConfig(URI.create(url.trim()), Duration.ofSeconds(2), Duration.ofSeconds(10),
                4, Duration.ofMillis(100), Duration.ofSeconds(2), 1000, null);
    }

    public SchemaRegistryConfig withUrl(String newUrl) {
        return new SchemaRegistryConfig(URI.create(newUrl.trim()), connectTimeout, requestTimeout, maxAttempts,
                retryBackoff, maxRetryBackoff, cacheCapacity, basicAuthUserInfo);
    }

    public SchemaRegistryConfig withTimeouts(Duration connect, Duration request) {
        return new SchemaRegistryConfig(url, connect, request, maxAttempts, retryBackoff, maxRetryBackoff,
                cacheCapacity, basicAuthUserInfo);
    }

    public SchemaRegistryConfig withRetries(int attempts, Duration backoff, Duration maxBackoff) {
        return new SchemaRegistryConfig(url, connectTimeout, requestTimeout, attempts, backoff, maxBackoff,
                cacheCapacity, basicAuthUserInfo);
    }

    public SchemaRegistryConfig withCacheCapacity(int capacity) {
        return new SchemaRegistryConfig(url, connectTimeout, requestTimeout, maxAttempts, retryBackoff,
                maxRetryBackoff, capacity, basicAuthUserInfo);
    }

    public SchemaRegistryConfig withBasicAuth(String userInfo) {
        return new SchemaRegistryConfig(url, connectTimeout, requestTimeout, maxAttempts, retryBackoff,
                maxRetryBackoff, cacheCapacity, userInfo);
    }

    /** The back-off before retry number {@code retry} (1 for the first), before jitter. */
    Duration backoffBefore(int retry) {
        long base = retryBackoff.toMillis();
        long max = maxRetryBackoff.toMillis();
        int shift = Math.min(retry - 1, 30);
        long delay = base << shift;
        return Duration.ofMillis(delay < 0 || delay > max ? max : delay);
    }

    @Override
    public String toString() {
        return "SchemaRegistryConfig[url=" + url + ", connectTimeout=" + connectTimeout + ", requestTimeout="
                + requestTimeout + ", maxAttempts=" + maxAttempts + ", retryBackoff=" + retryBackoff
                + ", maxRetryBackoff=" + maxRetryBackoff + ", cacheCapacity=" + cacheCapacity
                + ", basicAuth=" + (basicAuthUserInfo == null ? "none" : "****") + "]";
    }

    private static URI stripTrailingSlash(URI uri) {
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }
}

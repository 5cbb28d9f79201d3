package io.millrace.schemas.registry;

/**
 * The compatibility levels of the Confluent Schema Registry API, which Apicurio's and Karapace's
 * implementations of that API accept too. BACKWARD (Confluent's default) lets consumers upgrade first:
 * a new schema must read data written with the previous one.
 */
public enum CompatibilityLevel {
    NONE,
    BACKWARD,
    BACKWARD_TRANSITIVE,
    FORWARD,
    FORWARD_TRANSITIVE,
    FULL,
    FULL_TRANSITIVE;

    /** Parses a level as the registry writes it, ignoring case. */
    public static CompatibilityLevel parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown compatibility level '" + text + "'", e);
        }
    }
}

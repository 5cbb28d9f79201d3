package io.millrace.schemas.registry;

/**
 * The schema registry could not be reached (connection refused, timeout, I/O error) or answered only
 * with 502, 503 or 504, on every attempt the retry policy allowed. The data is not at fault: a caller
 * may pause and try again rather than dead-letter the record.
 */
public class SchemaRegistryUnavailableException extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    private final int attempts;

    public SchemaRegistryUnavailableException(String request, int status, String detail, int attempts, Throwable cause) {
        super(request, status, -1, "registry unavailable after " + attempts + " attempt(s): " + detail, cause);
        this.attempts = attempts;
    }

    /** How many times the request was tried. */
    public int attempts() {
        return attempts;
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}

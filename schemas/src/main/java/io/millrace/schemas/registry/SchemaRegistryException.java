package io.millrace.schemas.registry;

/**
 * A request to the schema registry failed. Carries what the registry said: the HTTP status, the
 * registry's own error code ({@code error_code} in the Confluent API: 40401 subject not found, 40403
 * schema not found, 409 incompatible, 42201 invalid schema, ...) and its message, which for an
 * incompatible schema names the offending field. Status and error code are -1 when the registry gave
 * no answer (see {@link SchemaRegistryUnavailableException}).
 */
public class SchemaRegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int INVALID_SCHEMA = 42201;

    private final String request;
    private final int status;
    private final int errorCode;
    private final String registryMessage;

    /**
     * @param request         what was asked, for example {@code "POST http://host/subjects/events-value/versions"}
     * @param status          HTTP status, or -1 without a response
     * @param errorCode       the registry's {@code error_code}, or -1 when it sent none
     * @param registryMessage the registry's {@code message} (or the response body), never null
     */
    public SchemaRegistryException(String request, int status, int errorCode, String registryMessage, Throwable cause) {
        super(describe(request, status, errorCode, registryMessage), cause);
        this.request = request;
        this.status = status;
        this.errorCode = errorCode;
        this.registryMessage = registryMessage == null ? "" : registryMessage;
    }

    public SchemaRegistryException(String request, int status, int errorCode, String registryMessage) {
        this(request, status, errorCode, registryMessage, null);
    }

    private static String describe(String request, int status, int errorCode, String registryMessage) {
        String answer = status < 0 ? "got no answer" : "failed with HTTP " + status
                + (errorCode >= 0 ? " (registry error code " + errorCode + ")" : "");
        return "Schema registry request " + request + " " + answer + ": " + registryMessage;
    }

    /** The method and URL of the failed request. */
    public String request() {
        return request;
    }

    /** HTTP status of the answer, -1 when there was none. */
    public int status() {
        return status;
    }

    /** The registry's {@code error_code}, -1 when it sent none. */
    public int errorCode() {
        return errorCode;
    }

    /** The registry's own message, as it sent it. */
    public String registryMessage() {
        return registryMessage;
    }

    /** True when the registry has no schema with the requested id, or the subject does not hold the schema. */
    public boolean isSchemaNotFound() {
        return status == 404 && (errorCode == SCHEMA_NOT_FOUND || errorCode < 0);
    }

    /** True when the subject does not exist. */
    public boolean isSubjectNotFound() {
        return status == 404 && errorCode == SUBJECT_NOT_FOUND;
    }

    /** True for any 404: subject, version or schema not found. */
    public boolean isNotFound() {
        return status == 404;
    }

    /** True when the registry refused a schema as incompatible with the subject's earlier versions. */
    public boolean isIncompatible() {
        return status == 409;
    }

    /** True when the registry could not parse the schema. */
    public boolean isInvalidSchema() {
        return status == 422;
    }

    /** True when the registry could not be reached or answered with a server error: trying later may help. */
    public boolean isRetryable() {
        return status < 0 || status >= 500;
    }
}

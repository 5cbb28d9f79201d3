package io.millrace.learning;

/** Bytes that cannot be decoded as the learning state they claim to be. */
public class StateFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StateFormatException(String message) {
        super(message);
    }

    public StateFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

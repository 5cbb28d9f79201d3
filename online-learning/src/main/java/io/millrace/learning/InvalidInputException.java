package io.millrace.learning;

/** A feature vector, label or observation that a learner or detector refuses; no state was changed. */
public class InvalidInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }
}

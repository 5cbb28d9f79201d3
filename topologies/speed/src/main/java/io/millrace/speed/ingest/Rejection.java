package io.millrace.speed.ingest;

import java.util.Objects;

/**
 * Why one record was refused: the reason code, a sentence a person can act on, and the class of the
 * exception that refused it (null when a check of {@link EventChecks} did, not an exception).
 */
public record Rejection(RejectReason reason, String detail, String errorClass) {

    public Rejection {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    /** A rejection by a check, not by an exception. */
    public static Rejection of(RejectReason reason, String detail) {
        return new Rejection(reason, detail, null);
    }
}

package io.millrace.speed.serde;

import io.millrace.schemas.Event;
import java.util.Objects;

/**
 * A {@code valid-events} record as read: its bytes, and the {@link Event} they hold or, when they do not read as
 * one, why. Ingest writes only events there, so an unreadable record means something else wrote to the topic; the
 * speed layer dead-letters it with these bytes and this reason rather than fail or skip it.
 *
 * @param bytes        the value as read (null for a tombstone)
 * @param event        the event, or null when unreadable
 * @param reasonCode   why it is unreadable ({@code TOMBSTONE} or a {@link io.millrace.schemas.serde.WireFormatException.Reason}); null when readable
 * @param reason       the failure's message; null when readable
 * @param errorClass   the class of the failure; null when readable or a tombstone
 */
public record ValidEvent(byte[] bytes, Event event, String reasonCode, String reason, String errorClass) {

    /** The reason code of a tombstone on {@code valid-events}. */
    public static final String TOMBSTONE = "TOMBSTONE";

    public ValidEvent {
        if ((event == null) == (reasonCode == null)) {
            throw new IllegalArgumentException("a valid-events record holds an event or a reason it does not, not both");
        }
    }

    public static ValidEvent of(byte[] bytes, Event event) {
        return new ValidEvent(Objects.requireNonNull(bytes, "bytes"), Objects.requireNonNull(event, "event"), null, null, null);
    }

    public static ValidEvent unreadable(byte[] bytes, String reasonCode, String reason, String errorClass) {
        return new ValidEvent(bytes, null, Objects.requireNonNull(reasonCode, "reasonCode"), reason, errorClass);
    }

    public boolean isReadable() {
        return event != null;
    }
}

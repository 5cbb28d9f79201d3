package io.millrace.speed.serde;

import io.millrace.schemas.Event;
import java.util.Objects;

/**
 * A valid event on its way through the speed layer, or a record that should have been one: its bytes (the
 * {@code valid-events} encoding), and the {@link Event} they hold or, when they do not read as one, why. Ingest writes
 * only events to {@code valid-events} and {@code rekeyed-events}, so an unreadable record means something else wrote
 * to the topic; the speed layer dead-letters it with these bytes and this reason rather than fail or skip it.
 *
 * @param bytes        the value as read or as ingest encoded it (null for a tombstone)
 * @param event        the event, or null when unreadable
 * @param reasonCode   why it is unreadable ({@code TOMBSTONE} or a {@link io.millrace.schemas.serde.WireFormatException.Reason}); null when readable
 * @param reason       the failure's message; null when readable
 * @param errorClass   the class of the failure; null when readable or a tombstone
 * @param source       where the event entered the speed layer (the {@code events} record ingest accepted, or the
 *                     {@code valid-events} record a standalone reader read): what provenance, drift alerts and dead
 *                     letters name; null until the first processor after the source sets it ({@link #from})
 */
public record ValidEvent(byte[] bytes, Event event, String reasonCode, String reason, String errorClass,
                         SourceOffset source) {

    /** The reason code of a tombstone on {@code valid-events}. */
    public static final String TOMBSTONE = "TOMBSTONE";

    public ValidEvent {
        if ((event == null) == (reasonCode == null)) {
            throw new IllegalArgumentException("a valid-events record holds an event or a reason it does not, not both");
        }
    }

    public static ValidEvent of(byte[] bytes, Event event) {
        return new ValidEvent(Objects.requireNonNull(bytes, "bytes"), Objects.requireNonNull(event, "event"), null, null,
                null, null);
    }

    /** An event accepted from {@code source}, encoded as {@code bytes}. */
    public static ValidEvent of(byte[] bytes, Event event, SourceOffset source) {
        return new ValidEvent(Objects.requireNonNull(bytes, "bytes"), Objects.requireNonNull(event, "event"), null, null,
                null, Objects.requireNonNull(source, "source"));
    }

    public static ValidEvent unreadable(byte[] bytes, String reasonCode, String reason, String errorClass) {
        return new ValidEvent(bytes, null, Objects.requireNonNull(reasonCode, "reasonCode"), reason, errorClass, null);
    }

    /** This record, entered at {@code source}. */
    public ValidEvent from(SourceOffset source) {
        return new ValidEvent(bytes, event, reasonCode, reason, errorClass, Objects.requireNonNull(source, "source"));
    }

    public boolean isReadable() {
        return event != null;
    }
}

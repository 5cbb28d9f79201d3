package io.millrace.speed.model;

import io.millrace.speed.serde.SourceOffset;
import java.util.Objects;

/** What waits in the pending-labels store under an event id, until its partner arrives or its deadline passes. */
public sealed interface PendingEntry permits PendingEntry.AwaitingLabel, PendingEntry.AwaitingEvent {

    /** Stream time (epoch ms) after which the entry expires. */
    long deadline();

    /**
     * A scored event whose label has not arrived, kept as its record on {@code scored-events} (never decoded by the
     * join: it goes into the example as it is, see {@link InternalCodec#example}).
     */
    record AwaitingLabel(byte[] scoredEvent, long arrivedAt, long deadline) implements PendingEntry {

        public AwaitingLabel {
            Objects.requireNonNull(scoredEvent, "scoredEvent");
        }
    }

    /**
     * A readable label that came before its scored event (the event may still be on its way through ingest
     * and scoring), kept with its original bytes so that it can be dead-lettered as it was if no event comes.
     */
    record AwaitingEvent(byte[] key, byte[] value, SourceOffset source, Object label, int schemaId, long arrivedAt,
                         long deadline) implements PendingEntry {

        public AwaitingEvent {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(label, "label");
        }
    }
}

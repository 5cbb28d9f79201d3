package io.millrace.speed.ingest;

import io.millrace.schemas.Event;
import java.util.Objects;

/** What ingest decided about one record: an event for {@code valid-events}, or a rejection for {@code dead-letters}. */
sealed interface IngestOutcome {

    /** A valid event and the key it is written under ({@code entity}). */
    record Accepted(String key, Event event) implements IngestOutcome {
        public Accepted {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(event, "event");
        }
    }

    /** A refused record. */
    record Rejected(Rejection rejection) implements IngestOutcome {
        public Rejected {
            Objects.requireNonNull(rejection, "rejection");
        }
    }
}

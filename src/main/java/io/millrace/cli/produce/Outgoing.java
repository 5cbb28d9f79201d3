package io.millrace.cli.produce;

import io.millrace.schemas.DeadLetter;
import io.millrace.schemas.Event;
import io.millrace.schemas.Label;

/** One record the producer writes, in stream order: an event, a delayed label, a bad record, or a rejected input line. */
public sealed interface Outgoing {

    /** A valid event for the events topic, keyed by entity. */
    record EventRecord(Event event) implements Outgoing {
    }

    /** A readable event injected on purpose that breaks a validation rule; the speed layer dead-letters it. */
    record InvalidEventRecord(Event event, BadRecords.Kind kind) implements Outgoing {
    }

    /** Delayed feedback for the labels topic, keyed by event id. */
    record LabelRecord(Label label) implements Outgoing {
    }

    /** Raw bytes for the events topic that a broken producer might write; the speed layer dead-letters them. */
    record RawRecord(String key, byte[] value, BadRecords.Kind kind) implements Outgoing {
    }

    /** An input line that could not become an event: kept on the dead-letters topic with its reason. */
    record Rejected(DeadLetter deadLetter) implements Outgoing {
    }
}

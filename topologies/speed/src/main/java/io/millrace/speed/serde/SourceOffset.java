package io.millrace.speed.serde;

import java.util.Objects;

/** Where a record was read: topic, partition and offset. Provenance and drift alerts are built from these. */
public record SourceOffset(String topic, int partition, long offset) {

    public SourceOffset {
        Objects.requireNonNull(topic, "topic");
    }
}

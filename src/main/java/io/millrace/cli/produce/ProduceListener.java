package io.millrace.cli.produce;

import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Hears of each record a produce run wrote, once the broker acknowledged it, with where it landed: what a caller
 * needs to check the speed layer's outputs against exactly what went in (the demo's ledger). Called on the
 * producer's I/O thread, in acknowledgement order: an implementation must be thread-safe and quick.
 */
@FunctionalInterface
public interface ProduceListener {

    /** Listens to nothing. */
    ProduceListener NONE = (record, where) -> { };

    /** {@code record} is on {@code where.topic()}, partition {@code where.partition()}, offset {@code where.offset()}. */
    void written(Outgoing record, RecordMetadata where);
}

package io.millrace.speed.stats;

import io.millrace.schemas.Event;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time for the windowed topologies: the {@code event_time} of the {@link Event} a {@code valid-events}
 * record holds. The Kafka timestamp of those records is the time the producer sent the event, not when it
 * happened (ingest keeps the input's timestamp), so windows, grace and lateness all follow this instead; the
 * task's stream time becomes the largest event time it has read.
 *
 * <p>Only {@code Event}s reach {@code valid-events}; anything else there is a bug upstream, and this fails the
 * task rather than window a record by a time it does not have.
 */
public final class EventTimeExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof Event event) {
            return event.getEventTime().toEpochMilli();
        }
        throw new StreamsException("record at " + record.topic() + "-" + record.partition() + "@" + record.offset()
                + " is not an Event but " + (record.value() == null ? "null" : record.value().getClass().getName())
                + ": only validated events can be windowed by event time");
    }
}

package io.millrace.speed.ingest;

import io.millrace.schemas.DeadLetter;
import io.millrace.schemas.Event;
import io.millrace.speed.serde.SourceHeaders;
import io.millrace.speed.serde.SourceOffset;
import io.millrace.speed.serde.ValidEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The ingest processor: judges each raw record with {@link EventValidator}, counts each outcome, and forwards a
 * {@link DeadLetter}, keyed by the original key bytes, to {@link IngestTopology#WRITE_DEAD_LETTERS}, or the valid
 * event, keyed by entity, where the {@link Handover} says: to {@link IngestTopology#WRITE_VALID_EVENTS}; or, joined
 * with the rolling statistics, encoded once as a {@link ValidEvent} that remembers its source offset, to the
 * statistics processor of this task when this {@code events} partition holds its entity, else to
 * {@link IngestTopology#WRITE_REKEYED_EVENTS} with its source offset in the headers ({@link SourceHeaders}). Exactly
 * one record leaves for each record that enters. All keep the input record's timestamp and headers.
 *
 * <p>"Now" for the event-time bounds and {@code failed_at} is the stream thread's wall clock
 * ({@link org.apache.kafka.streams.processor.api.ProcessingContext#currentSystemTimeMs()}), which
 * {@code TopologyTestDriver} lets tests set.
 */
final class ValidateEvents implements Processor<byte[], byte[], Object, Object> {
    private final EventValidator validator;
    private final Handover handover;
    private final Serializer<Event> encoder;
    private final String validEventsTopic;
    private ProcessorContext<Object, Object> context;
    private IngestMetrics metrics;

    ValidateEvents(EventValidator validator, Handover handover, Serializer<Event> encoder, String validEventsTopic) {
        this.validator = validator;
        this.handover = handover;
        this.encoder = encoder;
        this.validEventsTopic = validEventsTopic;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.metrics = IngestMetrics.register(context.metrics());
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata source = context.recordMetadata()
                .orElseThrow(() -> new IllegalStateException("ingest must read straight from the events topic"));
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        IngestOutcome outcome = validator.validate(source.topic(), source.partition(), source.offset(),
                record.key(), record.value(), now);
        if (outcome instanceof IngestOutcome.Accepted accepted) {
            handOver(record, accepted, source);
            metrics.recordValid();
        } else if (outcome instanceof IngestOutcome.Rejected rejected) {
            DeadLetter letter = DeadLetters.of(rejected.rejection(), source.topic(), source.partition(), source.offset(),
                    record.key(), record.value(), now);
            context.forward(record.withValue(letter), IngestTopology.WRITE_DEAD_LETTERS);
            metrics.recordRejected(rejected.rejection().reason());
        }
    }

    private void handOver(Record<byte[], byte[]> record, IngestOutcome.Accepted accepted, RecordMetadata metadata) {
        if (!handover.toStatistics()) {
            context.forward(record.withKey(accepted.key()).withValue(accepted.event()), IngestTopology.WRITE_VALID_EVENTS);
            return;
        }
        SourceOffset source = new SourceOffset(metadata.topic(), metadata.partition(), metadata.offset());
        ValidEvent valid = ValidEvent.of(encoder.serialize(validEventsTopic, accepted.event()), accepted.event(), source);
        byte[] key = accepted.key().getBytes(StandardCharsets.UTF_8);
        if (handover.partitions().holds(key, metadata.partition())) {
            context.forward(withoutSourceHeaders(record).withKey(key).withValue(valid), handover.statsNode());
            return;
        }
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        SourceHeaders.write(headers, source);
        context.forward(record.withKey(key).withValue(valid).withHeaders(headers), IngestTopology.WRITE_REKEYED_EVENTS);
        metrics.recordRekeyed();
    }

    /**
     * The record without source headers a producer may have set: downstream, those headers name where an event came
     * from, and only ingest writes them (on {@code rekeyed-events}).
     */
    private static Record<byte[], byte[]> withoutSourceHeaders(Record<byte[], byte[]> record) {
        if (!SourceHeaders.present(record.headers())) {
            return record;
        }
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        SourceHeaders.remove(headers);
        return record.withHeaders(headers);
    }
}

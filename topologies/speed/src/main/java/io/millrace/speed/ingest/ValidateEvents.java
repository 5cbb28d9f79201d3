package io.millrace.speed.ingest;

import io.millrace.schemas.DeadLetter;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The ingest processor: judges each raw record with {@link EventValidator} and forwards a valid event,
 * keyed by entity, to {@link IngestTopology#WRITE_VALID_EVENTS}, or a {@link DeadLetter}, keyed by the
 * original key bytes, to {@link IngestTopology#WRITE_DEAD_LETTERS}; counts each outcome. Exactly one record
 * leaves for each record that enters. Both keep the input record's timestamp and headers.
 *
 * <p>"Now" for the event-time bounds and {@code failed_at} is the stream thread's wall clock
 * ({@link org.apache.kafka.streams.processor.api.ProcessingContext#currentSystemTimeMs()}), which
 * {@code TopologyTestDriver} lets tests set.
 */
final class ValidateEvents implements Processor<byte[], byte[], Object, Object> {
    private final EventValidator validator;
    private ProcessorContext<Object, Object> context;
    private IngestMetrics metrics;

    ValidateEvents(EventValidator validator) {
        this.validator = validator;
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
            context.forward(record.withKey(accepted.key()).withValue(accepted.event()), IngestTopology.WRITE_VALID_EVENTS);
            metrics.recordValid();
        } else if (outcome instanceof IngestOutcome.Rejected rejected) {
            DeadLetter letter = DeadLetters.of(rejected.rejection(), source.topic(), source.partition(), source.offset(),
                    record.key(), record.value(), now);
            context.forward(record.withValue(letter), IngestTopology.WRITE_DEAD_LETTERS);
            metrics.recordRejected(rejected.rejection().reason());
        }
    }
}

package io.millrace.speed.stats;

import io.millrace.schemas.DeadLetter;
import io.millrace.speed.DeadLetterRecords;
import io.millrace.speed.serde.SourceHeaders;
import io.millrace.speed.serde.SourceOffset;
import io.millrace.speed.serde.ValidEvent;
import java.time.Instant;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The first step after {@code valid-events} (or {@code rekeyed-events}): a record that does not read as an event (only
 * ingest should write there, so something else did) goes to {@code dead-letters} with its bytes, reason and offset,
 * counted as {@code unreadable-records}; every event goes on to {@link RollingStatsTopology#UPDATE_STATS}, with its
 * source: the {@code events} offset ingest wrote in its headers ({@link SourceHeaders}, taken off the record so
 * {@code valid-events} does not carry them), else the offset it was read at.
 */
final class DeadLetterUnreadable implements Processor<byte[], ValidEvent, byte[], Object> {
    private ProcessorContext<byte[], Object> context;
    private Sensor unreadable;

    @Override
    public void init(ProcessorContext<byte[], Object> context) {
        this.context = context;
        this.unreadable = RollingStatsMetrics.unreadable(context.metrics());
    }

    @Override
    public void process(Record<byte[], ValidEvent> record) {
        ValidEvent valid = record.value();
        RecordMetadata source = context.recordMetadata()
                .orElseThrow(() -> new IllegalStateException("must read straight from the valid-events topic"));
        if (valid.isReadable()) {
            SourceOffset from = SourceHeaders.read(record.headers())
                    .orElseGet(() -> new SourceOffset(source.topic(), source.partition(), source.offset()));
            SourceHeaders.remove(record.headers());
            context.forward(record.withValue(valid.from(from)), RollingStatsTopology.UPDATE_STATS);
            return;
        }
        DeadLetter letter = DeadLetterRecords.of(valid.reasonCode(), valid.reason(), valid.errorClass(), record.key(),
                valid.bytes(), source.topic(), source.partition(), source.offset(),
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
        context.forward(record.withValue(letter), RollingStatsTopology.WRITE_DEAD_LETTERS);
        unreadable.record();
    }
}

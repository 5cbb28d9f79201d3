package io.millrace.speed.stats;

import io.millrace.learning.InputChecks;
import io.millrace.schemas.Event;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The rolling-statistics processor: adds each valid event's features to the four window stores (global and
 * per entity, tumbling and hopping), then forwards the event unchanged to its children, so a processor
 * downstream (scoring) reads stores that already hold it.
 *
 * <p>Lateness is judged against the task's stream time ({@link ProcessorContext#currentStreamTimeMs()}): the
 * largest event time read so far from this task's partition, which Kafka Streams commits with the offsets and
 * restores after a restart, so the on-time/late split does not depend on when the instance restarted.
 */
final class UpdateRollingStats implements Processor<String, Event, String, Event> {
    private final List<RollingStore> stores;
    private ProcessorContext<String, Event> context;

    UpdateRollingStats(List<RollingStore> stores) {
        this.stores = stores;
    }

    @Override
    public void init(ProcessorContext<String, Event> context) {
        this.context = context;
        stores.forEach(store -> store.init(context));
    }

    @Override
    public void process(Record<String, Event> record) {
        Event event = record.value();
        checkValues(event);
        long eventTime = event.getEventTime().toEpochMilli();
        long streamTime = context.currentStreamTimeMs();
        for (RollingStore store : stores) {
            store.add(event, eventTime, streamTime);
        }
        context.forward(record);
    }

    /** Ingest lets no infinite number through; were one to come, it fails the task before any store changes. */
    private static void checkValues(Event event) {
        event.getFeatures().forEach((name, value) -> {
            if (value instanceof Number number && !Double.isNaN(number.doubleValue())) {
                InputChecks.checkFinite("feature '" + name + "' of event " + event.getId(), number.doubleValue());
            }
        });
    }

    @Override
    public void close() {
        stores.forEach(RollingStore::close);
    }
}

package io.millrace.speed.stats;

import io.millrace.learning.InputChecks;
import io.millrace.schemas.Event;
import io.millrace.speed.StoreNames;
import io.millrace.speed.serde.ValidEvent;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The rolling-statistics processor: adds each valid event's features to its entity's slice in the window store
 * (a part for the tumbling windows, one for the hopping windows), then forwards the record unchanged to its children, so a processor downstream
 * (scoring) reads stores that already hold it.
 *
 * <p>Lateness is judged against the task's event-time clock: the largest event time read so far from this task's
 * {@code valid-events} partition, this event's included. It is kept in {@link StoreNames#ROLLING_STATS_CLOCK},
 * written in the same transaction as the slices and the input offsets, so after a restart the on-time/late split
 * continues exactly where the last commit left it. (Kafka Streams' own stream time would follow the records'
 * Kafka timestamps, which are when events were sent, not when they happened; the records keep those timestamps
 * for the topologies downstream.)
 */
final class UpdateRollingStats implements Processor<byte[], ValidEvent, byte[], ValidEvent> {
    private final RollingStore store;
    private final TaskSlices taskSlices;
    private ProcessorContext<byte[], ValidEvent> context;
    private KeyValueStore<String, Long> clockStore;
    private long streamTime;

    UpdateRollingStats(RollingStore store, TaskSlices taskSlices) {
        this.store = store;
        this.taskSlices = taskSlices;
    }

    @Override
    public void init(ProcessorContext<byte[], ValidEvent> context) {
        this.context = context;
        store.init(context);
        this.clockStore = context.getStateStore(StoreNames.ROLLING_STATS_CLOCK);
        Long saved = StatsClock.read(clockStore);
        this.streamTime = saved == null ? Long.MIN_VALUE : saved;
        taskSlices.register(context.taskId(), store);
    }

    @Override
    public void process(Record<byte[], ValidEvent> record) {
        Event event = record.value().event();
        checkValues(event);
        long eventTime = event.getEventTime().toEpochMilli();
        if (eventTime > streamTime) {
            streamTime = eventTime;
            StatsClock.write(clockStore, streamTime);
        }
        store.add(event, eventTime, streamTime);
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
        taskSlices.unregister(context.taskId(), store);
        store.close();
    }
}

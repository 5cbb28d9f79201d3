package io.millrace.speed.model;

import io.millrace.speed.serde.SourceOffset;
import io.millrace.learning.InvalidInputException;
import io.millrace.learning.features.FeatureEncoder;
import io.millrace.schemas.DeadLetter;
import io.millrace.schemas.Label;
import io.millrace.schemas.registry.SchemaRegistry;
import io.millrace.schemas.serde.AvroWireDeserializer;
import io.millrace.schemas.serde.WireFormat;
import io.millrace.schemas.serde.WireFormatException;
import io.millrace.speed.StoreNames;
import io.millrace.speed.config.ModelDefinition;
import io.millrace.speed.config.ModelSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins delayed labels to the scored events they belong to, by event id, within the join window, in either
 * order of arrival: reads {@code scored-events} (as bytes, never decoded here) and {@code labels} (as bytes,
 * deserialized here so that an unreadable label is a dead letter with its bytes, never a crash). Both topics
 * are keyed by event id and have the same partition count, so an event and its label meet in one task.
 *
 * <p>Whichever comes first waits in {@link StoreNames#PENDING_LABELS} until the other arrives or its deadline
 * (its record time plus the window) passes; the deadlines' index ({@link StoreNames#PENDING_LABEL_DEADLINES}) has no
 * changelog and is rebuilt from the entries when the processor starts. A joined pair becomes one example per model on
 * {@code training-examples} ({@link InternalCodec#example}: the label and the scored event's bytes, which carry the
 * answer served at scoring time), keyed by model name. Expiry runs on
 * stream time every {@link #purgeInterval}: a scored event that got no label is counted
 * ({@link ModelCounter#SCORED_EVENT_EXPIRED}); a label that got no event is dead-lettered as
 * {@code ORPHAN_LABEL}. A label after its event's deadline is dead-lettered as {@code LABEL_TOO_LATE}. Labels
 * that do not read, are tombstones, name another event than their key, or fit no model's target are
 * dead-lettered with their reason.
 */
final class JoinLabels implements Processor<Object, Object, Object, Object> {
    private static final Logger LOG = LoggerFactory.getLogger(JoinLabels.class);

    private final ModelSettings settings;
    private final String labelsTopic;
    private final AvroWireDeserializer<Label> reader;
    private final Map<String, FeatureEncoder> labelCheckers = new LinkedHashMap<>();
    private final long window;
    private ProcessorContext<Object, Object> context;
    private PendingLabels pending;
    private ModelMetrics metrics;

    JoinLabels(ModelSettings settings, String labelsTopic, SchemaRegistry registry) {
        this.settings = settings;
        this.labelsTopic = labelsTopic;
        this.reader = AvroWireDeserializer.specific(registry, Label.class, false);
        this.window = settings.labelJoinWindow().toMillis();
        for (ModelDefinition model : settings.models()) {
            labelCheckers.put(model.name(), new FeatureEncoder(model.features()));
        }
    }

    /** How often expired entries are purged, in stream time: a tenth of the window, between 1 s and 1 min. */
    static Duration purgeInterval(Duration window) {
        long tenth = window.toMillis() / 10;
        return Duration.ofMillis(Math.max(1_000, Math.min(60_000, tenth)));
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.pending = new PendingLabels(context.getStateStore(StoreNames.PENDING_LABELS),
                context.getStateStore(StoreNames.PENDING_LABEL_DEADLINES));
        long started = System.nanoTime();
        long indexed = pending.rebuildIndex();
        if (indexed > 0) {
            LOG.info("label join of task {}: expiry index rebuilt from {} pending entries in {} ms", context.taskId(),
                    indexed, (System.nanoTime() - started) / 1_000_000);
        }
        this.metrics = ModelMetrics.register(context.metrics());
        context.schedule(purgeInterval(settings.labelJoinWindow()), PunctuationType.STREAM_TIME, this::expire);
    }

    @Override
    public void process(Record<Object, Object> record) {
        RecordMetadata metadata = context.recordMetadata()
                .orElseThrow(() -> new IllegalStateException("the label join must read straight from its topics"));
        SourceOffset source = new SourceOffset(metadata.topic(), metadata.partition(), metadata.offset());
        if (metadata.topic().equals(labelsTopic)) {
            onLabel((byte[]) record.key(), (byte[]) record.value(), source, record.timestamp());
        } else {
            onScored((String) record.key(), (byte[]) record.value(), record.timestamp());
        }
    }

    /** A scored event's record, keyed by its event id: kept as bytes, as it goes into the example. */
    private void onScored(String eventId, byte[] scored, long time) {
        if (eventId == null) {
            throw new IllegalStateException("a scored event without its event id as key: only scoring writes scored-events");
        }
        InternalCodec.checkScoredEvent(scored);
        PendingEntry waiting = pending.get(eventId);
        if (waiting instanceof PendingEntry.AwaitingEvent label) {
            if (time <= label.deadline()) {
                pending.remove(eventId);
                join(eventId, scored, label.label(), label.source(), label.schemaId(), time);
                return;
            }
            orphan(label);
        }
        pending.put(eventId, new PendingEntry.AwaitingLabel(scored, time, time + window));
    }

    private void onLabel(byte[] key, byte[] value, SourceOffset source, long time) {
        Label label = read(key, value, source);
        if (label == null) {
            return;
        }
        Object labelValue = ScoreEvents.labelOf(label.getLabel());
        if (!fitsAnyModel(labelValue, key, value, source)) {
            return;
        }
        int schemaId = WireFormat.schemaId(value, source.topic(), false);
        String eventId = label.getEventId();
        PendingEntry waiting = pending.get(eventId);
        if (waiting instanceof PendingEntry.AwaitingLabel scored) {
            pending.remove(eventId);
            if (time <= scored.deadline()) {
                join(eventId, scored.scoredEvent(), labelValue, source, schemaId, time);
            } else {
                metrics.count(ModelCounter.SCORED_EVENT_EXPIRED);
                metrics.count(ModelCounter.LABEL_TOO_LATE);
                deadLetter(ModelDeadLetters.LABEL_TOO_LATE, "the label came " + (time - scored.arrivedAt())
                        + " ms after its event, past the join window of " + window + " ms", key, value, source);
            }
            return;
        }
        if (waiting instanceof PendingEntry.AwaitingEvent earlier) {
            deadLetter(ModelDeadLetters.DUPLICATE_LABEL, "a later label for event '" + eventId + "' replaced this one",
                    earlier.key(), earlier.value(), earlier.source());
            metrics.count(ModelCounter.LABEL_UNREADABLE);
        }
        pending.put(eventId, new PendingEntry.AwaitingEvent(key, value, source, labelValue, schemaId, time, time + window));
    }

    /** One example per model the label fits, built from the scored event's bytes as they came. */
    private void join(String eventId, byte[] scored, Object label, SourceOffset labelSource, int labelSchemaId, long time) {
        metrics.count(ModelCounter.LABEL_JOINED);
        for (String model : labelCheckers.keySet()) {
            if (!fits(model, label)) {
                continue;
            }
            byte[] example = InternalCodec.example(model, scored, label, labelSource, labelSchemaId);
            context.forward(new Record<>(model, example, time), ModelTopology.WRITE_EXAMPLES_FROM_LABELS);
        }
    }

    private void expire(long streamTime) {
        for (KeyValue<String, PendingEntry> expired : pending.expireBefore(streamTime)) {
            if (expired.value instanceof PendingEntry.AwaitingEvent label) {
                orphan(label);
            } else {
                metrics.count(ModelCounter.SCORED_EVENT_EXPIRED);
            }
        }
    }

    private void orphan(PendingEntry.AwaitingEvent label) {
        metrics.count(ModelCounter.LABEL_ORPHANED);
        deadLetter(ModelDeadLetters.ORPHAN_LABEL, "no scored event with this id arrived within the join window of "
                + window + " ms (or it was labelled already)", label.key(), label.value(), label.source());
    }

    /** The label, or null after dead-lettering it. */
    private Label read(byte[] key, byte[] value, SourceOffset source) {
        if (value == null) {
            deadLetter(ModelDeadLetters.TOMBSTONE, "the label record has a null value", key, null, source);
            metrics.count(ModelCounter.LABEL_UNREADABLE);
            return null;
        }
        Label label;
        try {
            label = reader.deserialize(source.topic(), value);
        } catch (WireFormatException e) {
            if (e.isRetryable() || e.reason() == WireFormatException.Reason.REGISTRY_ERROR) {
                throw e.atSource(source.partition(), source.offset());
            }
            context.forward(new Record<>(key, ModelDeadLetters.of(e.reason().name(), e.getMessage(), e.getClass().getName(),
                    key, value, source, now()), context.currentStreamTimeMs()), ModelTopology.WRITE_LABEL_DEAD_LETTERS);
            metrics.count(ModelCounter.LABEL_UNREADABLE);
            return null;
        }
        String keyText = ScoreEvents.utf8(key);
        if (keyText != null && !keyText.equals(label.getEventId())) {
            deadLetter(ModelDeadLetters.KEY_MISMATCH, "the record key '" + keyText + "' is not the label's event id '"
                    + label.getEventId() + "'", key, value, source);
            metrics.count(ModelCounter.LABEL_UNREADABLE);
            return null;
        }
        return label;
    }

    private boolean fitsAnyModel(Object label, byte[] key, byte[] value, SourceOffset source) {
        List<String> refusals = new ArrayList<>();
        for (String model : labelCheckers.keySet()) {
            try {
                labelCheckers.get(model).encodeLabel(label);
            } catch (InvalidInputException e) {
                refusals.add(model + ": " + e.getMessage());
            }
        }
        if (!refusals.isEmpty() && refusals.size() == labelCheckers.size()) {
            deadLetter(ModelDeadLetters.INVALID_LABEL, "the label fits no model: " + String.join("; ", refusals),
                    key, value, source);
            metrics.count(ModelCounter.LABEL_UNREADABLE);
            return false;
        }
        return true;
    }

    private boolean fits(String model, Object label) {
        try {
            labelCheckers.get(model).encodeLabel(label);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    private void deadLetter(String code, String reason, byte[] key, byte[] value, SourceOffset source) {
        DeadLetter letter = ModelDeadLetters.of(code, reason, null, key, value, source, now());
        context.forward(new Record<>(key, letter, context.currentStreamTimeMs()), ModelTopology.WRITE_LABEL_DEAD_LETTERS);
    }

    private Instant now() {
        return Instant.ofEpochMilli(context.currentSystemTimeMs());
    }
}

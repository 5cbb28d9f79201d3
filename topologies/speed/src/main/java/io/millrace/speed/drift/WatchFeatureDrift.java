package io.millrace.speed.drift;

import io.millrace.learning.distribution.DriftResult;
import io.millrace.schemas.DriftAlert;
import io.millrace.schemas.Event;
import io.millrace.schemas.OffsetRange;
import io.millrace.schemas.SubjectKind;
import io.millrace.speed.StoreNames;
import io.millrace.speed.TopicNames;
import io.millrace.speed.config.FeatureDriftConfig;
import io.millrace.speed.config.RollingStatsConfig;
import io.millrace.speed.config.WindowSpec;
import io.millrace.speed.serde.SourceOffset;
import io.millrace.speed.serde.ValidEvent;
import io.millrace.speed.stats.EntitySlice;
import io.millrace.speed.stats.StatsClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feature drift watch of one task (one {@code valid-events} partition), a child of the rolling-statistics
 * processor: every closed hopping window of the task's rolling statistics is compared, feature by feature and over
 * all the task's entities, with a reference distribution, and a {@link DriftAlert} goes to {@code drift-alerts}
 * (keyed by feature) when a feature turns drifted.
 *
 * <ol>
 *   <li><b>Reference.</b> By default the first hopping window's length of event time from the hopping boundary at or
 *       before the first event the task reads; or a configured length, or a fixed range
 *       ({@link FeatureDriftConfig.ReferenceWindow}). Once the task's event-time clock passes its end plus the grace,
 *       each feature's values in it, over all the task's entities, become its {@link FeatureReference}: a numeric
 *       one when most values are numbers, else a categorical one. They are saved in
 *       {@link StoreNames#FEATURE_DRIFT_REFERENCES}, since the window store's retention drops their slices.
 *       {@link #install} replaces them (the seam for the batch layer's recomputed reference).</li>
 *   <li><b>Checks.</b> Each hopping window starting at or after the reference's end is judged once, when the clock
 *       passes its end plus the grace (so what it holds is what a windowed aggregation would hold when it closed):
 *       PSI and Kolmogorov-Smirnov on numeric features, PSI on categorical ones ({@link DriftTests}), when both sides
 *       hold at least {@code minCount} values.</li>
 *   <li><b>Alerts.</b> Per feature and detector a {@link DriftFlag}; an alert only when a judged window turns it from
 *       not drifted to drifted, with the window and reference ranges, the statistic and threshold, and as offsets the
 *       {@code valid-events} record whose arrival closed the window.</li>
 * </ol>
 *
 * <p>Every write is a store write or a forward made while processing a record, so under {@code exactly_once_v2}
 * references, flags, progress and alerts commit in one transaction with the input offsets: a restarted task
 * neither repeats nor misses an alert.
 *
 * <p>Cost: the values come from {@link WindowSamples}, per-slice sketches in memory that hold exactly what the hopping
 * store's slices hold from the first slice still needed: read from the store once when the task starts (at its first
 * record), then fed by each event (a KLL update or a count per feature; nothing serialised, no store access). A
 * closed window costs the merge of its slices per feature and the tests; the stores are written once per closed
 * window (progress and the flags of the features judged).
 */
public final class WatchFeatureDrift implements Processor<byte[], ValidEvent, String, DriftAlert> {
    private static final Logger LOG = LoggerFactory.getLogger(WatchFeatureDrift.class);

    private final String validEventsTopic;
    private final FeatureDriftConfig settings;
    private final int maxCategories;
    private final long size;
    private final long advance;
    private final long grace;
    private final long retention;
    private final long referenceLength;
    private final DriftTests tests;
    private final WindowSamples samples;
    private ProcessorContext<String, DriftAlert> context;
    private WindowStore<String, EntitySlice> hopping;
    private KeyValueStore<String, byte[]> referenceStore;
    private KeyValueStore<String, byte[]> stateStore;
    private FeatureDriftMetrics metrics;
    private long streamTime;
    private DriftProgress progress;
    private TreeMap<String, FeatureReference> references;
    /** Where the event being processed entered the speed layer: the offset an alert it closes names. */
    private SourceOffset current;
    /** Whether {@link #samples} holds what the hopping store holds from the slice the watch still needs. */
    private boolean synced;

    /** A watch whose alerts name the task's partition of {@code millrace.valid-events}. */
    public WatchFeatureDrift(RollingStatsConfig rolling) {
        this(rolling, TopicNames.defaults().validEvents());
    }

    /** A watch whose alerts name the task's partition of {@code validEventsTopic}, the events it judges. */
    public WatchFeatureDrift(RollingStatsConfig rolling, String validEventsTopic) {
        this.validEventsTopic = validEventsTopic;
        this.settings = rolling.featureDrift();
        this.maxCategories = rolling.maxCategories();
        WindowSpec hopping = rolling.hopping();
        this.size = hopping.size().toMillis();
        this.advance = hopping.advance().toMillis();
        this.grace = hopping.grace().toMillis();
        this.retention = hopping.retention().toMillis();
        this.referenceLength = settings.reference().lengthWith(hopping).toMillis();
        this.tests = new DriftTests(settings);
        this.samples = new WindowSamples(gcd(size, advance), rolling.maxCategories(), settings.ignoredFeatures());
    }

    @Override
    public void init(ProcessorContext<String, DriftAlert> context) {
        this.context = context;
        this.hopping = context.getStateStore(StoreNames.ENTITY_STATS);
        samples.clear();
        this.synced = false;
        this.referenceStore = context.getStateStore(StoreNames.FEATURE_DRIFT_REFERENCES);
        this.stateStore = context.getStateStore(StoreNames.FEATURE_DRIFT_STATE);
        KeyValueStore<String, Long> clock = context.getStateStore(StoreNames.ROLLING_STATS_CLOCK);
        Long saved = StatsClock.read(clock);
        this.streamTime = saved == null ? Long.MIN_VALUE : saved;
        this.progress = DriftProgress.fromBytes(stateStore.get(DriftProgress.KEY));
        this.references = null;
        this.metrics = FeatureDriftMetrics.register(context.metrics());
    }

    @Override
    public void process(Record<byte[], ValidEvent> record) {
        current = sourceOf(record.value());
        Event event = record.value().event();
        long eventTime = event.getEventTime().toEpochMilli();
        if (progress == null) {
            progress = plan(eventTime);
            saveProgress();
        }
        if (synced) {
            samples.add(event, eventTime);
        } else {
            // the store already holds this event: the rolling statistics stored it before forwarding it
            samples.rebuild(hopping, neededFrom(), Math.max(streamTime, eventTime));
            synced = true;
        }
        if (eventTime > streamTime) {
            streamTime = eventTime;
        }
        if (streamTime >= dueAt()) {
            catchUp();
        }
    }

    /**
     * Replaces the reference with {@code installed}, one {@link FeatureReference} per feature, and forgets every
     * drift flag (they were judged against the old reference): the seam through which the batch layer's
     * recomputation will become the reference. The windows judged from then on are those that close later and start
     * at or after the end of the new reference. Call it while this task processes (a record or a punctuation), so its
     * writes commit with that transaction.
     */
    public void install(Collection<FeatureReference> installed) {
        if (installed.isEmpty()) {
            throw new IllegalArgumentException("a reference needs at least one feature");
        }
        long from = installed.stream().mapToLong(FeatureReference::fromMillis).min().orElseThrow();
        long to = installed.stream().mapToLong(FeatureReference::toMillis).max().orElseThrow();
        deleteAll(referenceStore, key -> true);
        deleteAll(stateStore, DriftFlag::isFlagKey);
        references = new TreeMap<>();
        for (FeatureReference reference : installed) {
            if (references.put(reference.feature(), reference) != null) {
                throw new IllegalArgumentException("two references of feature '" + reference.feature() + "'");
            }
            referenceStore.put(reference.feature(), reference.toBytes());
        }
        long next = firstWindowAtOrAfter(to);
        if (streamTime != Long.MIN_VALUE) {
            next = Math.max(next, Math.floorDiv(streamTime - size - grace, advance) * advance + advance);
        }
        progress = DriftProgress.ready(from, to, next);
        saveProgress();
        synced = false;
        LOG.info("feature drift reference of task {} installed: {}", context.taskId(), references.values());
    }

    /** The references in use, by feature (empty until the reference is built or installed). */
    public Map<String, FeatureReference> references() {
        return Collections.unmodifiableMap(loadedReferences());
    }

    private DriftProgress plan(long firstEventTime) {
        FeatureDriftConfig.ReferenceWindow reference = settings.reference();
        if (reference.isFixed()) {
            return DriftProgress.awaiting(reference.from().toEpochMilli(), reference.to().toEpochMilli());
        }
        long from = Math.floorDiv(firstEventTime, advance) * advance;
        return DriftProgress.awaiting(from, from + referenceLength);
    }

    /** The first slice a reference or window still to come needs. */
    private long neededFrom() {
        return progress.referenceReady() ? progress.nextWindowStart() : progress.referenceFrom();
    }

    /** The stream time at which there is work: the reference's or the next window's end plus the grace. */
    private long dueAt() {
        return (progress.referenceReady() ? progress.nextWindowStart() + size : progress.referenceTo()) + grace;
    }

    private void catchUp() {
        if (!progress.referenceReady()) {
            buildReference();
        }
        long next = progress.nextWindowStart();
        long gone = streamTime - retention;
        if (next <= gone) {
            // the clock jumped past the retention: those windows' first slices have left the store
            LOG.debug("feature drift of task {}: windows from {} to {} left the store unjudged", context.taskId(),
                    Instant.ofEpochMilli(next), Instant.ofEpochMilli(gone));
            next = Math.floorDiv(gone, advance) * advance + advance;
        }
        if (!loadedReferences().isEmpty()) {
            for (; next + size + grace <= streamTime; next += advance) {
                judge(next);
            }
        } else {
            next = Math.max(next, Math.floorDiv(streamTime - size - grace, advance) * advance + advance);
        }
        samples.dropBefore(next);
        progress = progress.withNextWindowStart(next);
        saveProgress();
    }

    private void buildReference() {
        long from = progress.referenceFrom();
        long to = progress.referenceTo();
        references = new TreeMap<>();
        samples.merged(from, to).forEach((feature, sample) -> {
            if (sample.numericCount() + sample.categoricalCount() > 0) {
                references.put(feature, FeatureReference.of(feature, FeatureReference.STREAM, from, to, sample, maxCategories));
            }
        });
        references.values().forEach(reference -> referenceStore.put(reference.feature(), reference.toBytes()));
        progress = DriftProgress.ready(from, to, firstWindowAtOrAfter(to));
        LOG.info("feature drift reference of task {} built from [{}, {}): {}", context.taskId(), Instant.ofEpochMilli(from),
                Instant.ofEpochMilli(to), references.isEmpty() ? "no values" : references.values());
    }

    /** Judges the hopping window starting at {@code start} for every feature with a reference. */
    private void judge(long start) {
        Map<String, FeatureSample> window = samples.merged(start, start + size);
        for (FeatureReference reference : loadedReferences().values()) {
            FeatureSample current = window.get(reference.feature());
            boolean judged = tests.judges(reference, current);
            for (String detector : tests.detectorsFor(reference)) {
                if (!judged) {
                    metrics.count(detector, FeatureDriftMetrics.UNJUDGED);
                    continue;
                }
                String key = DriftFlag.key(detector, reference.feature());
                DriftFlag flag = DriftFlag.fromBytes(stateStore.get(key));
                if (flag.windowStart() >= start) {
                    continue;
                }
                DriftResult result = tests.run(detector, reference, current);
                metrics.count(detector, FeatureDriftMetrics.CHECKS);
                if (result.drifted() && !flag.drifted()) {
                    alert(detector, reference, current, start, result);
                }
                stateStore.put(key, new DriftFlag(result.drifted(), start, result.statistic()).toBytes());
            }
        }
    }

    private void alert(String detector, FeatureReference reference, FeatureSample current, long start, DriftResult result) {
        List<OffsetRange> offsets = new ArrayList<>(1);
        if (this.current != null) {
            SourceOffset source = this.current;
            offsets.add(new OffsetRange(source.topic(), source.partition(), source.offset(), source.offset() + 1));
        }
        String feature = reference.feature();
        int partition = context.taskId().partition();
        DriftAlert alert = DriftAlert.newBuilder()
                .setAlertId(feature + "/" + detector + "/" + partition + "/" + Instant.ofEpochMilli(start))
                .setSubject(feature)
                .setSubjectKind(SubjectKind.FEATURE)
                .setDetector(detector)
                .setStatistic(result.statistic())
                .setThreshold(result.threshold())
                .setWindow(describe(partition, reference, current, start))
                .setOffsets(offsets)
                .setDetectedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
                .build();
        context.forward(new Record<>(feature, alert, context.currentSystemTimeMs()), FeatureDriftTopology.WRITE_ALERTS);
        metrics.count(detector, FeatureDriftMetrics.ALERTS);
        LOG.info("feature drift: {} {} = {} > {} in [{}, {}) of partition {}", feature, detector, result.statistic(),
                result.threshold(), Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + size), partition);
    }

    /** The event's source offset, or where this processor's task read it when it carries none. */
    private SourceOffset sourceOf(ValidEvent valid) {
        if (valid.source() != null) {
            return valid.source();
        }
        return context.recordMetadata()
                .map(metadata -> new SourceOffset(metadata.topic(), metadata.partition(), metadata.offset()))
                .orElse(null);
    }

    /**
     * The alert's window text, for example {@code hopping window [2026-03-01T13:00:00Z, 2026-03-01T14:00:00Z) of
     * millrace.valid-events partition 0 (1180 values) against the stream reference [2026-03-01T12:00:00Z,
     * 2026-03-01T13:00:00Z) (1200 values)}.
     */
    private String describe(int partition, FeatureReference reference, FeatureSample current, long start) {
        return "hopping window [" + Instant.ofEpochMilli(start) + ", " + Instant.ofEpochMilli(start + size) + ") of "
                + validEventsTopic + " partition " + partition + " ("
                + DriftTests.comparableCount(reference, current) + " values) against the " + reference.source()
                + " reference [" + reference.from() + ", " + reference.to() + ") (" + reference.count() + " values)";
    }

    private TreeMap<String, FeatureReference> loadedReferences() {
        if (references == null) {
            references = new TreeMap<>();
            try (KeyValueIterator<String, byte[]> all = referenceStore.all()) {
                all.forEachRemaining(entry -> references.put(entry.key, FeatureReference.fromBytes(entry.value)));
            }
        }
        return references;
    }

    private void saveProgress() {
        stateStore.put(DriftProgress.KEY, progress.toBytes());
    }

    private long firstWindowAtOrAfter(long time) {
        return -Math.floorDiv(-time, advance) * advance;
    }

    private static void deleteAll(KeyValueStore<String, byte[]> store, Predicate<String> which) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            all.forEachRemaining(entry -> {
                if (which.test(entry.key)) {
                    keys.add(entry.key);
                }
            });
        }
        keys.forEach(store::delete);
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    @Override
    public void close() {
        samples.clear();
        references = null;
    }
}

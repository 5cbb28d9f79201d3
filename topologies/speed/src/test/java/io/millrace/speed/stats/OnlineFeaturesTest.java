package io.millrace.speed.stats;

import static io.millrace.speed.stats.RollingStatsDriver.T0;
import static io.millrace.speed.stats.RollingStatsDriver.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.learning.Attribute;
import io.millrace.learning.features.CategoricalFeature;
import io.millrace.learning.features.FeatureEncoder;
import io.millrace.learning.features.FeatureSpec;
import io.millrace.learning.features.MissingPolicy;
import io.millrace.learning.features.NumericFeature;
import io.millrace.learning.features.RollingFeature;
import io.millrace.learning.features.RollingFeature.Aggregate;
import io.millrace.learning.features.Scaling;
import io.millrace.schemas.Event;
import io.millrace.speed.StoreNames;
import io.millrace.speed.serde.ValidEvent;
import io.millrace.speed.config.RollingStatsConfig;
import io.millrace.speed.config.WindowSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Online features read inside a processor downstream of the rolling statistics, as scoring will: each
 * event's values equal those the documented definition gives when computed from the events themselves.
 */
class OnlineFeaturesTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final RollingStatsConfig DEFAULTS = RollingStatsConfig.defaults();

    static final FeatureSpec PAYMENTS = new FeatureSpec("payments", List.of(
            NumericFeature.standardised("amount"),
            CategoricalFeature.oneHot("country", "NZ", "AU"),
            rolling("amount_count_1h", "amount", Aggregate.COUNT, HOUR),
            rolling("amount_sum_1h", "amount", Aggregate.SUM, HOUR),
            rolling("amount_mean_1h", "amount", Aggregate.MEAN, HOUR),
            rolling("amount_min_1h", "amount", Aggregate.MIN, HOUR),
            rolling("amount_max_1h", "amount", Aggregate.MAX, HOUR),
            rolling("amount_stddev_1h", "amount", Aggregate.STDDEV, HOUR),
            rolling("amount_count_1m", "amount", Aggregate.COUNT, MINUTE),
            rolling("country_count_1h", "country", Aggregate.COUNT, HOUR)),
            Attribute.nominal("fraud", "no", "yes"));

    @TempDir
    Path stateDir;

    /** What the probe processor saw for one event. */
    record Seen(Event event, Map<String, Double> rolling, double[] row) {
    }

    /** Stands where scoring will: after the update processor, connected to the per-entity stores. */
    static final class Probe implements Processor<byte[], ValidEvent, Void, Void> {
        private final List<Seen> seen;
        private OnlineFeatures features;
        private FeatureEncoder encoder;

        Probe(List<Seen> seen) {
            this.seen = seen;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            features = OnlineFeatures.inProcessor(PAYMENTS, DEFAULTS, context);
            encoder = new FeatureEncoder(PAYMENTS);
        }

        @Override
        public void process(Record<byte[], ValidEvent> record) {
            Event event = record.value().event();
            Map<String, Double> rolling = features.valuesAt(event.getEntity(), event.getEventTime());
            seen.add(new Seen(event, rolling, encoder.encode(event.getFeatures(), rolling)));
        }
    }

    @Test
    void eachEventSeesItsEntitysWindowUpToAndIncludingItselfInArrivalOrder() {
        List<Event> events = shuffledEvents(500, 5);
        List<Seen> seen = new ArrayList<>();
        try (RollingStatsDriver rolling = new RollingStatsDriver(stateDir, DEFAULTS, withProbe(seen))) {
            rolling.sendAll(events);
        }
        assertThat(seen).hasSize(events.size());
        int countColumn = PAYMENTS.features().stream().map(f -> f.name()).toList().indexOf("amount_count_1h");
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            assertThat(seen.get(i).event()).isEqualTo(event);
            Map<String, Double> expected = expectedAt(events.subList(0, i + 1), event.getEntity(), event.getEventTime());
            assertValues(seen.get(i).rolling(), expected, event.getId());
            assertThat(seen.get(i).row()[countColumn]).isEqualTo(expected.get("amount_count_1h"));
        }
    }

    @Test
    void valuesAtAGivenTimeReadTheEarliestEndingWindowThatHoldsIt() {
        List<Event> events = shuffledEvents(300, 9);
        try (RollingStatsDriver rolling = new RollingStatsDriver(stateDir)) {
            rolling.sendAll(events);
            OnlineFeatures features = OnlineFeatures.of(PAYMENTS, List.of(
                    new OnlineFeatures.Source(DEFAULTS.hopping(), rolling.store(StoreNames.ENTITY_STATS)),
                    new OnlineFeatures.Source(DEFAULTS.tumbling(), rolling.store(StoreNames.ENTITY_STATS))));
            for (Instant at : List.of(T0.plusSeconds(1), T0.plus(Duration.ofMinutes(37)).plusSeconds(29), T0.plus(HOUR))) {
                for (String entity : List.of("acct-0", "acct-1", "acct-2")) {
                    assertValues(features.valuesAt(entity, at), expectedAt(events, entity, at), entity + " at " + at);
                }
            }
            Map<String, Double> nobody = features.valuesAt("nobody", T0);
            assertThat(nobody.get("amount_count_1h")).isZero();
            assertThat(nobody.get("amount_sum_1h")).isZero();
            assertThat(nobody.get("amount_mean_1h")).isNaN();
            assertThat(nobody.get("amount_stddev_1h")).isNaN();
        }
    }

    @Test
    void theWindowReadAtAnEventTimeIsDocumentedByExample() {
        assertThat(OnlineFeatures.windowAt(DEFAULTS.hopping(), Instant.parse("2026-03-01T12:07:30Z")))
                .containsExactly(Instant.parse("2026-03-01T11:10:00Z"), Instant.parse("2026-03-01T12:10:00Z"));
        assertThat(OnlineFeatures.windowAt(DEFAULTS.hopping(), Instant.parse("2026-03-01T12:10:00Z")))
                .containsExactly(Instant.parse("2026-03-01T11:15:00Z"), Instant.parse("2026-03-01T12:15:00Z"));
        assertThat(OnlineFeatures.windowAt(DEFAULTS.tumbling(), Instant.parse("2026-03-01T12:07:30Z")))
                .containsExactly(Instant.parse("2026-03-01T12:07:00Z"), Instant.parse("2026-03-01T12:08:00Z"));
    }

    @Test
    void aRollingFeatureWhoseWindowNoStoreKeepsIsRefusedAtConstruction() {
        RollingFeature halfHour = rolling("amount_count_30m", "amount", Aggregate.COUNT, Duration.ofMinutes(30));
        try (RollingStatsDriver rolling = new RollingStatsDriver(stateDir)) {
            List<OnlineFeatures.Source> sources = List.of(
                    new OnlineFeatures.Source(DEFAULTS.hopping(), rolling.store(StoreNames.ENTITY_STATS)));
            assertThatThrownBy(() -> new OnlineFeatures(List.of(halfHour), sources))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("amount_count_30m")
                    .hasMessageContaining("PT30M");
        }
    }

    @Test
    void whenBothFamiliesHaveTheWindowSizeTheFinerHoppingOneIsRead() {
        WindowSpec hourlyTumbling = WindowSpec.tumbling(HOUR, MINUTE, Duration.ofDays(1));
        RollingFeature count = rolling("amount_count_1h", "amount", Aggregate.COUNT, HOUR);
        List<Event> events = List.of(
                event("a", "acct-1", T0.minus(Duration.ofMinutes(10)), Map.of("amount", 1.0)),
                event("b", "acct-1", T0.plus(Duration.ofMinutes(2)), Map.of("amount", 2.0)));
        try (RollingStatsDriver rolling = new RollingStatsDriver(stateDir, DEFAULTS.withTumbling(hourlyTumbling), t -> t)) {
            rolling.sendAll(events);
            OnlineFeatures features = new OnlineFeatures(List.of(count), List.of(
                    new OnlineFeatures.Source(hourlyTumbling, rolling.store(StoreNames.ENTITY_STATS)),
                    new OnlineFeatures.Source(DEFAULTS.hopping(), rolling.store(StoreNames.ENTITY_STATS))));
            // hopping [11:05, 12:05) holds both; the tumbling hour [12:00, 13:00) only b
            assertThat(features.valuesAt("acct-1", T0.plus(Duration.ofMinutes(2)))).containsEntry("amount_count_1h", 2.0);
        }
    }

    // ---- the definition, computed from the events ----

    /**
     * The documented semantics, brute force: over {@code arrived} (the events read so far, in order), the
     * entity's values of the base feature whose event time lies in the earliest-ending window holding {@code at}.
     */
    static Map<String, Double> expectedAt(List<Event> arrived, String entity, Instant at) {
        Map<String, Double> values = new HashMap<>();
        for (RollingFeature feature : PAYMENTS.rollingFeatures()) {
            WindowSpec windows = feature.window().equals(HOUR) ? DEFAULTS.hopping() : DEFAULTS.tumbling();
            long[] window = earliestEndingWindow(windows, at.toEpochMilli());
            List<Object> inWindow = new ArrayList<>();
            for (Event e : arrived) {
                long t = e.getEventTime().toEpochMilli();
                Object value = e.getFeatures().get(feature.base());
                if (e.getEntity().equals(entity) && t >= window[0] && t < window[1] && value != null) {
                    inWindow.add(value);
                }
            }
            values.put(feature.name(), aggregate(feature.aggregate(), inWindow));
        }
        return values;
    }

    private static long[] earliestEndingWindow(WindowSpec windows, long t) {
        long size = windows.size().toMillis();
        long advance = windows.advance().toMillis();
        long start = Math.floorDiv(t, advance) * advance;
        while (start - advance + size > t) {
            start -= advance;
        }
        return new long[] {start, start + size};
    }

    private static double aggregate(Aggregate aggregate, List<Object> values) {
        if (aggregate == Aggregate.COUNT) {
            return values.size();
        }
        List<Double> numbers = values.stream().map(v -> (Double) v).toList();
        Exact exact = Exact.of(numbers);
        return switch (aggregate) {
            case SUM -> numbers.stream().mapToDouble(Double::doubleValue).sum();
            case MEAN -> exact.mean();
            case MIN -> exact.min();
            case MAX -> exact.max();
            case STDDEV -> Math.sqrt(exact.variance());
            default -> throw new IllegalStateException();
        };
    }

    private static void assertValues(Map<String, Double> actual, Map<String, Double> expected, String what) {
        assertThat(actual.keySet()).as(what).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((name, value) -> Exact.assertClose(actual.get(name), value, what + " " + name));
    }

    /**
     * Events of three entities over 90 minutes, mostly in time order with some swapped (so events of later
     * event time arrive first), some without an amount, some with a country, and a few very late ones.
     */
    static List<Event> shuffledEvents(int count, long seed) {
        Random random = new Random(seed);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant time = T0.plusMillis(i * Duration.ofMinutes(90).toMillis() / count);
            if (i % 97 == 50) {
                time = time.minus(Duration.ofMinutes(20)); // far beyond grace: late, but within retention
            }
            Map<String, Object> features = new HashMap<>();
            features.put("amount", random.nextInt(10) == 0 ? null : Math.round(random.nextDouble() * 50_000) / 100.0);
            if (random.nextBoolean()) {
                features.put("country", random.nextBoolean() ? "NZ" : "AU");
            }
            events.add(event("e-" + i, "acct-" + random.nextInt(3), time, features));
        }
        for (int i = 1; i < count; i += 7) {
            Event earlier = events.get(i - 1);
            events.set(i - 1, events.get(i));
            events.set(i, earlier);
        }
        return events;
    }

    private static RollingFeature rolling(String name, String base, Aggregate aggregate, Duration window) {
        return new RollingFeature(name, base, aggregate, window, Scaling.NONE, MissingPolicy.asMissing());
    }

    private static java.util.function.UnaryOperator<Topology> withProbe(List<Seen> seen) {
        return topology -> topology
                .addProcessor("probe", () -> new Probe(seen), RollingStatsTopology.UPDATE_STATS)
                .connectProcessorAndStateStores("probe", StoreNames.ENTITY_STATS);
    }
}

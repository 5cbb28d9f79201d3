package io.millrace.speed.stats;

import static io.millrace.speed.stats.RollingStatsDriver.T0;
import static io.millrace.speed.stats.RollingStatsDriver.amount;
import static io.millrace.speed.stats.RollingStatsDriver.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.millrace.schemas.DeadLetter;
import io.millrace.schemas.Event;
import io.millrace.speed.StoreNames;
import io.millrace.speed.stats.RollingStatsQueries.Windows;
import io.millrace.speed.config.RollingStatsConfig;
import io.millrace.speed.config.WindowSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rolling statistics under TopologyTestDriver, checked against values the test computes itself. */
class RollingStatsTopologyTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final String[] ENTITIES = {"acct-1", "acct-2", "acct-3", "acct-4", "acct-5"};
    private static final RollingStatsConfig DEFAULTS = RollingStatsConfig.defaults();

    @TempDir
    Path stateDir;

    @Test
    void tumblingAndHoppingWindowsHoldTheExactStatisticsGloballyAndPerEntity() {
        List<Event> events = inOrderEvents(1500, Duration.ofHours(2), 7);
        try (RollingStatsDriver rolling = new RollingStatsDriver(stateDir)) {
            rolling.sendAll(events);
            Instant from = T0.minus(HOUR);
            Instant to = T0.plus(Duration.ofHours(3));

            List<WindowedStats> tumbling = RollingStatsQueries.read(List.of(rolling.store(StoreNames.ENTITY_STATS)), Windows.TUMBLING,
                    DEFAULTS.tumbling(), StatsKey.global("amount"), from, to);
            assertWindowsExact(tumbling, events, e -> true, MINUTE);

            List<WindowedStats> hopping = RollingStatsQueries.read(List.of(rolling.store(StoreNames.ENTITY_STATS)), Windows.HOPPING,
                    DEFAULTS.hopping(), StatsKey.global("amount"), from, to);
            assertWindowsExact(hopping, events, e -> true, HOUR);
            // 2 h of events: windows start every 5 min from 55 min before the first to the last event
            assertThat(hopping).hasSize(2 * 12 + 11);

            for (String entity : ENTITIES) {
                assertWindowsExact(RollingStatsQueries.read(List.of(rolling.store(StoreNames.ENTITY_STATS)), Windows.TUMBLING, DEFAULTS.tumbling(),
                        StatsKey.of(entity, "amount"), from, to), events, e -> e.getEntity().equals(entity), MINUTE);
                assertWindowsExact(RollingStatsQueries.read(List.of(rolling.store(StoreNames.ENTITY_STATS)), Windows.HOPPING, DEFAULTS.hopping(),
                        StatsKey.of(entity, "amount"), from, to), events, e -> e.getEntity().equals(entity), HOUR);
            }
            assertThat(rolling.counter("tumbling", "late-records-total")).isZero();
        }
    }

    @Test
    void familiesWhoseSlicesDifferShareOneStoreOfBaseSlicesAndEachReadsExactly() {
        WindowSpec twoMinutes = WindowSpec.tumbling(Duration.ofMinutes(2), MINUTE, Duration.ofDays(1));
        WindowSpec twelveByThree = WindowSpec.hopping(Duration.ofMinutes(12), Duration.ofMinutes(3), MINUTE, Duration.ofDays(1));
        RollingStatsConfig config = DEFAULTS.withTumbling(twoMinutes).withHopping(twelveByThree);
        assertThat(new SliceLayout(config).slice).as("base slice: neither family's").isEqualTo(MINUTE.toMillis());
        List<Event> events = inOrderEvents(800, Duration.ofMinutes(40), 11);
        try (RollingStatsDriver rolling = new RollingStatsDriver(stateDir, config, topology -> topology)) {
            rolling.sendAll(events);
            Instant from = T0.minus(HOUR);
            Instant to = T0.plus(HOUR);
            List<WindowSpec> specs = List.of(twoMinutes, twelveByThree);
            for (Windows family : Windows.values()) {
                WindowSpec spec = specs.get(family.ordinal());
                assertWindowsExact(RollingStatsQueries.read(List.of(rolling.store(StoreNames.ENTITY_STATS)), family, spec,
                        StatsKey.global("amount"), from, to), events, e -> true, spec.size(), spec.advance());
                for (String entity : ENTITIES) {
                    assertWindowsExact(RollingStatsQueries.read(List.of(rolling.store(StoreNames.ENTITY_STATS)), family, spec,
                            StatsKey.of(entity, "amount"), from, to), events, e -> e.getEntity().equals(entity),
                            spec.size(), spec.advance());
                }
            }
        }
    }

    @Test
    void everyHoppingWindowThatContainsAnEventCountsItAndNoOtherDoes() {
        try (RollingStatsDriver rolling = new RollingStatsDriver(stateDir)) {
            rolling.send(amount("e-1", "acct-1", T0.plus(Duration.ofMinutes(7)), 4.0));
            rolling.send(amount("e-2", "acct-1", T0.plus(Duration.ofMinutes(12)), 6.0));

            List<WindowedStats> windows = RollingStatsQueries.read(List.of(rolling.store(StoreNames.ENTITY_STATS)), Windows.HOPPING,
                    DEFAULTS.hopping(), StatsKey.of("acct-1", "amount"), T0.minus(Duration.ofHours(2)), T0.plus(Duration.ofHours(2)));

            // e-1 lies in the 12 windows starting 12:00-50min .. 12:05; e-2 in those starting 12:00-45min .. 12:10
            assertThat(windows).extracting(w -> w.windowStart())
                    .containsExactlyElementsOf(startsEvery5Minutes(T0.minus(Duration.ofMinutes(50)), T0.plus(Duration.ofMinutes(10))));
            assertThat(windows.get(0).all().count()).isEqualTo(1);
            assertThat(windows.get(0).all().mean()).isEqualTo(4.0);
            assertThat(windows.subList(1, 12)).allSatisfy(w -> {
                assertThat(w.all().count()).isEqualTo(2);
                assertThat(w.all().mean()).isEqualTo(5.0);
                assertThat(w.windowEnd()).isEqualTo(w.windowStart().plus(HOUR));
            });
            assertThat(windows.get(12).all().count()).isEqualTo(1);
            assertThat(windows.get(12).all().mean()).isEqualTo(6.0);
        }
    }

    @Test
    void anEventWithinGraceIsOnTimeAndOneAfterItIsKeptAsLateAndCounted() {
        try (RollingStatsDriver rolling = new RollingStatsDriver(stateDir)) {
            rolling.send(amount("a", "acct-1", T0.plusSeconds(30), 1.0));
            rolling.send(amount("b", "acct-1", T0.plusSeconds(90), 100.0));   // stream time 12:01:30
            rolling.send(amount("c", "acct-1", T0.plusSeconds(10), 2.0));     // window [12:00, 12:01) open until 12:02
            rolling.send(amount("d", "acct-2", T0.plusSeconds(125), 100.0));  // stream time 12:02:05: it closed
            rolling.send(amount("e", "acct-1", T0.plusSeconds(20), 7.0));     // late for [12:00, 12:01)

            WindowedStats first = tumblingWindow(rolling, StatsKey.of("acct-1", "amount"), T0);
            Exact.of(List.of(1.0, 2.0)).assertMatches(first.onTime(), "on time");
            Exact.of(List.of(7.0)).assertMatches(first.late(), "late");
            Exact.of(List.of(1.0, 2.0, 7.0)).assertMatches(first.all(), "all");
            WindowedStats global = tumblingWindow(rolling, StatsKey.global("amount"), T0);
            assertThat(global.onTime().count()).isEqualTo(2);
            assertThat(global.late().count()).isEqualTo(1);

            assertThat(rolling.counter("tumbling", "late-records-total")).isEqualTo(1.0);
            // the first hopping window holding 12:00:20 ends at 12:05: still open
            assertThat(rolling.counter("hopping", "late-records-total")).isZero();
            assertThat(rolling.counter("tumbling", "expired-records-total")).isZero();
        }
    }

    @Test
    void aLateEventIsLateOnlyForTheHoppingWindowsThatHadClosed() {
        try (RollingStatsDriver rolling = new RollingStatsDriver(stateDir)) {
            rolling.send(amount("a", "acct-1", T0.plusSeconds(30), 1.0));
            rolling.send(amount("b", "acct-1", T0.plus(Duration.ofMinutes(11)).plusSeconds(1), 50.0)); // closes windows ending 12:05 and 12:10
            rolling.send(amount("c", "acct-1", T0.plus(Duration.ofMinutes(1)), 3.0));

            List<WindowedStats> windows = RollingStatsQueries.read(List.of(rolling.store(StoreNames.ENTITY_STATS)), Windows.HOPPING,
                    DEFAULTS.hopping(), StatsKey.of("acct-1", "amount"), T0.minus(HOUR), T0);
            Map<Instant, WindowedStats> byStart = new TreeMap<>();
            windows.forEach(w -> byStart.put(w.windowStart(), w));

            WindowedStats endsAt1205 = byStart.get(T0.minus(Duration.ofMinutes(55)));
            assertThat(endsAt1205.onTime().count()).isEqualTo(1);
            assertThat(endsAt1205.late().count()).isEqualTo(1);
            assertThat(endsAt1205.late().mean()).isEqualTo(3.0);
            WindowedStats endsAt1210 = byStart.get(T0.minus(Duration.ofMinutes(50)));
            assertThat(endsAt1210.onTime().count()).isEqualTo(1);
            assertThat(endsAt1210.late().count()).isEqualTo(1);
            WindowedStats endsAt1215 = byStart.get(T0.minus(Duration.ofMinutes(45)));
            assertThat(endsAt1215.onTime().count()).isEqualTo(3);
            assertThat(endsAt1215.late().count()).isZero();
            assertThat(rolling.counter("hopping", "late-records-total")).isEqualTo(1.0);
            // and the tumbling window [12:01, 12:02) closed at 12:03: late there too
            assertThat(tumblingWindow(rolling, StatsKey.of("acct-1", "amount"),
                    T0.plus(MINUTE)).late().count()).isEqualTo(1);
        }
    }

    @Test
    void anEventOlderThanTheRetentionIsCountedAsExpiredAndLate() {
        RollingStatsConfig shortTumbling = DEFAULTS.withTumbling(WindowSpec.tumbling(MINUTE, MINUTE, Duration.ofMinutes(10)));
        try (RollingStatsDriver rolling = new RollingStatsDriver(stateDir, shortTumbling, t -> t)) {
            rolling.send(amount("now", "acct-1", T0.plus(Duration.ofMinutes(30)), 1.0));
            rolling.send(amount("old", "acct-1", T0, 9.0));

            assertThat(rolling.counter("tumbling", "expired-records-total")).isEqualTo(1.0);
            assertThat(rolling.counter("tumbling", "late-records-total")).isEqualTo(1.0);
            assertThat(RollingStatsQueries.read(List.of(rolling.store(StoreNames.ENTITY_STATS)), Windows.TUMBLING, shortTumbling.tumbling(),
                    StatsKey.of("acct-1", "amount"), T0, T0)).isEmpty();
            // the hopping stores keep a day: there it is late, not lost
            assertThat(rolling.counter("hopping", "expired-records-total")).isZero();
            List<WindowedStats> hopping = RollingStatsQueries.read(List.of(rolling.store(StoreNames.ENTITY_STATS)), Windows.HOPPING,
                    DEFAULTS.hopping(), StatsKey.of("acct-1", "amount"), T0.minus(Duration.ofMinutes(55)), T0.minus(Duration.ofMinutes(55)));
            assertThat(hopping.get(0).late().count()).isEqualTo(1);
        }
    }

    @Test
    void missingValuesAreCountedAsMissingAndAbsentFeaturesNotAtAll() {
        try (RollingStatsDriver rolling = new RollingStatsDriver(stateDir)) {
            Map<String, Object> withNull = new HashMap<>();
            withNull.put("amount", null);
            rolling.send(event("a", "acct-1", T0.plusSeconds(1), withNull));
            rolling.send(event("b", "acct-1", T0.plusSeconds(2), Map.of("amount", 5.0)));
            rolling.send(event("c", "acct-1", T0.plusSeconds(3), Map.of("other", 1.0)));
            rolling.send(event("d", "acct-1", T0.plusSeconds(4), withNull));

            StatsSummary stats = tumblingWindow(rolling, StatsKey.of("acct-1", "amount"), T0).all();
            assertThat(stats.count()).isEqualTo(1);
            assertThat(stats.missing()).isEqualTo(2);
            assertThat(stats.mean()).isEqualTo(5.0);
            assertThat(tumblingWindow(rolling, StatsKey.global("other"), T0).all().count()).isEqualTo(1);
        }
    }

    @Test
    void categoricalFeaturesAreCountedPerCategoryWithADistinctEstimate() {
        try (RollingStatsDriver rolling = new RollingStatsDriver(stateDir, DEFAULTS.withMaxCategories(2), t -> t)) {
            String[] countries = {"NZ", "AU", "NZ", "US", "NZ", "FR", "AU"};
            for (int i = 0; i < countries.length; i++) {
                rolling.send(event("e-" + i, "acct-" + (i % 2), T0.plusSeconds(i), Map.of("country", countries[i])));
            }
            // the cap applies to each entity's slice: acct-1 saw AU, US, then FR, its third category
            StatsSummary second = tumblingWindow(rolling, StatsKey.of("acct-1", "country"), T0).all();
            assertThat(second.categories()).containsExactlyInAnyOrderEntriesOf(Map.of("AU", 1L, "US", 1L));
            assertThat(second.otherCategories()).isEqualTo(1);
            StatsSummary global = tumblingWindow(rolling, StatsKey.global("country"), T0).all();
            assertThat(global.count()).isEqualTo(7);
            assertThat(global.categories()).containsExactlyInAnyOrderEntriesOf(Map.of("NZ", 3L, "AU", 2L, "US", 1L));
            assertThat(global.otherCategories()).isEqualTo(1);
            assertThat(global.distinct()).isCloseTo(4.0, within(0.01));
            assertThat(global.mean()).isNaN();
            assertThat(global.p50()).isNaN();
        }
    }

    @Test
    void recordsThatAreNotEventsAreDeadLetteredWithTheirBytesAndTheEventsAroundThemCounted() {
        try (RollingStatsDriver rolling = new RollingStatsDriver(stateDir)) {
            rolling.send(amount("a", "acct-1", T0, 1.0));
            byte[] notWireFormat = "{\"id\": \"x\"}".getBytes(StandardCharsets.UTF_8);
            rolling.sendRaw("acct-1".getBytes(StandardCharsets.UTF_8), notWireFormat);
            rolling.sendRaw("acct-1".getBytes(StandardCharsets.UTF_8), null);
            rolling.send(amount("b", "acct-1", T0.plusSeconds(1), 2.0));

            List<DeadLetter> letters = rolling.deadLetters.readValuesToList();
            assertThat(letters).extracting(DeadLetter::getReasonCode).containsExactly("NOT_WIRE_FORMAT", "TOMBSTONE");
            assertThat(letters.get(0).getOriginalValue()).isEqualTo(ByteBuffer.wrap(notWireFormat));
            assertThat(letters.get(0).getOriginalKey()).isEqualTo(ByteBuffer.wrap("acct-1".getBytes(StandardCharsets.UTF_8)));
            assertThat(letters).extracting(DeadLetter::getSourceOffset).containsExactly(1L, 2L);
            assertThat(letters.get(1).getOriginalValue()).isNull();
            assertThat(rolling.counter(RollingStatsMetrics.VALID_EVENTS_TAG, "unreadable-records-total")).isEqualTo(2.0);
            Exact.of(List.of(1.0, 2.0)).assertMatches(
                    tumblingWindow(rolling, StatsKey.of("acct-1", "amount"), T0).all(), "acct-1");
        }
    }

    @Test
    void windowsMergeIntoTheStatisticsOfTheWholeRange() {
        List<Event> events = inOrderEvents(600, Duration.ofMinutes(30), 11);
        try (RollingStatsDriver rolling = new RollingStatsDriver(stateDir)) {
            rolling.sendAll(events);
            Instant from = T0.plus(Duration.ofMinutes(5));
            Instant to = T0.plus(Duration.ofMinutes(19));
            for (String entity : ENTITIES) {
                WindowedStats merged = RollingStatsQueries.merged(List.of(rolling.store(StoreNames.ENTITY_STATS)), Windows.TUMBLING,
                        DEFAULTS.tumbling(), StatsKey.of(entity, "amount"), from, to).orElseThrow();
                List<Double> values = amounts(events, e -> e.getEntity().equals(entity) && inWindow(e, from, to.plus(MINUTE)));
                Exact.of(values).assertMatches(merged.all(), entity);
                assertThat(merged.windowStart()).isEqualTo(from);
                assertThat(merged.windowEnd()).isEqualTo(to.plus(MINUTE));
                // fewer values than KLL's k: the sketch is exact and the median is the middle value
                List<Double> sorted = values.stream().sorted().toList();
                assertThat(merged.all().p50()).isEqualTo(sorted.get((int) Math.ceil(0.5 * sorted.size()) - 1));
                assertThat(merged.all().distinct()).isCloseTo(values.stream().distinct().count(), within(0.02 * values.size()));
            }
            assertThat(RollingStatsQueries.merged(List.of(rolling.store(StoreNames.ENTITY_STATS)), Windows.TUMBLING, DEFAULTS.tumbling(),
                    StatsKey.of("nobody", "amount"), from, to)).isEmpty();
        }
    }

    // ---- helpers ----

    /** {@code count} events of the five entities, in event-time order over {@code span} from T0, amounts in cents. */
    static List<Event> inOrderEvents(int count, Duration span, long seed) {
        Random random = new Random(seed);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant time = T0.plusMillis((long) (random.nextDouble() * span.toMillis()));
            double value = Math.round(random.nextGaussian() * 5_000 + 20_000) / 100.0;
            events.add(amount("e-" + i, ENTITIES[random.nextInt(ENTITIES.length)], time, value));
        }
        events.sort(Comparator.comparing(Event::getEventTime));
        return events;
    }

    private static void assertWindowsExact(List<WindowedStats> windows, List<Event> events, Predicate<Event> selected, Duration size) {
        assertWindowsExact(windows, events, selected, size, size.equals(HOUR) ? Duration.ofMinutes(5) : size);
    }

    private static void assertWindowsExact(List<WindowedStats> windows, List<Event> events, Predicate<Event> selected,
                                           Duration size, Duration advanceBy) {
        assertThat(windows).isNotEmpty();
        long expectedWindows = 0;
        for (WindowedStats window : windows) {
            List<Double> values = amounts(events, e -> selected.test(e) && inWindow(e, window.windowStart(), window.windowEnd()));
            Exact.of(values).assertMatches(window.onTime(), window.entity() + " " + window.windowStart());
            assertThat(window.late().count()).isZero();
            assertThat(window.windowEnd()).isEqualTo(window.windowStart().plus(size));
        }
        // and no window holding a selected event is missing
        Map<Instant, Long> seen = new TreeMap<>();
        windows.forEach(w -> seen.put(w.windowStart(), w.onTime().count()));
        long advance = advanceBy.toMillis();
        for (Event e : events) {
            if (selected.test(e)) {
                long t = e.getEventTime().toEpochMilli();
                for (long s = Math.floorDiv(t, advance) * advance; s > t - size.toMillis(); s -= advance) {
                    assertThat(seen).containsKey(Instant.ofEpochMilli(s));
                }
            }
        }
        expectedWindows += seen.size();
        assertThat(expectedWindows).isEqualTo(windows.size());
    }

    private static boolean inWindow(Event e, Instant start, Instant end) {
        return !e.getEventTime().isBefore(start) && e.getEventTime().isBefore(end);
    }

    private static List<Double> amounts(List<Event> events, Predicate<Event> selected) {
        return events.stream().filter(selected).map(e -> (Double) e.getFeatures().get("amount")).toList();
    }

    private static WindowedStats tumblingWindow(RollingStatsDriver rolling, StatsKey key, Instant start) {
        List<WindowedStats> windows = RollingStatsQueries.read(List.of(rolling.store(StoreNames.ENTITY_STATS)), Windows.TUMBLING,
                DEFAULTS.tumbling(), key, start, start);
        assertThat(windows).as("window at " + start).hasSize(1);
        return windows.get(0);
    }

    private static List<Instant> startsEvery5Minutes(Instant first, Instant last) {
        List<Instant> starts = new ArrayList<>();
        for (Instant s = first; !s.isAfter(last); s = s.plus(Duration.ofMinutes(5))) {
            starts.add(s);
        }
        return starts;
    }
}

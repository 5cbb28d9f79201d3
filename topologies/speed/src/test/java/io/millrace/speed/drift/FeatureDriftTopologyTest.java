package io.millrace.speed.drift;

import static io.millrace.speed.drift.FeatureDriftDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.learning.distribution.Psi;
import io.millrace.schemas.DriftAlert;
import io.millrace.schemas.Event;
import io.millrace.schemas.OffsetRange;
import io.millrace.schemas.SubjectKind;
import io.millrace.speed.SpeedLayer;
import io.millrace.speed.StoreNames;
import io.millrace.speed.config.FeatureDriftConfig;
import io.millrace.speed.config.RollingStatsConfig;
import io.millrace.speed.config.SpeedLayerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feature drift watch under TopologyTestDriver, behind the rolling statistics it reads: one event every 6 s of
 * event time (600 an hour, over 20 entities), so the default reference (the first hour) and every judged 1 h window
 * hold about 600 values of each feature.
 */
class FeatureDriftTopologyTest {
    private static final Duration SPACING = Duration.ofSeconds(6);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration GRACE = RollingStatsConfig.DEFAULT_GRACE;
    private static final RollingStatsConfig DEFAULTS = RollingStatsConfig.defaults();

    @TempDir
    Path stateDir;

    @Test
    void aStableStreamRaisesNoAlertAndEveryClosedWindowIsJudged() {
        List<Event> events = stream(Duration.ofHours(4), 1, (time, random) -> Map.of("amount", normal(random, 100, 20)));
        try (FeatureDriftDriver drift = new FeatureDriftDriver(stateDir, DEFAULTS)) {
            drift.sendAll(events);

            assertThat(drift.alerts()).isEmpty();
            // last event 15:59:54: the windows starting 13:00 .. 14:55 have closed (end + 1 min of grace)
            assertThat(drift.counter(DriftTests.PSI, "checks-total")).isEqualTo(24);
            assertThat(drift.counter(DriftTests.KS, "checks-total")).isEqualTo(24);
            assertThat(drift.counter(DriftTests.PSI, "unjudged-total")).isZero();
            assertThat(drift.counter(DriftTests.PSI, "alerts-total")).isZero();

            FeatureReference reference = reference(drift, "amount");
            assertThat(reference.isNumeric()).isTrue();
            assertThat(reference.count()).isEqualTo(600);
            assertThat(reference.source()).isEqualTo(FeatureReference.STREAM);
            assertThat(reference.from()).isEqualTo(T0);
            assertThat(reference.to()).isEqualTo(T0.plus(HOUR));
            DriftFlag ks = flag(drift, DriftTests.KS, "amount");
            assertThat(ks.drifted()).isFalse();
            assertThat(ks.windowStart()).isEqualTo(T0.plus(Duration.ofMinutes(175)).toEpochMilli());
        }
    }

    @Test
    void aShiftOfAmountRaisesOnePsiAndOneKsAlertInTheFirstWindowsAfterIt() {
        Instant shift = T0.plus(Duration.ofHours(2));
        List<Event> events = stream(Duration.ofHours(4), 2, (time, random) ->
                Map.of("amount", normal(random, time.isBefore(shift) ? 100 : 160, 20)));
        try (FeatureDriftDriver drift = new FeatureDriftDriver(stateDir, DEFAULTS)) {
            drift.sendAll(events);
            List<TestRecord<String, DriftAlert>> alerts = drift.alerts();

            assertThat(alerts).extracting(a -> a.getValue().getDetector()).containsExactlyInAnyOrder("psi", "ks");
            for (TestRecord<String, DriftAlert> record : alerts) {
                DriftAlert alert = record.getValue();
                assertThat(record.getKey()).isEqualTo("amount");
                assertThat(alert.getSubject()).isEqualTo("amount");
                assertThat(alert.getSubjectKind()).isEqualTo(SubjectKind.FEATURE);
                assertThat(alert.getStatistic()).isGreaterThan(alert.getThreshold());
                Instant windowStart = windowStart(alert);
                // the windows starting 13:05 .. 13:20 hold 5 to 20 minutes of the shifted amounts
                assertThat(windowStart).isBetween(T0.plus(Duration.ofMinutes(65)), T0.plus(Duration.ofMinutes(80)));
                Instant windowEnd = windowStart.plus(HOUR);
                assertThat(alert.getWindow()).isEqualTo("hopping window [" + windowStart + ", " + windowEnd
                        + ") of test.valid-events partition 0 (600 values) against the stream reference [" + T0 + ", "
                        + T0.plus(HOUR) + ") (600 values)");
                assertThat(alert.getAlertId()).isEqualTo("amount/" + alert.getDetector() + "/0/" + windowStart);
                long closing = indexOfFirstEventAtOrAfter(events, windowEnd.plus(GRACE));
                assertThat(alert.getOffsets()).containsExactly(new OffsetRange("test.valid-events", 0, closing, closing + 1));
            }
            DriftAlert psi = alerts.stream().map(TestRecord::getValue).filter(a -> a.getDetector().equals("psi")).findFirst().orElseThrow();
            assertThat(psi.getThreshold()).isEqualTo(Psi.SIGNIFICANT);
            // KS, more sensitive, fires no later than PSI
            DriftAlert ks = alerts.stream().map(TestRecord::getValue).filter(a -> a.getDetector().equals("ks")).findFirst().orElseThrow();
            assertThat(windowStart(ks)).isBeforeOrEqualTo(windowStart(psi));
            // every window after stayed drifted: judged, flagged, no second alert
            assertThat(flag(drift, DriftTests.PSI, "amount").drifted()).isTrue();
            assertThat(flag(drift, DriftTests.KS, "amount").drifted()).isTrue();
            assertThat(drift.counter(DriftTests.KS, "alerts-total")).isEqualTo(1);
            assertThat(drift.counter(DriftTests.KS, "checks-total")).isEqualTo(24);
        }
    }

    @Test
    void aFeatureThatRecoversAndDriftsAgainRaisesASecondAlert() {
        Instant firstShift = T0.plus(Duration.ofHours(2));
        Instant back = T0.plus(Duration.ofHours(3));
        Instant secondShift = T0.plus(Duration.ofMinutes(270));
        List<Event> events = stream(Duration.ofMinutes(330), 3, (time, random) -> {
            boolean shifted = !time.isBefore(firstShift) && time.isBefore(back) || !time.isBefore(secondShift);
            return Map.of("amount", normal(random, shifted ? 160 : 100, 20));
        });
        try (FeatureDriftDriver drift = new FeatureDriftDriver(stateDir, DEFAULTS)) {
            drift.sendAll(events);

            List<DriftAlert> ks = drift.alerts().stream().map(TestRecord::getValue)
                    .filter(a -> a.getDetector().equals("ks")).toList();
            assertThat(ks).hasSize(2);
            assertThat(windowStart(ks.get(0))).isBetween(T0.plus(Duration.ofMinutes(65)), T0.plus(Duration.ofMinutes(80)));
            // the window starting 15:00 holds no shifted amount (the flag cleared); those from 15:35 on hold the second shift
            assertThat(windowStart(ks.get(1))).isBetween(T0.plus(Duration.ofMinutes(215)), T0.plus(Duration.ofMinutes(230)));
        }
    }

    @Test
    void aNewCategoryIsDriftOfACategoricalFeatureWhileAStableNumberRaisesNothing() {
        Instant shift = T0.plus(Duration.ofHours(2));
        List<Event> events = stream(Duration.ofHours(3).plusMinutes(30), 4, (time, random) -> {
            double u = random.nextDouble();
            String country = time.isBefore(shift)
                    ? (u < 0.6 ? "US" : u < 0.9 ? "GB" : "FR")
                    : (u < 0.4 ? "US" : u < 0.6 ? "GB" : u < 0.7 ? "FR" : "DE");
            return Map.of("country", country, "amount", normal(random, 100, 20));
        });
        try (FeatureDriftDriver drift = new FeatureDriftDriver(stateDir, DEFAULTS)) {
            drift.sendAll(events);
            List<DriftAlert> alerts = drift.alerts().stream().map(TestRecord::getValue).toList();

            assertThat(alerts).hasSize(1);
            DriftAlert alert = alerts.get(0);
            assertThat(alert.getSubject()).isEqualTo("country");
            assertThat(alert.getDetector()).isEqualTo("psi");
            assertThat(alert.getStatistic()).isGreaterThan(Psi.SIGNIFICANT);
            FeatureReference reference = reference(drift, "country");
            assertThat(reference.isNumeric()).isFalse();
            assertThat(reference.categories()).containsOnlyKeys("US", "GB", "FR");
            assertThat(reference.count()).isEqualTo(600);
            assertThat(drift.driver.getKeyValueStore(StoreNames.FEATURE_DRIFT_STATE).get(DriftFlag.key(DriftTests.KS, "country"))).isNull();
        }
    }

    @Test
    void anIgnoredFeatureIsNeitherReferencedNorJudgedWhileTheOthersAre() {
        Instant shift = T0.plus(Duration.ofHours(2));
        List<Event> events = stream(Duration.ofHours(4), 6, (time, random) -> Map.of(
                "amount", normal(random, time.isBefore(shift) ? 100 : 160, 20),
                "hour", (double) time.atZone(java.time.ZoneOffset.UTC).getHour()));
        RollingStatsConfig withoutHour = DEFAULTS.withFeatureDrift(FeatureDriftConfig.defaults().withIgnoredFeatures("hour"));
        try (FeatureDriftDriver drift = new FeatureDriftDriver(stateDir, withoutHour)) {
            drift.sendAll(events);
            List<DriftAlert> alerts = drift.alerts().stream().map(TestRecord::getValue).toList();

            assertThat(alerts).extracting(DriftAlert::getSubject).containsOnly("amount").isNotEmpty();
            assertThat(drift.driver.getKeyValueStore(StoreNames.FEATURE_DRIFT_REFERENCES).get("hour")).isNull();
            assertThat(drift.driver.getKeyValueStore(StoreNames.FEATURE_DRIFT_REFERENCES).get("amount")).isNotNull();
        }
        try (FeatureDriftDriver drift = new FeatureDriftDriver(stateDir, DEFAULTS)) {
            drift.sendAll(events);
            // watched, the hour of the day drifts away from the first hour's by design
            assertThat(drift.alerts().stream().map(record -> record.getValue().getSubject())).contains("hour");
        }
    }

    @Test
    void aWindowWithFewerValuesThanTheMinimumIsNotJudged() {
        Instant shift = T0.plus(Duration.ofHours(2));
        List<Event> events = stream(Duration.ofHours(4), 5, (time, random) ->
                Map.of("amount", normal(random, time.isBefore(shift) ? 100 : 160, 20)));
        RollingStatsConfig strict = DEFAULTS.withFeatureDrift(FeatureDriftConfig.defaults().withMinCount(601));
        try (FeatureDriftDriver drift = new FeatureDriftDriver(stateDir, strict)) {
            drift.sendAll(events);

            assertThat(drift.alerts()).isEmpty();
            assertThat(drift.counter(DriftTests.PSI, "checks-total")).isZero();
            assertThat(drift.counter(DriftTests.KS, "unjudged-total")).isEqualTo(24);
            assertThat(flag(drift, DriftTests.KS, "amount")).isEqualTo(DriftFlag.NONE);
        }
    }

    @Test
    void aFixedReferenceRangeIsTheReferenceWhateverCameBefore() {
        // the first hour is unusual; the fixed reference [13:00, 14:00) leaves it out
        Instant normalFrom = T0.plus(HOUR);
        BiFunction<Instant, Random, Map<String, Object>> amounts = (time, random) ->
                Map.of("amount", normal(random, time.isBefore(normalFrom) ? 160 : 100, 20));
        List<Event> events = stream(Duration.ofHours(3).plusMinutes(30), 6, amounts);
        RollingStatsConfig fixed = DEFAULTS.withFeatureDrift(FeatureDriftConfig.defaults()
                .withReference(FeatureDriftConfig.ReferenceWindow.between(normalFrom, normalFrom.plus(HOUR))));
        try (FeatureDriftDriver drift = new FeatureDriftDriver(stateDir, fixed)) {
            drift.sendAll(events);
            assertThat(drift.alerts()).isEmpty();
            assertThat(reference(drift, "amount").from()).isEqualTo(normalFrom);
            // windows starting 14:00 .. 14:25 closed
            assertThat(drift.counter(DriftTests.KS, "checks-total")).isEqualTo(6);
        }
    }

    @Test
    void theWatchIsPartOfTheSpeedLayerUnlessDisabled() {
        SpeedLayerConfig config = SpeedLayerConfig.defaults().withSchemaRegistryUrl("mock://feature-drift-nodes");
        assertThat(nodeNames(config)).contains(FeatureDriftTopology.WATCH, FeatureDriftTopology.WRITE_ALERTS);
        SpeedLayerConfig off = config.withRollingStats(DEFAULTS.withFeatureDrift(FeatureDriftConfig.defaults().disabled()));
        assertThat(nodeNames(off)).doesNotContain(FeatureDriftTopology.WATCH, FeatureDriftTopology.WRITE_ALERTS);
    }

    private static List<String> nodeNames(SpeedLayerConfig config) {
        List<String> names = new ArrayList<>();
        for (TopologyDescription.Subtopology sub : SpeedLayer.topology(config).describe().subtopologies()) {
            sub.nodes().forEach(node -> names.add(node.name()));
        }
        return names;
    }

    /** One event every 6 s from {@link FeatureDriftDriver#T0} for {@code span}, over 20 entities, features by time. */
    static List<Event> stream(Duration span, long seed, BiFunction<Instant, Random, Map<String, Object>> features) {
        Random random = new Random(seed);
        List<Event> events = new ArrayList<>();
        for (int i = 0; (long) i * SPACING.toMillis() < span.toMillis(); i++) {
            Instant time = T0.plus(SPACING.multipliedBy(i));
            events.add(FeatureDriftDriver.event("e-" + i, "acct-" + (i % 20), time, new HashMap<>(features.apply(time, random))));
        }
        return events;
    }

    static double normal(Random random, double mean, double sd) {
        return mean + sd * random.nextGaussian();
    }

    private static long indexOfFirstEventAtOrAfter(List<Event> events, Instant time) {
        for (int i = 0; i < events.size(); i++) {
            if (!events.get(i).getEventTime().isBefore(time)) {
                return i;
            }
        }
        throw new AssertionError("no event at or after " + time);
    }

    /** The start of the window an alert judged, from its id ({@code feature/detector/partition/start}). */
    static Instant windowStart(DriftAlert alert) {
        String id = alert.getAlertId();
        return Instant.parse(id.substring(id.lastIndexOf('/') + 1));
    }

    private static FeatureReference reference(FeatureDriftDriver drift, String feature) {
        byte[] bytes = drift.driver.<String, byte[]>getKeyValueStore(StoreNames.FEATURE_DRIFT_REFERENCES).get(feature);
        assertThat(bytes).as("reference of " + feature).isNotNull();
        return FeatureReference.fromBytes(bytes);
    }

    private static DriftFlag flag(FeatureDriftDriver drift, String detector, String feature) {
        return DriftFlag.fromBytes(drift.driver.<String, byte[]>getKeyValueStore(StoreNames.FEATURE_DRIFT_STATE)
                .get(DriftFlag.key(detector, feature)));
    }
}

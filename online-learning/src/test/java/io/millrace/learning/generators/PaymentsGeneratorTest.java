package io.millrace.learning.generators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.learning.InputChecks;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PaymentsGeneratorTest {

    private static final int EVENTS = 100_000;
    private static final int CHANGE_AT = 50_000;
    /** One payment every 6 s on average: 14,400 a day, so the change comes after about three and a half days. */
    private static final PaymentsGenerator.Config CONFIG = PaymentsGenerator.Config.DEFAULT.withChangeAt(CHANGE_AT)
        .withMeanGapMs(6_000).withSeed(42);
    private static final long DAY_MS = 86_400_000L;

    private static List<Payment> payments;

    @BeforeAll
    static void draw() {
        payments = new PaymentsGenerator(CONFIG).take(EVENTS);
    }

    @Test
    void sameSeedSamePaymentsOtherSeedOtherPayments() {
        PaymentsGenerator again = new PaymentsGenerator(CONFIG);
        assertThat(again.take(5_000)).isEqualTo(payments.subList(0, 5_000));
        again.restart();
        assertThat(again.take(5_000)).as("after restart").isEqualTo(payments.subList(0, 5_000));
        assertThat(new PaymentsGenerator(CONFIG.withSeed(43)).take(100)).isNotEqualTo(payments.subList(0, 100));
    }

    @Test
    void fraudRateIsAFewPercentBeforeAndAfterTheChange() {
        // fraud of the first pattern gathers at night, so its share is fraudRate over whole days
        List<Payment> firstThreeDays = firstDays(payments, 3);
        assertThat(firstThreeDays.size()).isLessThan(CHANGE_AT);
        assertThat(fraudShare(firstThreeDays)).isBetween(0.017, 0.023);
        assertThat(fraudShare(payments.subList(CHANGE_AT, EVENTS))).isBetween(0.016, 0.024);
        List<Payment> rare = firstDays(new PaymentsGenerator(CONFIG.withFraudRate(0.005).withSeed(3)).take(EVENTS), 6);
        assertThat(fraudShare(rare)).isBetween(0.004, 0.006);
    }

    @Test
    void aWholeDayHoldsOnePaymentPerMeanGapAndNightsAreQuiet() {
        List<Payment> day = firstDays(new PaymentsGenerator(CONFIG.withFraudRate(0)).take(20_000), 1);
        assertThat(day.size()).isBetween(14_100, 14_700);
        long night = day.stream().filter(p -> p.hour() < 6).count();
        assertThat(night).isBetween(200L, 600L);
        assertThat(day).noneMatch(Payment::isFraud);
    }

    @Test
    void eventsComeInTimeOrderWithUniqueIdsAndLabelsArriveLater() {
        Set<String> ids = new HashSet<>();
        Set<String> accounts = new HashSet<>(new PaymentsGenerator(CONFIG).accountIds());
        long previous = Long.MIN_VALUE;
        int outOfOrder = 0;
        int badDelay = 0;
        int badHour = 0;
        for (Payment p : payments) {
            outOfOrder += p.eventTimeMs() < previous ? 1 : 0;
            previous = p.eventTimeMs();
            ids.add(p.eventId());
            badDelay += p.labelDelayMs() < CONFIG.labelDelayMinMs() ? 1 : 0;
            badHour += p.hour() != (double) ((p.eventTimeMs() / 3_600_000) % 24) ? 1 : 0;
        }
        assertThat(outOfOrder).isZero();
        assertThat(badDelay).isZero();
        assertThat(badHour).isZero();
        assertThat(ids).hasSize(EVENTS);
        assertThat(payments.get(0).eventId()).isEqualTo("pay-0000000000");
        assertThat(payments.get(0).eventTimeMs()).isGreaterThanOrEqualTo(CONFIG.startTimeMs());
        assertThat(accounts).hasSize(1_000).contains("acct-0000", "acct-0999");
        assertThat(payments.stream().map(Payment::entityId).distinct().filter(accounts::contains).count()).isEqualTo(1_000);
        double meanDelay = payments.stream().mapToLong(Payment::labelDelayMs).average().orElseThrow();
        assertThat(meanDelay).isBetween(0.98 * 3_900_000, 1.02 * 3_900_000);
    }

    @Test
    void featuresAreTheDocumentedMapAndAValidInstance() {
        Payment p = payments.get(123);
        assertThat(p.features()).containsOnlyKeys("amount", "merchant_category", "hour", "country", "distance_km");
        assertThat(p.features().keySet()).containsExactly("amount", "merchant_category", "hour", "country", "distance_km");
        assertThat(p.features().get("amount")).isInstanceOf(Double.class);
        assertThat(p.features().get("merchant_category")).isInstanceOf(String.class);
        for (Payment payment : payments.subList(0, 20_000)) {
            Instance instance = payment.toInstance();
            InputChecks.checkFeatures(PaymentsGenerator.HEADER, instance.features());
            assertThat(instance.label()).isEqualTo(payment.label());
            assertThat(payment.amount()).isPositive();
            assertThat(payment.distanceKm()).isNotNegative();
        }
        assertThatThrownBy(() -> p.features().put("x", 1.0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void fraudBeforeTheChangeIsBigAtNightAbroad() {
        List<Payment> fraud = payments.subList(0, CHANGE_AT).stream().filter(Payment::isFraud).toList();
        List<Payment> genuine = payments.subList(0, CHANGE_AT).stream().filter(p -> !p.isFraud()).toList();

        // a night payment is six times as likely to be fraud as a day one
        List<Payment> before = payments.subList(0, CHANGE_AT);
        double nightFraud = fraudShare(before.stream().filter(p -> p.hour() < 6).toList());
        double dayFraud = fraudShare(before.stream().filter(p -> p.hour() >= 6).toList());
        assertThat(nightFraud / dayFraud).isBetween(4.5, 7.5);
        assertThat(share(genuine, p -> p.hour() < 6 ? 1 : 0)).isLessThan(0.05);
        // the nearest two capitals of different countries (Brussels, Amsterdam) are 173 km apart
        assertThat(share(fraud, p -> p.distanceKm() > 150 ? 1 : 0)).isGreaterThan(0.85);
        assertThat(share(genuine, p -> p.distanceKm() > 150 ? 1 : 0)).isLessThan(0.05);
        assertThat(median(fraud, Payment::amount)).isGreaterThan(5 * median(genuine, Payment::amount));
        assertThat(payments.subList(0, CHANGE_AT)).noneMatch(p -> p.merchantCategory().equals(PaymentsGenerator.NEW_CATEGORY));
    }

    @Test
    void fraudAfterTheChangeIsSmallRepeatedAmountsInTheNewCategory() {
        List<Payment> fraud = payments.subList(CHANGE_AT, EVENTS).stream().filter(Payment::isFraud).toList();

        assertThat(fraud).allSatisfy(p -> {
            assertThat(p.merchantCategory()).isEqualTo(PaymentsGenerator.NEW_CATEGORY);
            assertThat(p.amount()).isBetween(0.5, 5.0);
        });
        // repeated: nearly every fraudulent payment has another one on the same account within ten minutes
        Map<String, List<Long>> times = new HashMap<>();
        fraud.forEach(p -> times.computeIfAbsent(p.entityId(), k -> new java.util.ArrayList<>()).add(p.eventTimeMs()));
        double repeated = share(fraud, p -> times.get(p.entityId()).stream()
            .anyMatch(t -> t != p.eventTimeMs() && Math.abs(t - p.eventTimeMs()) <= 600_000) ? 1 : 0);
        assertThat(repeated).isGreaterThan(0.95);
        // small charges go unnoticed for a while: a card test's label comes at least half an hour later
        assertThat(fraud).allSatisfy(p -> assertThat(p.labelDelayMs()).isGreaterThanOrEqualTo(30 * 60_000L));
        assertThat(payments.subList(CHANGE_AT, EVENTS).stream().filter(p -> !p.isFraud())
            .mapToLong(Payment::labelDelayMs).min().orElseThrow()).isLessThan(6 * 60_000L);
        long genuineInNewCategory = payments.subList(CHANGE_AT, EVENTS).stream()
            .filter(p -> !p.isFraud() && p.merchantCategory().equals(PaymentsGenerator.NEW_CATEGORY)).count();
        assertThat(genuineInNewCategory).isBetween(250L, 750L);
    }

    @Test
    void aRuleLearnedBeforeTheChangeFailsAfterIt() {
        List<Payment> before = payments.subList(0, CHANGE_AT);
        List<Payment> after = payments.subList(CHANGE_AT, EVENTS);
        Stump rule = Stump.learn(before);

        assertThat(rule.balancedAccuracy(before)).isGreaterThan(0.9);
        assertThat(rule.balancedAccuracy(after)).isLessThan(0.6);
    }

    @Test
    void theChangeHappensAtTheChosenIndexOnly() {
        List<Payment> never = new PaymentsGenerator(CONFIG.withChangeAt(PaymentsGenerator.NEVER)).take(CHANGE_AT + 2_000);
        assertThat(never.subList(0, CHANGE_AT)).isEqualTo(payments.subList(0, CHANGE_AT));
        assertThat(never.subList(CHANGE_AT, CHANGE_AT + 2_000)).noneMatch(p -> p.merchantCategory().equals(PaymentsGenerator.NEW_CATEGORY));
    }

    @Test
    void aPaymentRefusesABadLabelALabelBeforeItsEventAndOtherFeatureTypes() {
        Map<String, Object> features = Map.of("amount", 1.0);
        assertThatThrownBy(() -> new Payment("e", "a", 10, features, 2, 10)).hasMessageContaining("label must be 0 or 1");
        assertThatThrownBy(() -> new Payment("e", "a", 10, features, 0, 9)).hasMessageContaining("before event time");
        assertThatThrownBy(() -> new Payment("e", "a", 10, Map.of("amount", 1), 0, 10))
            .hasMessageContaining("must be a Double or a String");
        assertThat(new Payment("e", "a", 10, features, 1, 250).labelDelayMs()).isEqualTo(240);
    }

    @Test
    void configRefusesNonsense() {
        assertThatThrownBy(() -> CONFIG.withAccounts(0)).hasMessageContaining("accounts");
        assertThatThrownBy(() -> CONFIG.withFraudRate(0.7)).hasMessageContaining("fraudRate");
        assertThatThrownBy(() -> CONFIG.withChangeAt(-1)).hasMessageContaining("changeAt");
        assertThatThrownBy(() -> CONFIG.withMeanGapMs(0)).hasMessageContaining("meanGapMs");
        assertThatThrownBy(() -> CONFIG.withLabelDelay(-1, 10)).hasMessageContaining("labelDelayMinMs");
    }

    /** The best single-feature threshold rule by balanced accuracy: the simplest fraud model a team would ship. */
    private record Stump(ToDoubleFunction<Payment> feature, double threshold, boolean above) {

        static Stump learn(List<Payment> training) {
            Stump best = null;
            double bestScore = -1;
            for (ToDoubleFunction<Payment> feature : List.<ToDoubleFunction<Payment>>of(Payment::amount, Payment::hour,
                Payment::distanceKm)) {
                List<Payment> sorted = training.stream().sorted(java.util.Comparator.comparingDouble(feature)).toList();
                double frauds = sorted.stream().filter(Payment::isFraud).count();
                double genuines = sorted.size() - frauds;
                double fraudsAtOrBelow = 0;
                double genuinesAtOrBelow = 0;
                for (int i = 0; i < sorted.size(); i++) {
                    Payment p = sorted.get(i);
                    fraudsAtOrBelow += p.label();
                    genuinesAtOrBelow += 1 - p.label();
                    double value = feature.applyAsDouble(p);
                    if (i + 1 < sorted.size() && feature.applyAsDouble(sorted.get(i + 1)) == value) {
                        continue;
                    }
                    double aboveScore = ((frauds - fraudsAtOrBelow) / frauds + genuinesAtOrBelow / genuines) / 2;
                    if (Math.max(aboveScore, 1 - aboveScore) > bestScore) {
                        bestScore = Math.max(aboveScore, 1 - aboveScore);
                        best = new Stump(feature, value, aboveScore >= 0.5);
                    }
                }
            }
            return best;
        }

        boolean saysFraud(Payment p) {
            return above == feature.applyAsDouble(p) > threshold;
        }

        double balancedAccuracy(List<Payment> data) {
            double fraudCaught = share(data.stream().filter(Payment::isFraud).toList(), p -> saysFraud(p) ? 1 : 0);
            double genuinePassed = share(data.stream().filter(p -> !p.isFraud()).toList(), p -> saysFraud(p) ? 0 : 1);
            return (fraudCaught + genuinePassed) / 2;
        }
    }

    private static List<Payment> firstDays(List<Payment> data, int days) {
        long end = CONFIG.startTimeMs() + days * DAY_MS;
        List<Payment> within = data.stream().filter(p -> p.eventTimeMs() < end).toList();
        assertThat(within.size()).as("the data reach past %d days", days).isLessThan(data.size());
        return within;
    }

    private static double fraudShare(List<Payment> data) {
        return share(data, p -> p.label());
    }

    private static double share(List<Payment> data, ToDoubleFunction<Payment> indicator) {
        return data.stream().mapToDouble(indicator).average().orElse(0);
    }

    private static double median(List<Payment> data, ToDoubleFunction<Payment> value) {
        double[] sorted = data.stream().mapToDouble(value).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    @Test
    void theConfigurationTakesTheGivenOptionsOverTheDefaultsAndRefusesUnknownOnes() {
        PaymentsGenerator.Config config = Generators.paymentsConfig(Map.of("meanGapMs", "0.1", "accounts", "50"), 7, 100L);

        assertThat(config.meanGapMs()).isEqualTo(0.1);
        assertThat(config.accounts()).isEqualTo(50);
        assertThat(config.fraudRate()).isEqualTo(PaymentsGenerator.Config.DEFAULT.fraudRate());
        assertThat(config.changeAt()).isEqualTo(100L);
        assertThatThrownBy(() -> Generators.paymentsConfig(Map.of("meanGap", "1"), 7, null))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payments has no option meanGap");
        assertThatThrownBy(() -> Generators.paymentsConfig(Map.of("meanGapMs", "0"), 7, null))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("meanGapMs");
    }
}

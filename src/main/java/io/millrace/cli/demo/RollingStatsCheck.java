package io.millrace.cli.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.kafka.streams.errors.InvalidStateStoreException;

import io.millrace.learning.generators.PaymentsGenerator;
import io.millrace.speed.stats.RollingStatsQueries;
import io.millrace.speed.stats.StatsSummary;
import io.millrace.speed.stats.WindowedStats;

/**
 * The demo's check of the speed layer's rolling statistics, read back through its interactive queries: for every
 * account and for all accounts together, the count, mean, minimum and maximum of {@code amount} over the tumbling
 * windows that cover the whole stream, against the exact values computed from the payments produced. Counts, minima
 * and maxima must be equal; means equal within 1e-9 relative (slices merge in another order than a plain sum).
 */
final class RollingStatsCheck {

    private static final double RELATIVE_TOLERANCE = 1e-9;
    private static final int ATTEMPTS = 20;
    private static final Duration RETRY_PAUSE = Duration.ofMillis(250);

    private RollingStatsCheck() {
    }

    static StatsCheck.Result compare(ProducedLedger ledger, RollingStatsQueries queries) throws InterruptedException {
        Map<String, List<Double>> amounts = new TreeMap<>();
        Instant first = null;
        Instant last = null;
        for (ProducedLedger.ProducedPayment payment : ledger.payments().values()) {
            amounts.computeIfAbsent(payment.entity(), entity -> new ArrayList<>()).add(payment.amount());
            first = first == null || payment.eventTime().isBefore(first) ? payment.eventTime() : first;
            last = last == null || payment.eventTime().isAfter(last) ? payment.eventTime() : last;
        }
        if (first == null) {
            return new StatsCheck.Result(0, 0, List.of());
        }
        Instant from = first.truncatedTo(ChronoUnit.MINUTES);
        Instant to = last;
        Tally tally = new Tally();
        List<Double> all = new ArrayList<>();
        for (Map.Entry<String, List<Double>> account : amounts.entrySet()) {
            all.addAll(account.getValue());
            Optional<WindowedStats> read = withRetries(() ->
                queries.mergedEntityStats(account.getKey(), PaymentsGenerator.AMOUNT, RollingStatsQueries.Windows.TUMBLING, from, to));
            tally.compare(account.getKey(), account.getValue(), read);
        }
        tally.compare("all accounts", all, withRetries(() ->
            queries.mergedFeatureStats(PaymentsGenerator.AMOUNT, RollingStatsQueries.Windows.TUMBLING, from, to)));
        return new StatsCheck.Result(tally.checked, tally.mismatches, tally.examples);
    }

    /** Counts the statistics compared and the ones that differ. */
    private static final class Tally {
        long checked;
        long mismatches;
        final List<String> examples = new ArrayList<>();

        void compare(String who, List<Double> values, Optional<WindowedStats> read) {
            StatsSummary got = read.map(WindowedStats::all).orElse(null);
            double sum = values.stream().mapToDouble(Double::doubleValue).sum();
            check(who, "count", values.size(), got == null ? 0 : got.count(), 0);
            check(who, "mean", sum / values.size(), got == null ? Double.NaN : got.mean(), RELATIVE_TOLERANCE);
            check(who, "min", values.stream().mapToDouble(Double::doubleValue).min().orElseThrow(), got == null ? Double.NaN : got.min(), 0);
            check(who, "max", values.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), got == null ? Double.NaN : got.max(), 0);
        }

        private void check(String who, String statistic, double want, double got, double tolerance) {
            checked++;
            if (!(Math.abs(want - got) <= tolerance * Math.max(1, Math.abs(want)))) {
                mismatches++;
                if (examples.size() < 5) {
                    examples.add(who + ": rolling " + statistic + " of amount " + got + ", produced " + want);
                }
            }
        }
    }

    private interface Query<T> {
        T run();
    }

    /** Stores answer {@link InvalidStateStoreException} while a rebalance moves them: ask again. */
    private static <T> T withRetries(Query<T> query) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return query.run();
            } catch (InvalidStateStoreException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                Thread.sleep(RETRY_PAUSE.toMillis());
            }
        }
    }
}

package io.millrace.cli.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.millrace.schemas.Event;

/**
 * The demo's statistics check: per entity (account), the number of valid events and the sum of their
 * {@code amount}, as the speed layer's {@code valid-events} topic holds them, against the exact values computed
 * from the payments the demo produced. Two statistics per account; a count must be equal, a sum equal within
 * 1e-9 relative (the order of additions differs). Catches a lost, duplicated or altered event in ingest.
 */
final class StatsCheck {

    private static final double RELATIVE_TOLERANCE = 1e-9;

    /** How many statistics were compared, how many differ, and the first few differences. */
    record Result(long checked, long mismatches, List<String> examples) {
    }

    private StatsCheck() {
    }

    static Result compare(ProducedLedger ledger, List<OutputTopics.Read<Event>> validEvents) {
        Map<String, double[]> expected = new HashMap<>();
        for (ProducedLedger.ProducedPayment payment : ledger.payments().values()) {
            double[] stats = expected.computeIfAbsent(payment.entity(), entity -> new double[2]);
            stats[0]++;
            stats[1] += payment.amount();
        }
        Map<String, double[]> actual = new HashMap<>();
        for (OutputTopics.Read<Event> read : validEvents) {
            Event event = read.value();
            double[] stats = actual.computeIfAbsent(event.getEntity(), entity -> new double[2]);
            stats[0]++;
            Object amount = event.getFeatures().get("amount");
            stats[1] += amount instanceof Number n ? n.doubleValue() : Double.NaN;
        }
        long checked = 0;
        long mismatches = 0;
        List<String> examples = new ArrayList<>();
        Map<String, double[]> all = new HashMap<>(expected);
        actual.keySet().forEach(entity -> all.putIfAbsent(entity, new double[2]));
        for (String entity : all.keySet()) {
            double[] want = expected.getOrDefault(entity, new double[2]);
            double[] got = actual.getOrDefault(entity, new double[2]);
            checked += 2;
            if (want[0] != got[0]) {
                mismatches++;
                note(examples, entity + ": " + (long) got[0] + " valid events, produced " + (long) want[0]);
            }
            if (Math.abs(want[1] - got[1]) > RELATIVE_TOLERANCE * Math.max(1, Math.abs(want[1]))) {
                mismatches++;
                note(examples, entity + ": amounts sum to " + got[1] + ", produced " + want[1]);
            }
        }
        return new Result(checked, mismatches, examples);
    }

    private static void note(List<String> examples, String text) {
        if (examples.size() < 5) {
            examples.add(text);
        }
    }
}

package io.millrace.cli.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.millrace.schemas.DeadLetter;
import io.millrace.schemas.DriftAlert;
import io.millrace.schemas.Event;
import io.millrace.schemas.ModelVersion;
import io.millrace.schemas.Prediction;
import io.millrace.schemas.Route;
import io.millrace.schemas.SubjectKind;
import io.millrace.speed.TopicNames;

/**
 * Compares what the speed layer wrote with what the demo produced: the report's figures and the checks that
 * decide the demo's exit code. Pure: the ledger and the topics' records in, a {@link ScenarioResult} out.
 */
public final class ScenarioAnalysis {

    private final ScenarioSettings settings;
    private final ProducedLedger ledger;
    private final TopicNames topics;

    public ScenarioAnalysis(ScenarioSettings settings, ProducedLedger ledger) {
        this.settings = settings;
        this.ledger = ledger;
        this.topics = settings.topics();
    }

    /** The figures and checks of one run that took {@code seconds}. */
    public ScenarioResult analyse(List<OutputTopics.Read<Event>> validEvents, List<OutputTopics.Read<DeadLetter>> deadLetters,
                           List<OutputTopics.Read<Prediction>> predictions, List<OutputTopics.Read<DriftAlert>> alerts,
                           List<OutputTopics.Read<ModelVersion>> versions, StatsCheck.Result rolling, double seconds) {
        List<Check> checks = new ArrayList<>();
        checks.add(deadLettersMatch(deadLetters));
        checks.add(everyPaymentValidOnce(validEvents));
        checks.add(onePredictionPerEvent(predictions, validEvents));
        ModelVersion newest = newest(versions);
        long labelsJoined = newest == null ? 0 : newest.getProvenance().getExamplesSeen();
        int labelsWritten = ledger.labels().size();
        checks.add(new Check("labels joined", labelsWritten > 0 && labelsJoined == labelsWritten,
            labelsJoined + " of " + labelsWritten + " delayed labels joined to their event and learned from"));
        StatsCheck.Result stats = StatsCheck.compare(ledger, validEvents);
        checks.add(new Check("statistics", stats.checked() > 0 && stats.mismatches() == 0,
            stats.checked() + " per-account statistics (valid events, sum of amounts) checked against what was produced, "
                + stats.mismatches() + " differ" + (stats.examples().isEmpty() ? "" : ": " + String.join("; ", stats.examples()))));

        checks.add(new Check("rolling statistics", rolling.checked() > 0 && rolling.mismatches() == 0,
            rolling.checked() + " rolling statistics of amount (count, mean, min, max per account and over all, read from the"
                + " speed layer's tumbling windows) checked against what was produced, " + rolling.mismatches() + " differ"
                + (rolling.examples().isEmpty() ? "" : ": " + String.join("; ", rolling.examples()))));

        Accuracy accuracy = accuracy(predictions);
        List<Integer> alertIndices = alertIndices(alerts);
        Long detectedAt = alertIndices.stream().filter(index -> index >= settings.driftAt()).findFirst()
            .map(Integer::longValue).orElse(null);
        ScenarioReport report = new ScenarioReport(ledger.paymentCount(), ledger.badRecords().size(), deadLetters.size(),
            validEvents.size(), predictions.size(), labelsJoined, settings.driftAt(), detectedAt,
            accuracy.before(), accuracy.after(), accuracy.recovery(), stats.checked() + rolling.checked(),
            stats.mismatches() + rolling.mismatches(), seconds);
        return new ScenarioResult(report, checks, alertIndices, featureAlerts(alerts, validEvents), versionRange(versions), newest,
            reasons(deadLetters));
    }

    /** One injected bad record per dead letter, at its partition and offset of {@code events}, with the expected reason. */
    private Check deadLettersMatch(List<OutputTopics.Read<DeadLetter>> deadLetters) {
        Map<String, ProducedLedger.InjectedBadRecord> injected = new HashMap<>();
        for (ProducedLedger.InjectedBadRecord bad : ledger.badRecords()) {
            injected.put(bad.partition() + "@" + bad.offset(), bad);
        }
        Set<String> matched = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (OutputTopics.Read<DeadLetter> read : deadLetters) {
            DeadLetter letter = read.value();
            String where = letter.getSourcePartition() + "@" + letter.getSourceOffset();
            ProducedLedger.InjectedBadRecord bad = letter.getSourceTopic().equals(topics.events()) ? injected.get(where) : null;
            if (bad == null) {
                problems.add("unexpected " + letter.getReasonCode() + " from " + letter.getSourceTopic() + " " + where);
            } else if (!matched.add(where)) {
                problems.add("a second dead letter for the bad record at " + topics.events() + " " + where);
            } else if (!bad.expectedReason().name().equals(letter.getReasonCode())) {
                problems.add(bad.kind() + " at " + where + " dead-lettered as " + letter.getReasonCode() + ", expected "
                    + bad.expectedReason());
            }
        }
        int missing = injected.size() - matched.size();
        if (missing > 0) {
            problems.add(missing + " injected bad records have no dead letter");
        }
        return new Check("dead letters", problems.isEmpty(), problems.isEmpty()
            ? deadLetters.size() + " dead letters, one for each of the " + injected.size()
                + " injected bad records, at its partition and offset, with the expected reason"
            : String.join("; ", problems.subList(0, Math.min(5, problems.size())))
                + (problems.size() > 5 ? "; and " + (problems.size() - 5) + " more" : ""));
    }

    private Check everyPaymentValidOnce(List<OutputTopics.Read<Event>> validEvents) {
        Set<String> produced = new HashSet<>();
        ledger.payments().values().forEach(payment -> produced.add(payment.id()));
        Set<String> seen = new HashSet<>();
        long duplicates = 0;
        long unexpected = 0;
        for (OutputTopics.Read<Event> read : validEvents) {
            String id = read.value().getId();
            if (!seen.add(id)) {
                duplicates++;
            } else if (!produced.contains(id)) {
                unexpected++;
            }
        }
        long missing = produced.stream().filter(id -> !seen.contains(id)).count();
        boolean ok = duplicates == 0 && unexpected == 0 && missing == 0;
        return new Check("valid events", ok, ok
            ? validEvents.size() + " valid events: every payment produced, once"
            : missing + " payments missing, " + duplicates + " counted twice, " + unexpected + " not produced as payments");
    }

    private Check onePredictionPerEvent(List<OutputTopics.Read<Prediction>> predictions, List<OutputTopics.Read<Event>> validEvents) {
        Set<String> keys = new HashSet<>();
        Set<String> answered = new HashSet<>();
        long duplicates = 0;
        for (OutputTopics.Read<Prediction> read : predictions) {
            Prediction prediction = read.value();
            if (!keys.add(prediction.getEventId() + "|" + prediction.getModelName() + "|" + prediction.getRoute())) {
                duplicates++;
            }
            if (prediction.getRoute() != Route.SHADOW) {
                answered.add(prediction.getEventId() + "|" + prediction.getModelName());
            }
        }
        long unanswered = validEvents.stream()
            .filter(read -> !answered.contains(read.value().getId() + "|" + ScenarioSettings.MODEL)).count();
        boolean ok = !predictions.isEmpty() && duplicates == 0 && unanswered == 0;
        return new Check("predictions", ok, ok
            ? predictions.size() + " predictions: one per valid event, model and route"
            : predictions.size() + " predictions, " + duplicates + " repeated for the same event, model and route, "
                + unanswered + " valid events without an answer from model " + ScenarioSettings.MODEL);
    }

    /** Production accuracy over [K - w, K), [K, K + w) and [K + w, N). */
    private Accuracy accuracy(List<OutputTopics.Read<Prediction>> predictions) {
        int k = settings.driftAt();
        int w = settings.accuracyWindow();
        long[] right = new long[3];
        long[] total = new long[3];
        for (OutputTopics.Read<Prediction> read : predictions) {
            Prediction prediction = read.value();
            if (prediction.getRoute() != Route.PRODUCTION || !prediction.getModelName().equals(ScenarioSettings.MODEL)) {
                continue;
            }
            int index = ProducedLedger.indexOf(prediction.getEventId());
            Double label = ledger.labelOf(prediction.getEventId());
            if (index < 0 || label == null || prediction.getPredictedClass() == null) {
                continue;
            }
            int range = index < k - w ? -1 : index < k ? 0 : index < k + w ? 1 : 2;
            if (range < 0) {
                continue;
            }
            total[range]++;
            if (Double.parseDouble(prediction.getPredictedClass()) == label) {
                right[range]++;
            }
        }
        return new Accuracy(share(right[0], total[0]), share(right[1], total[1]), share(right[2], total[2]));
    }

    private record Accuracy(Double before, Double after, Double recovery) {
    }

    private static Double share(long right, long total) {
        return total == 0 ? null : right / (double) total;
    }

    /** The stream index of the payment whose label raised each alert of the model, in the order raised. */
    /** A drift alert about a feature's distribution: the feature, the test, and the payment whose arrival closed the window. */
    public record FeatureAlert(String feature, String detector, double statistic, int payment) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%s %s %.3f at payment %,d", feature, detector, statistic, payment);
        }
    }

    /**
     * Feature alerts in the order raised, each placed at the payment whose record it names (-1 if none): the speed
     * layer names the {@code events} record of the event whose arrival closed the window; a layer that read
     * {@code valid-events} back names that record.
     */
    private List<FeatureAlert> featureAlerts(List<OutputTopics.Read<DriftAlert>> alerts, List<OutputTopics.Read<Event>> validEvents) {
        Map<String, Integer> paymentAt = new HashMap<>();
        for (OutputTopics.Read<Event> read : validEvents) {
            paymentAt.put(topics.validEvents() + "/" + read.partition() + "@" + read.offset(),
                ProducedLedger.indexOf(read.value().getId()));
        }
        ledger.payments().values().forEach(payment -> paymentAt.put(
            topics.events() + "/" + payment.partition() + "@" + payment.offset(), payment.index()));
        List<FeatureAlert> found = new ArrayList<>();
        for (OutputTopics.Read<DriftAlert> read : alerts) {
            DriftAlert alert = read.value();
            if (alert.getSubjectKind() != SubjectKind.FEATURE) {
                continue;
            }
            int payment = alert.getOffsets().stream()
                .map(range -> paymentAt.getOrDefault(range.getTopic() + "/" + range.getPartition() + "@" + range.getFromOffset(), -1))
                .findFirst().orElse(-1);
            found.add(new FeatureAlert(alert.getSubject(), alert.getDetector(), alert.getStatistic(), payment));
        }
        return found;
    }

    private static List<Integer> alertIndices(List<OutputTopics.Read<DriftAlert>> alerts) {
        List<Integer> indices = new ArrayList<>();
        for (OutputTopics.Read<DriftAlert> read : alerts) {
            DriftAlert alert = read.value();
            String id = alert.getAlertId();
            if (alert.getSubject().equals(ScenarioSettings.MODEL) && id.startsWith(ScenarioSettings.MODEL + "/")) {
                int index = ProducedLedger.indexOf(id.substring(ScenarioSettings.MODEL.length() + 1));
                if (index >= 0) {
                    indices.add(index);
                }
            }
        }
        return indices;
    }

    private static ModelVersion newest(List<OutputTopics.Read<ModelVersion>> versions) {
        ModelVersion newest = null;
        for (OutputTopics.Read<ModelVersion> read : versions) {
            ModelVersion version = read.value();
            if (version.getModelName().equals(ScenarioSettings.MODEL) && (newest == null || version.getVersion() > newest.getVersion())) {
                newest = version;
            }
        }
        return newest;
    }

    private static int[] versionRange(List<OutputTopics.Read<ModelVersion>> versions) {
        int first = Integer.MAX_VALUE;
        int last = 0;
        for (OutputTopics.Read<ModelVersion> read : versions) {
            if (read.value().getModelName().equals(ScenarioSettings.MODEL)) {
                first = Math.min(first, read.value().getVersion());
                last = Math.max(last, read.value().getVersion());
            }
        }
        return last == 0 ? new int[0] : new int[] {first, last};
    }

    private static Map<String, Integer> reasons(List<OutputTopics.Read<DeadLetter>> deadLetters) {
        Map<String, Integer> reasons = new TreeMap<>();
        deadLetters.forEach(read -> reasons.merge(read.value().getReasonCode(), 1, Integer::sum));
        return reasons;
    }

    /** One self-check of the demo: its name, verdict and what it found. */
    public record Check(String name, boolean passed, String detail) {
    }

    /**
     * A run's report, its checks, and what the summary shows besides: the payment index of every drift alert in the
     * order raised, the first and last version number of the model, its newest version, and dead letters by reason.
     */
    public record ScenarioResult(ScenarioReport report, List<Check> checks, List<Integer> alertIndices,
                          List<FeatureAlert> featureAlerts, int[] versions,
                          ModelVersion newestVersion, Map<String, Integer> deadLetterReasons) {

        public boolean passed() {
            return checks.stream().allMatch(Check::passed);
        }
    }
}

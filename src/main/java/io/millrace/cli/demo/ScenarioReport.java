package io.millrace.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The payments demo's report, the JSON {@code millrace demo --report FILE} writes: exactly these fields, in this
 * order (later layers add theirs). Counts come from the topics as committed; the definitions are those of
 * {@code millrace demo --help} and {@code src/README.md}.
 *
 * @param eventsProduced         payments written to {@code events}
 * @param badRecordsInjected     bad records written to {@code events} on purpose
 * @param deadLetters            records on {@code dead-letters}
 * @param validEvents            records on {@code valid-events}
 * @param predictions            records on {@code predictions} (every model and route)
 * @param labelsJoined           examples the model learned from ({@code examples_seen} of its newest version): each is
 *                               a delayed label joined to the event it belongs to
 * @param driftInjectedAt        K, the index of the first payment of the new fraud pattern
 * @param driftDetectedAt        index of the payment whose label raised the first drift alert at or after K; null when none
 * @param accuracyBeforeDrift    production accuracy over payments [K - w, K); null when none was scored and labelled
 * @param accuracyAfterDrift     over [K, K + w)
 * @param accuracyAfterRecovery  over [K + w, N)
 * @param statsChecked           statistics compared with the exact values computed from what was produced
 * @param statsMismatches        of those, how many differ
 * @param durationS              wall-clock seconds from topic creation to the report
 */
public record ScenarioReport(long eventsProduced, long badRecordsInjected, long deadLetters, long validEvents,
                             long predictions, long labelsJoined, long driftInjectedAt, Long driftDetectedAt,
                             Double accuracyBeforeDrift, Double accuracyAfterDrift, Double accuracyAfterRecovery,
                             long statsChecked, long statsMismatches, double durationS) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The report as an ordered map of its JSON fields. */
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("events_produced", eventsProduced);
        fields.put("bad_records_injected", badRecordsInjected);
        fields.put("dead_letters", deadLetters);
        fields.put("valid_events", validEvents);
        fields.put("predictions", predictions);
        fields.put("labels_joined", labelsJoined);
        fields.put("drift_injected_at", driftInjectedAt);
        fields.put("drift_detected_at", driftDetectedAt);
        fields.put("accuracy_before_drift", round(accuracyBeforeDrift));
        fields.put("accuracy_after_drift", round(accuracyAfterDrift));
        fields.put("accuracy_after_recovery", round(accuracyAfterRecovery));
        fields.put("stats_checked", statsChecked);
        fields.put("stats_mismatches", statsMismatches);
        fields.put("duration_s", Math.round(durationS * 10) / 10.0);
        return fields;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(fields());
        } catch (IOException e) {
            throw new IllegalStateException("could not write the report as JSON", e);
        }
    }

    /** Writes {@link #toJson()} to {@code file}, creating its directory. */
    public void writeTo(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson() + System.lineSeparator());
    }

    private static Double round(Double accuracy) {
        return accuracy == null ? null : Math.round(accuracy * 10_000) / 10_000.0;
    }
}

package io.millrace.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import io.millrace.cli.demo.PaymentsScenario;
import io.millrace.learning.Learners;
import io.millrace.speed.presets.PaymentsModel;
import io.millrace.cli.demo.ScenarioAnalysis;
import io.millrace.cli.demo.ScenarioReport;
import io.millrace.cli.demo.ScenarioSettings;
import io.millrace.speed.TopicNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code millrace demo}: the payments scenario through the speed layer on the embedded dev cluster, checked. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Runs Millrace's payments scenario end to end and checks it. Starts the embedded dev cluster",
        "(or uses an external one), creates the topics, registers every schema, registers version 1",
        "(untrained) of a fraud model, runs one speed-layer instance in this JVM (ingest, scoring,",
        "delayed-label join, online learning with checkpoints, ADWIN drift detection on the model's",
        "errors), then produces --events card payments (--fraud-rate of them fraud) with their",
        "delayed labels, bad records at --bad-ratio, and an abrupt change of the fraud pattern at",
        "payment --drift-at (stolen cards abroad before, card testing in gift cards after). It waits",
        "until every payment is validated and scored and every label joined and learned from, reads",
        "the output topics, prints a summary and writes the report (--report).",
        "",
        "Exits 0 when every check passes, 1 otherwise. The checks: the dead letters are the injected",
        "bad records one for one (same partition and offset of the events topic, the expected reason);",
        "valid-events holds every payment once; one prediction per valid event, model and route;",
        "every label joined; every statistic equal to its exact value.",
        "",
        "The report's fields (N payments, K = --drift-at, w = min(2000, K, (N - K) / 2)):",
        "  events_produced          payments written to the events topic (N)",
        "  bad_records_injected     bad records written to the events topic on purpose",
        "  dead_letters             records on the dead-letters topic",
        "  valid_events             records on the valid-events topic",
        "  predictions              records on the predictions topic (every model and route)",
        "  labels_joined            labelled examples the model learned from: examples_seen of its",
        "                           newest version on the models topic (each is one delayed label",
        "                           joined to the payment it belongs to)",
        "  drift_injected_at        K, the index (0-based) of the first payment of the new pattern",
        "  drift_detected_at        index of the payment whose label raised the first drift alert",
        "                           at or after K (alerts in the order raised); null when none",
        "  accuracy_before_drift    share of production predictions equal to the label, payments",
        "                           [K - w, K); null when none",
        "  accuracy_after_drift     the same over payments [K, K + w)",
        "  accuracy_after_recovery  the same over payments [K + w, N)",
        "  stats_checked            statistics compared with exact values computed from what was",
        "                           produced: per account, the count of valid events and the sum of",
        "                           their amounts",
        "  stats_mismatches         of those, how many differ (a sum may differ by 1e-9 relative)",
        "  duration_s               wall-clock seconds from topic creation to the report",
        ""})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--events", paramLabel = "N", defaultValue = "" + ScenarioSettings.DEFAULT_EVENTS,
        description = "Payments to produce (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--drift-at", paramLabel = "K", description = "Index of the first payment of the new fraud pattern (default: N / 2).")
    Integer driftAt;

    @Option(names = "--bad-ratio", paramLabel = "F", defaultValue = "" + ScenarioSettings.DEFAULT_BAD_RATIO,
        description = "Share of bad records injected after payments, 0 to 1 (default: ${DEFAULT-VALUE}).")
    double badRatio;

    @Option(names = "--learner", paramLabel = "KIND", defaultValue = ScenarioSettings.DEFAULT_LEARNER,
        description = "Learner of the fraud model: hoeffding-tree, hoeffding-adaptive-tree, logistic-regression, naive-bayes or mlp (default: ${DEFAULT-VALUE}).")
    String learner;

    @Option(names = "--fraud-rate", paramLabel = "F", defaultValue = "" + ScenarioSettings.DEFAULT_FRAUD_RATE,
        description = "Expected share of fraud among payments (default: ${DEFAULT-VALUE}).")
    double fraudRate;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "" + ScenarioSettings.DEFAULT_RATE,
        description = {"Payments produced per second, as a live stream (default: ${DEFAULT-VALUE}); 0 replays them as fast",
            "as possible, and scoring then runs ahead of learning: the model served lags the labels."})
    double rate;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the report as JSON to FILE.")
    Path report;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the payments and the bad records (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
        description = "Longest wait for the speed layer to process everything (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--topic-prefix", defaultValue = TopicNames.DEFAULT_PREFIX, description = "Prefix of every topic name (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--partitions", defaultValue = "3", description = "Partitions of topics the demo creates (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Mixin
    ClusterOptions cluster;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path stateDir = Files.createTempDirectory("millrace-demo-state");
        try {
            ScenarioSettings settings = settings(stateDir);
            Learners.create(learner, PaymentsModel.features().header(), java.util.Map.of());
            return run(out, settings);
        } finally {
            deleteTree(stateDir);
        }
    }

    private int run(PrintWriter out, ScenarioSettings settings) throws Exception {
        try (ClusterOptions.ClusterConnection connection = cluster.connect()) {
            printWhere(out, connection);
            PaymentsScenario scenario = new PaymentsScenario(connection.bootstrapServers(), connection.registryUrl(), settings);
            printPlan(out, settings);
            PaymentsScenario.Run run = scenario.run();
            printResult(out, settings, run);
            if (report != null) {
                run.result().report().writeTo(report);
                out.println("  report     " + report.toAbsolutePath());
            }
            out.flush();
            return run.completed() && run.result().passed() ? 0 : 1;
        }
    }

    private ScenarioSettings settings(Path stateDir) {
        int k = driftAt != null ? driftAt : events / 2;
        return new ScenarioSettings(events, k, badRatio, fraudRate, rate, learner, seed, new TopicNames(topicPrefix), partitions,
            "millrace-demo-" + topicPrefix.replaceAll("[^a-zA-Z0-9._-]", ""), stateDir,
            ScenarioSettings.DEFAULT_CHECKPOINT_EVERY, Duration.ofSeconds(timeoutSeconds));
    }

    private static void printWhere(PrintWriter out, ClusterOptions.ClusterConnection connection) {
        out.println("Millrace demo: card payments, fraud learned online, a change of fraud pattern");
        if (connection.isEmbedded()) {
            out.printf("  broker     %s  (KRaft, single node, in this JVM, pid %d; started in %.1f s)%n",
                connection.bootstrapServers(), ProcessHandle.current().pid(), connection.embedded().startupMillis() / 1000.0);
            out.printf("  registry   %s  (Apicurio Registry, child process, in-memory)%n", connection.registryUrl());
        } else {
            out.printf("  broker     %s  (external)%n", connection.bootstrapServers());
            out.printf("  registry   %s  (external)%n", connection.registryUrl());
        }
        out.flush();
    }

    private static void printPlan(PrintWriter out, ScenarioSettings settings) {
        out.printf("  speed      one instance in this JVM, application %s, exactly-once, state in %s%n",
            settings.applicationId(), settings.stateDir());
        out.printf("  model      %s: %s over the payments preset, version 1 untrained, checkpoint every %d examples,%n",
            ScenarioSettings.MODEL, settings.learner(), settings.checkpointEvery());
        out.println("             ADWIN on its error stream");
        out.printf("  stream     %,d payments (%s), %.0f%% fraud; pattern changes at payment %,d; labels delayed; %.1f%% bad records%n",
            settings.events(), settings.rate() > 0 ? String.format(Locale.ROOT, "%.0f a second", settings.rate()) : "as fast as possible",
            settings.fraudRate() * 100, settings.driftAt(), settings.badRatio() * 100);
        out.flush();
    }

    private static void printResult(PrintWriter out, ScenarioSettings settings, PaymentsScenario.Run run) {
        ScenarioAnalysis.ScenarioResult result = run.result();
        ScenarioReport report = result.report();
        out.printf("  schemas    %d registered (%s)%n", run.schemaIds().size(), String.join(", ", run.schemaIds().keySet()));
        out.printf("  produced   %,d payments, %,d delayed labels, %,d bad records in %.1f s%n", run.produced().events(),
            run.produced().labels(), run.produced().badTotal(), run.produced().seconds());
        if (!run.completed()) {
            out.println("  WAIT       the speed layer did not process everything within the timeout; figures are partial");
        }
        out.printf("  ingest     %,d valid events, %,d dead letters %s%n", report.validEvents(), report.deadLetters(),
            result.deadLetterReasons());
        out.printf("  scoring    %,d predictions; model versions %s%n", report.predictions(), versions(result.versions()));
        out.printf("  learning   %,d labels joined and learned from%n", report.labelsJoined());
        out.printf("  drift      injected at %,d; %s; %d alert(s) in all, %d before the change%n", report.driftInjectedAt(),
            report.driftDetectedAt() == null ? "no alert at or after it"
                : String.format(Locale.ROOT, "first alert at or after it from payment %,d (%,d later)", report.driftDetectedAt(),
                    report.driftDetectedAt() - report.driftInjectedAt()),
            result.alertIndices().size(), result.alertIndices().stream().filter(i -> i < settings.driftAt()).count());
        out.printf("  features   %d feature drift alert(s) (PSI/KS per partition against each task's first hour)%s%n",
            result.featureAlerts().size(), result.featureAlerts().isEmpty() ? ""
                : ": " + result.featureAlerts().stream().limit(6).map(Object::toString).collect(java.util.stream.Collectors.joining("; "))
                    + (result.featureAlerts().size() > 6 ? "; ..." : ""));
        int k = settings.driftAt();
        int w = settings.accuracyWindow();
        out.printf("  accuracy   %s before [%d, %d), %s after the change [%d, %d), %s after recovery [%d, %d)%n",
            percent(report.accuracyBeforeDrift()), k - w, k, percent(report.accuracyAfterDrift()), k, k + w,
            percent(report.accuracyAfterRecovery()), k + w, settings.events());
        for (ScenarioAnalysis.Check check : result.checks()) {
            out.printf("  check      %s %s: %s%n", check.passed() ? "ok    " : "FAILED", check.name(), check.detail());
        }
        out.printf("  checks     %s in %.1f s%n", run.completed() && result.passed() ? "PASSED" : "FAILED", report.durationS());
    }

    private static String versions(int[] range) {
        return range.length == 0 ? "none" : "v" + range[0] + " to v" + range[1];
    }

    private static String percent(Double share) {
        return share == null ? "n/a" : String.format(Locale.ROOT, "%.2f%%", share * 100);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            List<Path> all = paths.sorted(Comparator.reverseOrder()).toList();
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        }
    }
}

package io.millrace.speed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.millrace.cli.demo.OutputTopics;
import io.millrace.cli.demo.PaymentsScenario;
import io.millrace.cli.demo.ScenarioAnalysis;
import io.millrace.cli.demo.ScenarioReport;
import io.millrace.cli.demo.ScenarioSettings;
import io.millrace.cli.produce.ProduceSummary;
import io.millrace.devcluster.DevCluster;
import io.millrace.devcluster.DevClusterExtension;
import io.millrace.schemas.DriftAlert;
import io.millrace.schemas.ModelVersion;
import io.millrace.speed.config.SpeedLayerConfig;

/**
 * The payments scenario through the whole speed layer on the real broker and registry, as the issue states it:
 * N = {@value #EVENTS} payments produced live at {@value #RATE} a second, 10% fraud, with delayed labels, 1% bad
 * records and an abrupt change of the fraud pattern at K = {@value #DRIFT_AT} (stolen cards abroad before, card testing
 * in gift cards after), scored with the account's last hour of online features and learned from online by a Hoeffding
 * tree with ADWIN on its error stream. The speed layer is stopped twice before the change: restarted once on the same
 * state directory, then once on an empty one (its state restored from the changelogs).
 *
 * <p>Asserted: nothing lost or counted twice across the restarts (valid-events holds each payment once, one
 * prediction per event, model and route, every dead letter one injected bad record at its partition and offset with
 * its reason, every label learned from once: the newest version has seen exactly N examples; the rolling statistics
 * read back through interactive queries equal the exact count, mean, minimum and maximum of what was produced, per
 * account and over all); the learner continues (the first version after each restart has the last one before it as
 * parent and more examples seen); a drift alert fires after the change, from a label of a payment within
 * {@value #DETECTION_BOUND} payments after K (under three hours of event time; offline, {@code PaymentsDriftSignalTest}
 * holds 7,500 over seeds and start hours, and live runs of this test detected 1,396 to 7,169 payments after K: the
 * model here also has the account's last hour, learns card testing sooner, and so makes a smaller error bump);
 * accuracy falls after the change and recovers.
 */
@ExtendWith(DevClusterExtension.class)
class PaymentsScenarioTest {

    private static final int EVENTS = 50_000;
    private static final int DRIFT_AT = EVENTS / 2;
    private static final int DETECTION_BOUND = 10_000;
    private static final double RATE = 500;
    /**
     * The two stops come before the change: an instance that restarts works through the payments that came meanwhile
     * faster than the trainer publishes, scoring them with an older version, and that catching up is not what the
     * accuracy windows around the change are meant to measure.
     */
    private static final int FIRST_STOP = EVENTS / 6;
    private static final int SECOND_STOP = EVENTS / 3;
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(3);

    @Test
    void paymentsThroughTheSpeedLayerWithTwoRestartsAreCountedOnceAndTheModelAdapts(DevCluster cluster, @TempDir Path state,
                                                                                    @TempDir Path emptyState) throws Exception {
        ScenarioSettings settings = new ScenarioSettings(EVENTS, DRIFT_AT, 0.01, ScenarioSettings.DEFAULT_FRAUD_RATE, RATE,
            "hoeffding-tree", 11, new TopicNames("payments-scenario."), 3, "payments-scenario-test", state,
            ScenarioSettings.DEFAULT_CHECKPOINT_EVERY, PHASE_TIMEOUT);
        PaymentsScenario scenario = new PaymentsScenario(cluster.bootstrapServers(), cluster.registryUrl(), settings);
        scenario.prepare();
        SpeedLayerConfig config = scenario.speedLayerConfig();
        long started = System.nanoTime();

        List<ModelVersion> lastBeforeRestart = new ArrayList<>();
        try (OutputTopics out = scenario.outputs()) {
            SpeedLayer first = scenario.startSpeedLayer(config);
            CompletableFuture<ProduceSummary> producing = CompletableFuture.supplyAsync(() -> {
                try {
                    return scenario.produce();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (first) {
                assertThat(scenario.awaitOutputs(out, o -> o.predictionCount() >= FIRST_STOP, PHASE_TIMEOUT, first, null)).isTrue();
            }
            lastBeforeRestart.add(newest(out));
            try (SpeedLayer sameState = scenario.startSpeedLayer(config)) {
                assertThat(scenario.awaitOutputs(out, o -> o.predictionCount() >= SECOND_STOP, PHASE_TIMEOUT, sameState, null)).isTrue();
            }
            lastBeforeRestart.add(newest(out));
            ProduceSummary produced;
            ScenarioAnalysis.ScenarioResult result;
            try (SpeedLayer fresh = scenario.startSpeedLayer(config.withStateDir(emptyState))) {
                produced = producing.get(PHASE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertThat(scenario.awaitOutputs(out, scenario::processedEverything, PHASE_TIMEOUT, fresh, null)).isTrue();
                out.drain(Duration.ofSeconds(1));
                result = scenario.analyse(out, fresh, (System.nanoTime() - started) / 1e9);
            }
            ScenarioReport report = result.report();
            System.out.println("payments scenario: " + report.toJson().replaceAll("\\s+", " ") + " alerts at " + result.alertIndices());

            assertThat(produced.events()).isEqualTo(EVENTS);
            assertThat(result.checks()).allSatisfy(check -> assertThat(check.passed()).as(check.name() + ": " + check.detail()).isTrue());
            assertThat(report.deadLetters()).isEqualTo(report.badRecordsInjected()).isPositive();
            assertThat(report.validEvents()).isEqualTo(EVENTS);
            assertThat(report.predictions()).isEqualTo(EVENTS);
            assertThat(report.labelsJoined()).isEqualTo(EVENTS);
            assertLearnerContinued(out.modelVersions().stream().map(OutputTopics.Read::value).toList(), lastBeforeRestart);
            // alerts name the events record of the event they fired at (and a model's the label's), which the demo
            // places at its payment
            List<DriftAlert> alerts = out.driftAlerts().stream().map(OutputTopics.Read::value).toList();
            assertThat(alerts).isNotEmpty().allSatisfy(alert ->
                assertThat(alert.getOffsets().get(0).getTopic()).isEqualTo(settings.topics().events()));
            // (feature alerts here sit near their thresholds, PSI about 0.3 against 0.25: a run may have none)
            assertThat(result.featureAlerts()).allSatisfy(alert -> assertThat(alert.payment()).isBetween(0, EVENTS - 1));

            assertThat(report.driftDetectedAt()).as("first drift alert at or after K").isNotNull()
                .isBetween((long) DRIFT_AT, (long) DRIFT_AT + DETECTION_BOUND);
            assertThat(report.accuracyAfterDrift()).as("accuracy just after the change").isLessThan(report.accuracyBeforeDrift() - 0.02);
            assertThat(report.accuracyAfterRecovery()).as("accuracy after recovery")
                .isGreaterThan(report.accuracyAfterDrift() + 0.02)
                .isGreaterThan(report.accuracyBeforeDrift() - 0.025);

        }
    }

    /** After each restart, the next version descends from the last one before it and has seen more examples. */
    private static void assertLearnerContinued(List<ModelVersion> all, List<ModelVersion> lastBeforeRestart) {
        List<ModelVersion> versions = all.stream().filter(v -> v.getModelName().equals(ScenarioSettings.MODEL))
            .sorted(Comparator.comparingInt(ModelVersion::getVersion)).toList();
        for (int i = 1; i < versions.size(); i++) {
            assertThat(versions.get(i).getProvenance().getParentVersion()).isEqualTo(versions.get(i - 1).getVersion());
            assertThat(versions.get(i).getProvenance().getExamplesSeen()).isGreaterThan(versions.get(i - 1).getProvenance().getExamplesSeen());
        }
        for (ModelVersion before : lastBeforeRestart) {
            ModelVersion next = versions.stream().filter(v -> v.getVersion() > before.getVersion()).findFirst().orElseThrow();
            assertThat(next.getProvenance().getParentVersion()).isEqualTo(before.getVersion());
            assertThat(next.getProvenance().getExamplesSeen()).isGreaterThan(before.getProvenance().getExamplesSeen());
        }
    }

    private static ModelVersion newest(OutputTopics out) {
        out.drain(Duration.ofMillis(500));
        return out.latestVersion(ScenarioSettings.MODEL);
    }
}

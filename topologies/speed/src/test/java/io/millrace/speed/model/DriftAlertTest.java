package io.millrace.speed.model;

import static io.millrace.speed.model.ModelDriver.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.learning.drift.Detectors;
import io.millrace.learning.drift.DriftDetector;
import io.millrace.learning.generators.ConceptDriftStream;
import io.millrace.learning.generators.Instance;
import io.millrace.learning.generators.SeaGenerator;
import io.millrace.schemas.DriftAlert;
import io.millrace.schemas.Event;
import io.millrace.schemas.OffsetRange;
import io.millrace.schemas.SubjectKind;
import io.millrace.schemas.registry.InMemorySchemaRegistry;
import io.millrace.speed.StoreNames;
import io.millrace.speed.config.ModelSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drift detection on the production answers' error stream, over SEA with an abrupt change of concept. */
class DriftAlertTest {
    private static final int DRIFT_AT = 1500;
    private static final int EVENTS = 3000;

    @TempDir
    Path stateDir;

    @Test
    void anAbruptChangeOfConceptRaisesAnAlertSoonAfterIt() {
        List<DriftAlert> alerts = run("adwin");
        List<DriftAlert> after = alerts.stream().filter(alert -> eventOffset(alert) >= DRIFT_AT).toList();
        assertThat(after).isNotEmpty();
        DriftAlert first = after.get(0);
        assertThat(eventOffset(first)).isLessThan(DRIFT_AT + 500);
        assertThat(first.getSubject()).isEqualTo(ModelDriver.MODEL);
        assertThat(first.getSubjectKind()).isEqualTo(SubjectKind.MODEL);
        assertThat(first.getDetector()).isEqualTo("adwin");
        assertThat(first.getWindow()).contains("errors of sea v");
        assertThat(first.getAlertId()).isEqualTo("sea/e" + eventOffset(first));
        assertThat(first.getOffsets()).hasSize(1);
    }

    @Test
    void theDetectorIsChosenByConfiguration() {
        ModelSettings settings = ModelDriver.seaSettings("naive-bayes").withDriftDetector("page-hinkley", Map.of("lambda", "25"));
        SurvivingStores stores = new SurvivingStores();
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        try (ModelDriver driver = new ModelDriver(stateDir, settings, stores, registry)) {
            driver.publish(1, io.millrace.schemas.Stage.PRODUCTION, 0, "naive-bayes", NOW.minusSeconds(60));
            driver.send(ModelDriver.event("e1", "acct-1", 1, 2, 3, "groupB"), NOW);
        }
        // the detector lives in the trainer, which writes it to its store on close
        try (ModelDriver driver = new ModelDriver(stateDir, settings, stores, registry)) {
            byte[] state = driver.driver.<String, byte[]>getKeyValueStore(StoreNames.DRIFT_DETECTORS).get(ModelDriver.MODEL);
            DriftDetector detector = Detectors.fromBytes(state);
            assertThat(detector.kind()).isEqualTo("page-hinkley");
            assertThat(detector.observations()).isEqualTo(1);
        }
    }

    @Test
    void anUnknownDetectorOrDdmOnARegressionModelIsRefusedAtStart() {
        assertThatThrownBy(() -> new ModelDriver(stateDir, ModelDriver.seaSettings("naive-bayes").withDriftDetector("cusum", Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cusum");
    }

    private List<DriftAlert> run(String detector) {
        ModelSettings settings = ModelDriver.seaSettings("naive-bayes").withCheckpoints(100, Duration.ofHours(1))
                .withDriftDetector(detector, Map.of());
        ConceptDriftStream stream = ConceptDriftStream.abrupt(
                new SeaGenerator(SeaGenerator.Config.DEFAULT.withFunction(1).withNoisePercentage(0).withSeed(7)),
                new SeaGenerator(SeaGenerator.Config.DEFAULT.withFunction(4).withNoisePercentage(0).withSeed(8)), DRIFT_AT, 11);
        try (ModelDriver driver = new ModelDriver(stateDir, settings)) {
            for (int i = 0; i < EVENTS; i++) {
                Instance instance = stream.next();
                Event event = ModelDriver.event("e" + i, "acct-" + (i % 97), instance.feature(0), instance.feature(1),
                        instance.feature(2), SeaGenerator.HEADER.target().values().get(instance.label()));
                driver.send(event, NOW.plusMillis(i));
            }
            return driver.driftAlerts.readValuesToList();
        }
    }

    /** The valid-events offset at which the alert fired: here the event's index. */
    private static long eventOffset(DriftAlert alert) {
        OffsetRange range = alert.getOffsets().get(0);
        assertThat(range.getTopic()).isEqualTo("test.valid-events");
        return range.getFromOffset();
    }
}

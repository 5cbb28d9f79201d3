package io.millrace.speed.model;

import static io.millrace.speed.model.ModelDriver.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.learning.generators.Instance;
import io.millrace.learning.generators.SeaGenerator;
import io.millrace.schemas.DriftAlert;
import io.millrace.schemas.Event;
import io.millrace.schemas.ModelVersion;
import io.millrace.schemas.Prediction;
import io.millrace.schemas.registry.InMemorySchemaRegistry;
import io.millrace.speed.StoreNames;
import io.millrace.speed.config.ModelSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer keeps its learner live and writes it whole only now and then, so a restart rebuilds it from the
 * last snapshot plus the examples it reads back from {@code training-examples}: a run stopped mid-stream and started
 * again on the same stores must serve and publish exactly what an uninterrupted run on the same stream does, whether
 * it stopped cleanly (processor {@code close()}, which snapshots) or crashed (the state of the last commit, which the
 * replayed examples bring up to date).
 * TopologyTestDriver deletes its state directory on close, so the stores live in {@link SurvivingStores}.
 */
class TrainerRestartTest {
    private static final int EVENTS = 600;
    private static final int STOP_AFTER = 275;
    private static final ModelSettings SETTINGS = ModelDriver.seaSettings("hoeffding-tree")
            .withCheckpoints(50, Duration.ofHours(1));
    private static final List<Event> STREAM = sea(EVENTS);

    /** The schema registry outlives the instances too. */
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @TempDir
    Path stateDir;

    @Test
    void aTrainerClosedMidStreamAndReopenedContinuesExactly() {
        SurvivingStores stores = new SurvivingStores();
        Outputs interrupted = new Outputs();
        try (ModelDriver driver = new ModelDriver(stateDir, SETTINGS, stores, registry)) {
            STREAM.subList(0, STOP_AFTER).forEach(event -> driver.send(event, NOW));
            interrupted.take(driver);
        }
        try (ModelDriver driver = new ModelDriver(stateDir, SETTINGS, stores, registry)) {
            TrainerState snapshot = snapshot(driver);
            assertThat(snapshot.step).as("close wrote the live state").isEqualTo(STOP_AFTER);
            assertThat(snapshot.inputOffset).as("covering every record read").isEqualTo(STOP_AFTER + 1);

            STREAM.subList(STOP_AFTER, EVENTS).forEach(event -> driver.send(event, NOW));
            interrupted.take(driver);
        }

        interrupted.assertSameAs(uninterrupted());
    }

    @Test
    void aTrainerRestoredAfterACrashReplaysItsInputAndContinuesExactly() {
        SurvivingStores stores = new SurvivingStores();
        Outputs interrupted = new Outputs();
        Map<String, NavigableMap<Bytes, byte[]>> committed;
        RecordedInput input = new RecordedInput();
        try (ModelDriver driver = new ModelDriver(stateDir, SETTINGS, stores, registry)) {
            STREAM.subList(0, STOP_AFTER).forEach(event -> driver.send(event, NOW));
            interrupted.take(driver);
            input.take(driver);
            committed = stores.save();
        }
        stores.restore(committed);
        try (ModelDriver driver = new ModelDriver(stateDir, SETTINGS, stores, registry, input)) {
            TrainerState snapshot = snapshot(driver);
            assertThat(snapshot.step).as("the snapshot of the last checkpoint").isEqualTo(250);
            assertThat(input.after(snapshot.inputOffset)).as("examples learned since").isEqualTo(25);

            STREAM.subList(STOP_AFTER, EVENTS).forEach(event -> driver.send(event, NOW));
            interrupted.take(driver);
            assertThat(driver.count(ModelCounter.EXAMPLE_REPLAYED)).isEqualTo(25);
        }

        interrupted.assertSameAs(uninterrupted());
    }

    private Outputs uninterrupted() {
        Outputs outputs = new Outputs();
        try (ModelDriver driver = new ModelDriver(stateDir, SETTINGS, new SurvivingStores(), new InMemorySchemaRegistry())) {
            STREAM.forEach(event -> driver.send(event, NOW));
            outputs.take(driver);
        }
        assertThat(outputs.versions).hasSize(EVENTS / 50 + 1);
        assertThat(outputs.predictions).hasSize(EVENTS - 1);
        return outputs;
    }

    private static TrainerState snapshot(ModelDriver driver) {
        return TrainerState.fromBytes(driver.driver.<String, byte[]>getKeyValueStore(StoreNames.LEARNER_STATE)
                .get(ModelDriver.MODEL));
    }

    /**
     * The {@code training-examples} records a driver produced, which its trainer read in this order at offsets 0, 1, ...:
     * the topic a crashed instance's successor replays. A reopened driver numbers its input from 0 again, so the end
     * of a replay (the first offset the new driver processes) is in another numbering; what the crashed driver read
     * after the snapshot is all there is to replay.
     */
    private static final class RecordedInput implements TrainingReplay {
        private final List<KeyValue<String, byte[]>> records = new ArrayList<>();

        void take(ModelDriver driver) {
            driver.trainingExamples.readRecordsToList().forEach(record -> records.add(KeyValue.pair(record.key(), record.value())));
        }

        long after(long from) {
            return records.size() - from;
        }

        @Override
        public void forEach(TopicPartition partition, long from, long to, String model, Consumer<byte[]> action) {
            for (int offset = (int) from; offset < records.size(); offset++) {
                if (records.get(offset).key.equals(model)) {
                    action.accept(records.get(offset).value);
                }
            }
        }
    }

    /** What a run emitted, as comparable lines (offsets left out: a reopened driver numbers its input from 0). */
    private static final class Outputs {
        final List<String> predictions = new ArrayList<>();
        final List<String> versions = new ArrayList<>();
        final List<String> alerts = new ArrayList<>();

        void take(ModelDriver driver) {
            for (Prediction p : driver.predictions.readValuesToList()) {
                predictions.add(p.getEventId() + " v" + p.getModelVersion() + " " + p.getRoute() + " "
                        + p.getPredictedClass() + " " + p.getScore() + " " + p.getFeaturesHash());
            }
            for (ModelVersion v : driver.modelsOut.readValuesToList()) {
                versions.add("v" + v.getVersion() + " " + v.getStage() + " parent " + v.getProvenance().getParentVersion()
                        + " seen " + v.getProvenance().getExamplesSeen() + " " + v.getMetrics() + " "
                        + Base64.getEncoder().encodeToString(ModelBundle.bytesOf(v.getState())));
            }
            for (DriftAlert a : driver.driftAlerts.readValuesToList()) {
                alerts.add(a.getAlertId() + " " + a.getStatistic());
            }
        }

        void assertSameAs(Outputs expected) {
            assertThat(versions).containsExactlyElementsOf(expected.versions);
            assertThat(predictions).containsExactlyElementsOf(expected.predictions);
            assertThat(alerts).containsExactlyElementsOf(expected.alerts);
        }
    }

    private static List<Event> sea(int count) {
        SeaGenerator sea = new SeaGenerator(SeaGenerator.Config.DEFAULT.withSeed(5));
        List<Event> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instance instance = sea.next();
            events.add(ModelDriver.event("e" + i, "acct-" + (i % 31), instance.feature(0), instance.feature(1),
                    instance.feature(2), SeaGenerator.HEADER.target().values().get(instance.label())));
        }
        return events;
    }
}

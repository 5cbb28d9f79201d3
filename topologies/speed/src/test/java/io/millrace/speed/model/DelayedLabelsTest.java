package io.millrace.speed.model;

import io.millrace.speed.serde.SourceOffset;
import static io.millrace.speed.model.ModelDriver.NOW;
import static io.millrace.speed.model.ModelDriver.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.schemas.DeadLetter;
import io.millrace.schemas.ModelVersion;
import io.millrace.schemas.Stage;
import io.millrace.schemas.registry.InMemorySchemaRegistry;
import io.millrace.speed.StoreNames;
import io.millrace.speed.config.ModelSettings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labels that come after their events on {@code labels}: joined within the window, counted or dead-lettered outside it. */
class DelayedLabelsTest {
    private static final String NB = "naive-bayes";
    private static final Duration WINDOW = Duration.ofHours(2);

    @TempDir
    Path stateDir;

    private ModelDriver driver() {
        ModelDriver driver = new ModelDriver(stateDir, settings());
        driver.publish(1, Stage.PRODUCTION, 0, NB, NOW.minusSeconds(60));
        return driver;
    }

    private static ModelSettings settings() {
        return ModelDriver.seaSettings(NB).withLabelJoinWindow(WINDOW).withCheckpoints(1, Duration.ofHours(1));
    }

    @Test
    void aLabelWithinTheWindowTrainsTheModel() {
        try (ModelDriver driver = driver()) {
            driver.send(event("e1", "acct-1", 1, 2, 3, null), NOW);
            driver.sendLabel("e1", "groupB", NOW.plus(WINDOW).minusSeconds(1));

            List<ModelVersion> versions = driver.modelsOut.readValuesToList();
            assertThat(versions).hasSize(1);
            ModelVersion checkpoint = versions.get(0);
            assertThat(checkpoint.getVersion()).isEqualTo(2);
            assertThat(checkpoint.getProvenance().getParentVersion()).isEqualTo(1);
            assertThat(checkpoint.getProvenance().getExamplesSeen()).isEqualTo(1);
            assertThat(checkpoint.getProvenance().getInputOffsets()).extracting(r -> r.getTopic())
                    .containsExactly("test.labels", "test.valid-events");
            assertThat(driver.count(ModelCounter.LABEL_JOINED)).isEqualTo(1);
            assertThat(driver.count(ModelCounter.EXAMPLE_LEARNED)).isEqualTo(1);
            assertThat(driver.deadLetters.isEmpty()).isTrue();
        }
    }

    @Test
    void aLabelBeforeItsEventWaitsForIt() {
        try (ModelDriver driver = driver()) {
            driver.sendLabel("e1", "groupA", NOW);
            driver.send(event("e1", "acct-1", 1, 2, 3, null), NOW.plusSeconds(5));

            assertThat(driver.count(ModelCounter.LABEL_JOINED)).isEqualTo(1);
            assertThat(driver.modelsOut.readValuesToList()).hasSize(1);
        }
    }

    @Test
    void aLabelAfterTheWindowIsDeadLetteredAsTooLate() {
        try (ModelDriver driver = driver()) {
            driver.send(event("e1", "acct-1", 1, 2, 3, null), NOW);
            driver.sendLabel("e1", "groupB", NOW.plus(WINDOW).plusSeconds(1));

            DeadLetter letter = driver.deadLetters.readValue();
            assertThat(letter.getReasonCode()).isEqualTo(ModelDeadLetters.LABEL_TOO_LATE);
            assertThat(letter.getSourceTopic()).isEqualTo("test.labels");
            assertThat(driver.count(ModelCounter.LABEL_TOO_LATE)).isEqualTo(1);
            assertThat(driver.count(ModelCounter.SCORED_EVENT_EXPIRED)).isEqualTo(1);
            assertThat(driver.count(ModelCounter.EXAMPLE_LEARNED)).isZero();
            assertThat(driver.modelsOut.isEmpty()).isTrue();
        }
    }

    @Test
    void unlabelledEventsExpireAndAreCountedWhenStreamTimePassesTheirDeadline() {
        try (ModelDriver driver = driver()) {
            driver.send(event("e1", "acct-1", 1, 2, 3, null), NOW);
            driver.send(event("e2", "acct-2", 1, 2, 3, null), NOW.plusSeconds(60));
            assertThat(driver.count(ModelCounter.SCORED_EVENT_EXPIRED)).isZero();
            driver.send(event("e3", "acct-3", 1, 2, 3, null), NOW.plus(WINDOW).plusSeconds(30));
            assertThat(driver.count(ModelCounter.SCORED_EVENT_EXPIRED)).isEqualTo(1);

            driver.send(event("e4", "acct-4", 1, 2, 3, null), NOW.plus(WINDOW).plusSeconds(121));
            assertThat(driver.count(ModelCounter.SCORED_EVENT_EXPIRED)).isEqualTo(2);

            driver.sendLabel("e3", "groupA", NOW.plus(WINDOW).plusSeconds(122));
            assertThat(driver.count(ModelCounter.LABEL_JOINED)).isEqualTo(1);
        }
    }

    @Test
    void aLabelWhoseEventNeverComesIsDeadLetteredAsAnOrphanWithItsBytes() {
        try (ModelDriver driver = driver()) {
            driver.sendLabel("ghost", "groupA", NOW);
            driver.send(event("e1", "acct-1", 1, 2, 3, null), NOW.plus(WINDOW).plusSeconds(120));

            DeadLetter letter = driver.deadLetters.readValue();
            assertThat(letter.getReasonCode()).isEqualTo(ModelDeadLetters.ORPHAN_LABEL);
            assertThat(new String(bytes(letter.getOriginalKey()), StandardCharsets.UTF_8)).isEqualTo("ghost");
            assertThat(letter.getSourceOffset()).isZero();
            assertThat(driver.count(ModelCounter.LABEL_ORPHANED)).isEqualTo(1);
        }
    }

    @Test
    void unreadableMismatchedAndInvalidLabelsAreDeadLetteredWithTheirReasons() {
        try (ModelDriver driver = driver()) {
            driver.send(event("e1", "acct-1", 1, 2, 3, null), NOW);
            byte[] garbage = {1, 2, 3, 4, 5, 6};
            driver.labels.pipeInput("e1".getBytes(StandardCharsets.UTF_8), garbage, NOW);
            driver.labels.pipeInput("e1".getBytes(StandardCharsets.UTF_8), null, NOW);
            driver.sendLabelKeyed("other", "e1", "groupA");
            driver.sendLabel("e1", "groupC", NOW);

            List<DeadLetter> letters = driver.deadLetters.readValuesToList();
            assertThat(letters).extracting(DeadLetter::getReasonCode)
                    .containsExactly("NOT_WIRE_FORMAT", ModelDeadLetters.TOMBSTONE, ModelDeadLetters.KEY_MISMATCH,
                            ModelDeadLetters.INVALID_LABEL);
            assertThat(bytes(letters.get(0).getOriginalValue())).isEqualTo(garbage);
            assertThat(letters).extracting(DeadLetter::getSourceOffset).containsExactly(0L, 1L, 2L, 3L);
            assertThat(driver.count(ModelCounter.LABEL_UNREADABLE)).isEqualTo(4);

            driver.sendLabel("e1", "groupB", NOW.plusSeconds(1));
            assertThat(driver.count(ModelCounter.LABEL_JOINED)).isEqualTo(1);
        }
    }

    /**
     * The deadlines' index has no changelog: an instance that restores the waiting entries onto a disk without their
     * index (a crash, a standby taking over, a task moving) rebuilds it, so what waited still expires.
     */
    @Test
    void entriesRestoredWithoutTheirExpiryIndexStillExpire() {
        SurvivingStores stores = new SurvivingStores();
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        Map<String, NavigableMap<Bytes, byte[]>> committed;
        try (ModelDriver driver = new ModelDriver(stateDir, settings(), stores, registry)) {
            driver.publish(1, Stage.PRODUCTION, 0, NB, NOW.minusSeconds(60));
            driver.sendLabel("ghost", "groupA", NOW);
            driver.send(event("e1", "acct-1", 1, 2, 3, null), NOW);

            assertThat(driver.driver.producedTopicNames())
                    .anyMatch(topic -> topic.endsWith(StoreNames.PENDING_LABELS + "-changelog"))
                    .noneMatch(topic -> topic.contains(StoreNames.PENDING_LABEL_DEADLINES));
            committed = stores.save();
        }
        assertThat(committed.get(StoreNames.PENDING_LABEL_DEADLINES)).hasSize(2);
        committed.remove(StoreNames.PENDING_LABEL_DEADLINES);
        stores.restore(committed);

        try (ModelDriver driver = new ModelDriver(stateDir, settings(), stores, registry)) {
            driver.send(event("e2", "acct-1", 1, 2, 3, null), NOW.plus(WINDOW).plusSeconds(120));

            DeadLetter letter = driver.deadLetters.readValue();
            assertThat(letter.getReasonCode()).isEqualTo(ModelDeadLetters.ORPHAN_LABEL);
            assertThat(new String(bytes(letter.getOriginalKey()), StandardCharsets.UTF_8)).isEqualTo("ghost");
            assertThat(driver.count(ModelCounter.LABEL_ORPHANED)).isEqualTo(1);
            assertThat(driver.count(ModelCounter.SCORED_EVENT_EXPIRED)).isEqualTo(1);
            assertThat(driver.deadLetters.isEmpty()).isTrue();
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        return ModelBundle.bytesOf(buffer);
    }

}

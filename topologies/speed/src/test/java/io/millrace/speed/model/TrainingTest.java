package io.millrace.speed.model;

import static io.millrace.speed.model.ModelDriver.NOW;
import static io.millrace.speed.model.ModelDriver.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.schemas.DeadLetter;
import io.millrace.schemas.ModelVersion;
import io.millrace.schemas.OffsetRange;
import io.millrace.schemas.Prediction;
import io.millrace.schemas.Stage;
import io.millrace.speed.config.ModelSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Online learning: bootstrap, prequential evaluation of the served answer, checkpoints with provenance. */
class TrainingTest {
    private static final String NB = "naive-bayes";

    @TempDir
    Path stateDir;

    @Test
    void withNoVersionTheTrainerPublishesAnUntrainedVersionOneAndScoringStarts() {
        try (ModelDriver driver = new ModelDriver(stateDir, ModelDriver.seaSettings(NB))) {
            driver.send(event("e1", "acct-1", 1, 2, 3, null), NOW);

            assertThat(driver.predictions.isEmpty()).isTrue();
            assertThat(driver.count(ModelCounter.EVENT_UNSCORED_NO_VERSION)).isEqualTo(1);
            ModelVersion first = driver.modelsOut.readValue();
            assertThat(first.getVersion()).isEqualTo(1);
            assertThat(first.getStage()).isEqualTo(Stage.PRODUCTION);
            assertThat(first.getLearnerKind()).isEqualTo("gaussian-naive-bayes");
            assertThat(first.getProvenance().getParentVersion()).isNull();
            assertThat(first.getProvenance().getExamplesSeen()).isZero();
            assertThat(first.getProvenance().getTrainedBy()).isEqualTo("speed");

            driver.send(event("e2", "acct-1", 1, 2, 3, null), NOW);
            assertThat(driver.predictions.readValue().getModelVersion()).isEqualTo(1);
            assertThat(driver.modelsOut.isEmpty()).isTrue();
        }
    }

    @Test
    void anUnreadableTrainingInputIsDeadLetteredAndTheTrainerGoesOn() {
        ModelSettings settings = ModelDriver.seaSettings(NB).withCheckpoints(2, Duration.ofHours(1));
        try (ModelDriver driver = new ModelDriver(stateDir, settings)) {
            TestInputTopic<String, byte[]> examples = driver.driver.createInputTopic(
                    driver.config.topics().trainingExamples(), new StringSerializer(), new ByteArraySerializer());
            examples.pipeInput(ModelDriver.MODEL, new byte[] {2, 1, 0, 3, 'x'}, NOW);
            examples.pipeInput(ModelDriver.MODEL, new byte[] {9, 9}, NOW);

            List<DeadLetter> letters = driver.deadLetters.readValuesToList();
            assertThat(letters).extracting(DeadLetter::getReasonCode)
                    .containsExactly("UNREADABLE_TRAINER_INPUT", "UNREADABLE_TRAINER_INPUT");
            assertThat(letters).extracting(DeadLetter::getSourceTopic)
                    .containsOnly(driver.config.topics().trainingExamples());
            assertThat(letters.get(1).getReason()).contains("format 9");
            assertThat(driver.count(ModelCounter.EXAMPLE_REJECTED)).isEqualTo(2);

            for (int i = 0; i < 4; i++) {
                driver.send(event("e" + i, "acct-" + i, i, 2, 3, i % 2 == 0 ? "groupA" : "groupB"), NOW);
            }
            assertThat(driver.count(ModelCounter.EXAMPLE_LEARNED)).isEqualTo(4);
            assertThat(driver.modelsOut.readValuesToList()).extracting(ModelVersion::getVersion).contains(2, 3);
        }
    }

    @Test
    void everyNExamplesACheckpointIsPublishedWithItsParentAndProvenance() {
        ModelSettings settings = ModelDriver.seaSettings(NB).withCheckpoints(5, Duration.ofHours(1));
        try (ModelDriver driver = new ModelDriver(stateDir, settings)) {
            for (int i = 0; i < 11; i++) {
                driver.send(event("e" + i, "acct-" + i, i, 2, 3, i % 2 == 0 ? "groupA" : "groupB"), NOW);
            }

            List<ModelVersion> versions = driver.modelsOut.readValuesToList();
            assertThat(versions).extracting(ModelVersion::getVersion).containsExactly(1, 2, 3);
            ModelVersion second = versions.get(1);
            assertThat(second.getStage()).isEqualTo(Stage.PRODUCTION);
            assertThat(second.getProvenance().getParentVersion()).isEqualTo(1);
            assertThat(second.getProvenance().getExamplesSeen()).isEqualTo(5);
            assertThat(second.getProvenance().getInputOffsets()).containsExactly(
                    new OffsetRange("test.valid-events", 0, 0L, 5L));
            assertThat(second.getProvenance().getSchemaIds()).hasSize(1);
            assertThat(second.getMetrics()).containsEntry("examples_scored", 4.0).containsKey("accuracy");
            ModelVersion third = versions.get(2);
            assertThat(third.getProvenance().getParentVersion()).isEqualTo(2);
            assertThat(third.getProvenance().getExamplesSeen()).isEqualTo(10);
            assertThat(third.getProvenance().getInputOffsets()).containsExactly(
                    new OffsetRange("test.valid-events", 0, 5L, 10L));
            assertThat(driver.predictions.readValuesToList()).extracting(Prediction::getModelVersion)
                    .containsExactly(1, 1, 1, 1, 2, 2, 2, 2, 2, 3);
        }
    }

    @Test
    void theErrorRecordedIsThatOfTheAnswerServedBeforeLearning() {
        ModelSettings settings = ModelDriver.seaSettings(NB).withCheckpoints(1, Duration.ofHours(1));
        try (ModelDriver driver = new ModelDriver(stateDir, settings)) {
            driver.publish(1, Stage.PRODUCTION, 0, NB, NOW.minusSeconds(60));
            driver.send(event("e1", "acct-1", 1, 2, 3, "groupB"), NOW);

            Prediction served = driver.predictions.readValue();
            assertThat(served.getPredictedClass()).isEqualTo("groupA");
            ModelVersion checkpoint = driver.modelsOut.readValue();
            assertThat(checkpoint.getMetrics()).containsEntry("examples_scored", 1.0).containsEntry("accuracy", 0.0);
            ModelBundle learned = ModelBundle.fromBytes(ModelBundle.bytesOf(checkpoint.getState()));
            double[] row = learned.encode(Map.of("attrib1", 1.0, "attrib2", 2.0, "attrib3", 3.0), Map.of());
            assertThat(learned.learner().predictClass(row)).as("after learning it would have been right").isEqualTo(1);
        }
    }

    @Test
    void aQuietModelIsCheckpointedWhenTheIntervalPasses() {
        ModelSettings settings = ModelDriver.seaSettings(NB).withCheckpoints(1000, Duration.ofSeconds(30));
        try (ModelDriver driver = new ModelDriver(stateDir, settings)) {
            driver.publish(1, Stage.PRODUCTION, 0, NB, NOW.minusSeconds(60));
            driver.send(event("e1", "acct-1", 1, 2, 3, "groupB"), NOW);
            driver.driver.advanceWallClockTime(Duration.ofSeconds(10));
            assertThat(driver.modelsOut.isEmpty()).isTrue();

            driver.driver.advanceWallClockTime(Duration.ofSeconds(25));
            ModelVersion checkpoint = driver.modelsOut.readValue();
            assertThat(checkpoint.getVersion()).isEqualTo(2);
            assertThat(checkpoint.getProvenance().getExamplesSeen()).isEqualTo(1);

            driver.driver.advanceWallClockTime(Duration.ofSeconds(60));
            assertThat(driver.modelsOut.isEmpty()).as("nothing new to checkpoint").isTrue();
        }
    }

    @Test
    void withoutAutoPromoteCheckpointsAreCandidatesAndProductionStays() {
        ModelSettings settings = ModelDriver.seaSettings(NB).withCheckpoints(2, Duration.ofHours(1)).withAutoPromote(false);
        try (ModelDriver driver = new ModelDriver(stateDir, settings)) {
            driver.publish(1, Stage.PRODUCTION, 0, NB, NOW.minusSeconds(60));
            for (int i = 0; i < 4; i++) {
                driver.send(event("e" + i, "acct-" + i, i, 2, 3, "groupB"), NOW);
            }

            assertThat(driver.modelsOut.readValuesToList()).extracting(ModelVersion::getVersion, ModelVersion::getStage)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(2, Stage.CANDIDATE),
                            org.assertj.core.groups.Tuple.tuple(3, Stage.CANDIDATE));
            assertThat(driver.predictions.readValuesToList()).extracting(Prediction::getModelVersion).containsOnly(1);
        }
    }

    @Test
    void withAutoPromoteTheTrainerContinuesFromAVersionAnOperatorPromoted() {
        ModelSettings settings = ModelDriver.seaSettings(NB).withCheckpoints(2, Duration.ofHours(1));
        try (ModelDriver driver = new ModelDriver(stateDir, settings)) {
            driver.publish(1, Stage.PRODUCTION, 0, NB, NOW.minusSeconds(60));
            driver.send(event("e0", "acct-0", 0, 2, 3, "groupB"), NOW);
            driver.send(event("e1", "acct-1", 1, 2, 3, "groupB"), NOW);
            assertThat(driver.modelsOut.readValue().getVersion()).isEqualTo(2);

            driver.driver.advanceWallClockTime(Duration.ofSeconds(5));
            driver.publish(10, Stage.PRODUCTION, 0, NB, NOW.plusSeconds(5));
            driver.send(event("e2", "acct-2", 2, 2, 3, "groupB"), NOW.plusSeconds(6));
            driver.send(event("e3", "acct-3", 3, 2, 3, "groupB"), NOW.plusSeconds(7));

            ModelVersion next = driver.modelsOut.readValue();
            assertThat(next.getVersion()).isEqualTo(11);
            assertThat(next.getProvenance().getParentVersion()).isEqualTo(10);
            assertThat(next.getProvenance().getExamplesSeen()).isEqualTo(2);
        }
    }
}

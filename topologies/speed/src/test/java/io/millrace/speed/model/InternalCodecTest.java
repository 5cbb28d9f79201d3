package io.millrace.speed.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.schemas.Route;
import io.millrace.speed.serde.SourceOffset;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class InternalCodecTest {
    private static final SourceOffset EVENT_SOURCE = new SourceOffset("millrace.events", 2, 977);
    private static final SourceOffset LABEL_SOURCE = new SourceOffset("millrace.labels", 1, 31);

    private static ScoredEvent scored() {
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("amount", 12.5);
        features.put("country", "NZ");
        features.put("note", null);
        return new ScoredEvent("e-1", "acct-7", 1_700_000_000_000L, features, Map.of("payments_1h", 3.0), EVENT_SOURCE, 41,
                List.of(new ServedPrediction("fraud", 4, Route.PRODUCTION, new double[] {0.9, 0.1}),
                        new ServedPrediction("churn", 2, Route.CANARY, new double[] {0.3, 0.7})));
    }

    @Test
    void anExampleMadeFromAScoredEventsBytesReadsAsTheModelsExample() {
        byte[] scoredBytes = InternalCodec.scoredEvent(scored());

        TrainerInput input = InternalCodec.trainerInput(InternalCodec.example("churn", scoredBytes, "1", LABEL_SOURCE, 55));

        TrainerInput.Example example = (TrainerInput.Example) input;
        assertThat(example.model()).isEqualTo("churn");
        assertThat(example.eventId()).isEqualTo("e-1");
        assertThat(example.features()).containsExactlyEntriesOf(scored().features());
        assertThat(example.rolling()).containsExactlyEntriesOf(Map.of("payments_1h", 3.0));
        assertThat(example.label()).isEqualTo("1");
        assertThat(example.served().version()).isEqualTo(2);
        assertThat(example.served().route()).isEqualTo(Route.CANARY);
        assertThat(example.served().prediction()).containsExactly(0.3, 0.7);
        assertThat(example.eventSource()).isEqualTo(EVENT_SOURCE);
        assertThat(example.eventSchemaId()).isEqualTo(41);
        assertThat(example.labelSource()).isEqualTo(LABEL_SOURCE);
        assertThat(example.labelSchemaId()).isEqualTo(55);
    }

    @Test
    void anInlineLabelHasNoLabelSourceAndAModelThatDidNotAnswerNoServedPrediction() {
        byte[] scoredBytes = InternalCodec.scoredEvent(scored());

        TrainerInput.Example example = (TrainerInput.Example) InternalCodec.trainerInput(
                InternalCodec.example("other", scoredBytes, 2.5, null, -1));

        assertThat(example.label()).isEqualTo(2.5);
        assertThat(example.labelSource()).isNull();
        assertThat(example.labelSchemaId()).isEqualTo(-1);
        assertThat(example.served()).isNull();
    }

    @Test
    void aPendingScoredEventKeepsItsBytesExactly() {
        byte[] scoredBytes = InternalCodec.scoredEvent(scored());

        PendingEntry read = InternalCodec.pendingEntry(InternalCodec.pendingEntry(
                new PendingEntry.AwaitingLabel(scoredBytes, 1_000, 7_201_000)));

        PendingEntry.AwaitingLabel waiting = (PendingEntry.AwaitingLabel) read;
        assertThat(waiting.scoredEvent()).isEqualTo(scoredBytes);
        assertThat(waiting.arrivedAt()).isEqualTo(1_000);
        assertThat(waiting.deadline()).isEqualTo(7_201_000);
        assertThat(InternalCodec.scoredEvent(waiting.scoredEvent())).usingRecursiveComparison().isEqualTo(scored());
    }

    @Test
    void recordsOfTheFirstFormatStillRead() throws IOException {
        ScoredEvent event = scored();

        PendingEntry.AwaitingLabel pending = (PendingEntry.AwaitingLabel) InternalCodec.pendingEntry(formatOnePending(event));
        TrainerInput.Example example = (TrainerInput.Example) InternalCodec.trainerInput(formatOneExample(event));

        assertThat(InternalCodec.scoredEvent(pending.scoredEvent())).usingRecursiveComparison().isEqualTo(event);
        assertThat(pending.arrivedAt()).isEqualTo(5L);
        assertThat(pending.deadline()).isEqualTo(9L);
        assertThat(example.model()).isEqualTo("fraud");
        assertThat(example.eventId()).isEqualTo("e-1");
        assertThat(example.label()).isEqualTo("0");
        assertThat(example.served().version()).isEqualTo(4);
        assertThat(example.eventSource()).isEqualTo(EVENT_SOURCE);
        assertThat(example.labelSource()).isEqualTo(LABEL_SOURCE);
    }

    @Test
    void bytesThatAreNoScoredEventAreRefusedBeforeTheyGoAnywhere() {
        assertThatThrownBy(() -> InternalCodec.checkScoredEvent(new byte[] {9, 1, 2}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("format 9");
        assertThatThrownBy(() -> InternalCodec.checkScoredEvent(new byte[] {2}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("1 bytes");
        assertThatThrownBy(() -> InternalCodec.example("fraud", null, "1", null, -1))
                .isInstanceOf(SerializationException.class);
        byte[] truncated = java.util.Arrays.copyOf(InternalCodec.example("fraud", InternalCodec.scoredEvent(scored()), "1",
                null, -1), 30);
        assertThatThrownBy(() -> InternalCodec.trainerInput(truncated))
                .isInstanceOf(SerializationException.class).hasMessageContaining("truncated or corrupt");
    }

    /** A pending scored event as format 1 wrote it: the scored event's fields, then arrival and deadline. */
    private static byte[] formatOnePending(ScoredEvent event) throws IOException {
        byte[] scored = InternalCodec.scoredEvent(event);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(1);
        out.writeByte(1);
        out.write(scored, 1, scored.length - 1);
        out.writeLong(5);
        out.writeLong(9);
        return bytes.toByteArray();
    }

    /** An example as format 1 wrote it, its fields copied out of the scored event. */
    private static byte[] formatOneExample(ScoredEvent event) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(1);
        out.writeByte(1);
        out.writeUTF("fraud");
        out.writeUTF(event.eventId());
        out.writeInt(1);
        out.writeUTF("amount");
        out.writeByte(1);
        out.writeDouble(12.5);
        out.writeInt(0);
        out.writeByte(2);
        out.writeUTF("0");
        out.writeBoolean(true);
        out.writeUTF("fraud");
        out.writeInt(4);
        out.writeByte(Route.PRODUCTION.ordinal());
        out.writeInt(2);
        out.writeDouble(0.9);
        out.writeDouble(0.1);
        out.writeUTF(EVENT_SOURCE.topic());
        out.writeInt(EVENT_SOURCE.partition());
        out.writeLong(EVENT_SOURCE.offset());
        out.writeInt(41);
        out.writeBoolean(true);
        out.writeUTF(LABEL_SOURCE.topic());
        out.writeInt(LABEL_SOURCE.partition());
        out.writeLong(LABEL_SOURCE.offset());
        out.writeInt(55);
        return bytes.toByteArray();
    }
}

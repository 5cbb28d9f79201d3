package io.millrace.speed.model;

import io.millrace.speed.serde.SourceOffset;
import io.millrace.learning.Encoding;
import io.millrace.learning.StateCodec;
import io.millrace.schemas.Route;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The byte format of the speed layer's own records: {@link ScoredEvent} on {@code scored-events},
 * {@link TrainerInput} on {@code training-examples}, {@link PendingEntry} in the pending-labels store. Only
 * Millrace writes and reads these (they are hand-overs inside the speed layer, not an interface), so they use a
 * compact binary layout with a leading format byte rather than Avro and the registry. A change to the layout
 * bumps {@link #FORMAT} and keeps reading the old one while such records can still be in flight.
 *
 * <p>Format 2 carries a scored event's bytes through the label join untouched: a pending scored event is its
 * arrival and deadline followed by the scored event's body, and an example is the model, the label and where it
 * was read, followed by the scored event's body (the trainer picks the model's answer out of it). The join never
 * decodes or re-encodes a scored event; the trainer decodes each example once. Format 1 (the same scored event;
 * pending entries with the scored event first, examples with their fields copied out of it) is still read. A scored
 * event, whose layout did not change, is still written as format 1. The join checks only a scored event's format
 * byte; a body that does not read is found by the trainer, which dead-letters the example.
 */
public final class InternalCodec {

    static final byte FORMAT = 2;
    /** The format before scored events passed through the join as bytes; still read. */
    static final byte FORMAT_1 = 1;
    private static final byte EXAMPLE = 1;
    private static final byte VERSION_REQUEST = 2;
    private static final byte AWAITING_LABEL = 1;
    private static final byte AWAITING_EVENT = 2;
    private static final byte NULL = 0;
    private static final byte DOUBLE = 1;
    private static final byte STRING = 2;

    private InternalCodec() {
    }

    @FunctionalInterface
    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(DataInputStream in, byte format) throws IOException;
    }

    /**
     * A scored event's record, as on {@code scored-events}. Its layout is format 1's and it says so, so an instance of
     * the previous format reads it during a rolling upgrade.
     */
    public static byte[] scoredEvent(ScoredEvent event) {
        return Encoding.toBytes(out -> {
            out.writeByte(FORMAT_1);
            writeScoredEvent(out, event);
        });
    }

    public static ScoredEvent scoredEvent(byte[] bytes) {
        return read(bytes, "scored event", (in, format) -> readScoredEvent(in));
    }

    /**
     * Checks that {@code bytes} are a scored event's record in a format this build reads, without decoding it.
     *
     * @throws SerializationException when they are not
     */
    public static void checkScoredEvent(byte[] bytes) {
        if (bytes == null || bytes.length < 2 || (bytes[0] != FORMAT && bytes[0] != FORMAT_1)) {
            throw new SerializationException("scored event " + (bytes == null ? "is null" : bytes.length < 2
                    ? "has " + bytes.length + " bytes" : "has format " + bytes[0] + "; this build reads " + FORMAT_1
                    + " and " + FORMAT));
        }
    }

    /**
     * The example of {@code model} from a scored event's record (as on {@code scored-events}, not decoded) and its
     * label, read at {@code labelSource} with {@code labelSchemaId} (null and -1 for a label inline on the event).
     */
    public static byte[] example(String model, byte[] scoredEvent, Object label, SourceOffset labelSource,
                                 int labelSchemaId) {
        checkScoredEvent(scoredEvent);
        return write(out -> {
            out.writeByte(EXAMPLE);
            out.writeUTF(model);
            writeValue(out, label);
            out.writeBoolean(labelSource != null);
            if (labelSource != null) {
                writeSource(out, labelSource);
            }
            out.writeInt(labelSchemaId);
            out.write(scoredEvent, 1, scoredEvent.length - 1);
        });
    }

    /** The record asking {@code model}'s trainer for a first version. */
    public static byte[] versionRequest(String model) {
        return write(out -> {
            out.writeByte(VERSION_REQUEST);
            out.writeUTF(model);
        });
    }

    public static TrainerInput trainerInput(byte[] bytes) {
        return read(bytes, "trainer input", (in, format) -> {
            byte tag = in.readByte();
            return switch (tag) {
                case EXAMPLE -> format == FORMAT ? readExample(in) : readExampleFormat1(in);
                case VERSION_REQUEST -> new TrainerInput.VersionRequest(in.readUTF());
                default -> throw new IOException("unknown trainer input tag " + tag);
            };
        });
    }

    public static byte[] pendingEntry(PendingEntry entry) {
        return write(out -> {
            if (entry instanceof PendingEntry.AwaitingLabel waiting) {
                byte[] scored = waiting.scoredEvent();
                checkScoredEvent(scored);
                out.writeByte(AWAITING_LABEL);
                out.writeLong(waiting.arrivedAt());
                out.writeLong(waiting.deadline());
                out.write(scored, 1, scored.length - 1);
            } else {
                PendingEntry.AwaitingEvent label = (PendingEntry.AwaitingEvent) entry;
                out.writeByte(AWAITING_EVENT);
                writeBytes(out, label.key());
                writeBytes(out, label.value());
                writeSource(out, label.source());
                writeValue(out, label.label());
                out.writeInt(label.schemaId());
                out.writeLong(label.arrivedAt());
                out.writeLong(label.deadline());
            }
        });
    }

    public static PendingEntry pendingEntry(byte[] bytes) {
        return read(bytes, "pending entry", (in, format) -> {
            byte tag = in.readByte();
            return switch (tag) {
                case AWAITING_LABEL -> format == FORMAT ? readAwaitingLabel(in) : readAwaitingLabelFormat1(in);
                case AWAITING_EVENT -> new PendingEntry.AwaitingEvent(readBytes(in), readBytes(in), readSource(in),
                        readValue(in), in.readInt(), in.readLong(), in.readLong());
                default -> throw new IOException("unknown pending entry tag " + tag);
            };
        });
    }

    /** Arrival, deadline, then the scored event's body, which becomes a record of this format again. */
    private static PendingEntry.AwaitingLabel readAwaitingLabel(DataInputStream in) throws IOException {
        long arrivedAt = in.readLong();
        long deadline = in.readLong();
        byte[] body = in.readAllBytes();
        byte[] scored = new byte[body.length + 1];
        scored[0] = FORMAT_1;
        System.arraycopy(body, 0, scored, 1, body.length);
        return new PendingEntry.AwaitingLabel(scored, arrivedAt, deadline);
    }

    private static PendingEntry.AwaitingLabel readAwaitingLabelFormat1(DataInputStream in) throws IOException {
        ScoredEvent scored = readScoredEvent(in);
        return new PendingEntry.AwaitingLabel(scoredEvent(scored), in.readLong(), in.readLong());
    }

    private static void writeScoredEvent(DataOutputStream out, ScoredEvent event) throws IOException {
        out.writeUTF(event.eventId());
        out.writeUTF(event.entity());
        out.writeLong(event.eventTime());
        writeFeatures(out, event.features());
        writeRolling(out, event.rolling());
        writeSource(out, event.source());
        out.writeInt(event.schemaId());
        out.writeInt(event.served().size());
        for (ServedPrediction served : event.served()) {
            writeServed(out, served);
        }
    }

    private static ScoredEvent readScoredEvent(DataInputStream in) throws IOException {
        String eventId = in.readUTF();
        String entity = in.readUTF();
        long eventTime = in.readLong();
        Map<String, Object> features = readFeatures(in);
        Map<String, Double> rolling = readRolling(in);
        SourceOffset source = readSource(in);
        int schemaId = in.readInt();
        int count = checkedCount(in.readInt(), in);
        List<ServedPrediction> served = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            served.add(readServed(in));
        }
        return new ScoredEvent(eventId, entity, eventTime, features, rolling, source, schemaId, served);
    }

    /** An example of format 2: the model, the label and where it was read, then the scored event's body. */
    private static TrainerInput.Example readExample(DataInputStream in) throws IOException {
        String model = in.readUTF();
        Object label = readValue(in);
        SourceOffset labelSource = in.readBoolean() ? readSource(in) : null;
        int labelSchemaId = in.readInt();
        ScoredEvent scored = readScoredEvent(in);
        return new TrainerInput.Example(model, scored.eventId(), scored.features(), scored.rolling(), label,
                scored.servedBy(model), scored.source(), scored.schemaId(), labelSource, labelSchemaId);
    }

    private static TrainerInput.Example readExampleFormat1(DataInputStream in) throws IOException {
        String model = in.readUTF();
        String eventId = in.readUTF();
        Map<String, Object> features = readFeatures(in);
        Map<String, Double> rolling = readRolling(in);
        Object label = readValue(in);
        ServedPrediction served = in.readBoolean() ? readServed(in) : null;
        SourceOffset eventSource = readSource(in);
        int eventSchemaId = in.readInt();
        SourceOffset labelSource = in.readBoolean() ? readSource(in) : null;
        int labelSchemaId = in.readInt();
        return new TrainerInput.Example(model, eventId, features, rolling, label, served, eventSource, eventSchemaId,
                labelSource, labelSchemaId);
    }

    private static void writeServed(DataOutputStream out, ServedPrediction served) throws IOException {
        out.writeUTF(served.model());
        out.writeInt(served.version());
        out.writeByte(served.route().ordinal());
        out.writeInt(served.prediction().length);
        for (double value : served.prediction()) {
            out.writeDouble(value);
        }
    }

    private static ServedPrediction readServed(DataInputStream in) throws IOException {
        String model = in.readUTF();
        int version = in.readInt();
        int route = in.readByte();
        if (route < 0 || route >= Route.values().length) {
            throw new IOException("unknown route " + route);
        }
        int length = in.readInt();
        if (length < 0 || length > in.available() / Double.BYTES) {
            throw new IOException("prediction length " + length + " exceeds the remaining bytes");
        }
        double[] prediction = new double[length];
        for (int i = 0; i < length; i++) {
            prediction[i] = in.readDouble();
        }
        return new ServedPrediction(model, version, Route.values()[route], prediction);
    }

    private static void writeFeatures(DataOutputStream out, Map<String, Object> features) throws IOException {
        out.writeInt(features.size());
        for (Map.Entry<String, Object> entry : features.entrySet()) {
            out.writeUTF(entry.getKey());
            writeValue(out, entry.getValue());
        }
    }

    private static Map<String, Object> readFeatures(DataInputStream in) throws IOException {
        int count = checkedCount(in.readInt(), in);
        Map<String, Object> features = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            features.put(in.readUTF(), readValue(in));
        }
        return features;
    }

    private static void writeRolling(DataOutputStream out, Map<String, Double> rolling) throws IOException {
        out.writeInt(rolling.size());
        for (Map.Entry<String, Double> entry : rolling.entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeDouble(entry.getValue());
        }
    }

    private static Map<String, Double> readRolling(DataInputStream in) throws IOException {
        int count = checkedCount(in.readInt(), in);
        Map<String, Double> rolling = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            rolling.put(in.readUTF(), in.readDouble());
        }
        return rolling;
    }

    /** A feature or label value: null, a number (kept as a double) or text. */
    private static void writeValue(DataOutputStream out, Object value) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof Number number) {
            out.writeByte(DOUBLE);
            out.writeDouble(number.doubleValue());
        } else if (value instanceof CharSequence text) {
            out.writeByte(STRING);
            out.writeUTF(text.toString());
        } else {
            throw new IllegalArgumentException("a feature or label is a number or text, not a " + value.getClass().getName());
        }
    }

    private static Object readValue(DataInputStream in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case NULL -> null;
            case DOUBLE -> in.readDouble();
            case STRING -> in.readUTF();
            default -> throw new IOException("unknown value tag " + tag);
        };
    }

    private static void writeSource(DataOutputStream out, SourceOffset source) throws IOException {
        out.writeUTF(source.topic());
        out.writeInt(source.partition());
        out.writeLong(source.offset());
    }

    private static SourceOffset readSource(DataInputStream in) throws IOException {
        return new SourceOffset(in.readUTF(), in.readInt(), in.readLong());
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes == null ? -1 : bytes.length);
        if (bytes != null) {
            out.write(bytes);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > in.available()) {
            throw new IOException("byte block of " + length + " exceeds the remaining bytes");
        }
        return in.readNBytes(length);
    }

    private static int checkedCount(int count, DataInputStream in) throws IOException {
        if (count < 0 || count > in.available()) {
            throw new IOException("count " + count + " exceeds the remaining bytes");
        }
        return count;
    }

    private static byte[] write(Writer writer) {
        return Encoding.toBytes(out -> {
            out.writeByte(FORMAT);
            writer.write(out);
        });
    }

    private static <T> T read(byte[] bytes, String what, Reader<T> reader) {
        try (DataInputStream in = StateCodec.input(bytes)) {
            byte format = in.readByte();
            if (format != FORMAT && format != FORMAT_1) {
                throw new SerializationException(what + " has format " + format + "; this build reads " + FORMAT_1
                        + " and " + FORMAT);
            }
            T value = reader.read(in, format);
            if (in.available() > 0) {
                throw new SerializationException(what + " has " + in.available() + " stray bytes");
            }
            return value;
        } catch (IOException e) {
            throw new SerializationException(what + " is truncated or corrupt: " + e.getMessage(), e);
        }
    }
}

package io.millrace.learning;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.commons.io.input.UnsynchronizedByteArrayInputStream;

/**
 * The versioned envelope around every learner's, detector's and statistic's bytes: a magic number,
 * the kind name and the payload's format version, then the payload. Reading checks all three, so
 * bytes of one kind are never silently read as another.
 */
public final class StateCodec {

    /** "MRLS": Millrace learning state. */
    public static final int MAGIC = 0x4D524C53;

    private StateCodec() {
    }

    /** Writes the payload of one object. */
    @FunctionalInterface
    public interface PayloadWriter {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads the payload of one object, given the format version it was written with. */
    @FunctionalInterface
    public interface PayloadReader<T> {
        T read(DataInputStream in, int formatVersion) throws IOException;
    }

    public static byte[] encode(String kind, int formatVersion, PayloadWriter payload) {
        return Encoding.toBytes(out -> {
            out.writeInt(MAGIC);
            out.writeUTF(kind);
            out.writeShort(formatVersion);
            payload.write(out);
        });
    }

    /**
     * Decodes bytes written by {@link #encode} for {@code expectedKind}, accepting format versions up
     * to {@code maxFormatVersion}.
     *
     * @throws StateFormatException when the bytes are not such an envelope, of another kind, of a newer
     *                              version, truncated, or followed by stray bytes
     */
    public static <T> T decode(byte[] bytes, String expectedKind, int maxFormatVersion, PayloadReader<T> payload) {
        if (bytes == null) {
            throw new StateFormatException("no bytes to decode as " + expectedKind);
        }
        try (DataInputStream in = input(bytes)) {
            if (bytes.length < 4 || in.readInt() != MAGIC) {
                throw new StateFormatException("not Millrace learning state (bad magic) for " + expectedKind);
            }
            String kind = in.readUTF();
            if (!kind.equals(expectedKind)) {
                throw new StateFormatException("bytes hold a '" + kind + "', expected '" + expectedKind + "'");
            }
            int version = in.readUnsignedShort();
            if (version < 1 || version > maxFormatVersion) {
                throw new StateFormatException("'" + kind + "' format version " + version
                    + " is not supported (this build reads up to " + maxFormatVersion + ")");
            }
            T value = payload.read(in, version);
            if (in.available() > 0) {
                throw new StateFormatException("'" + kind + "' state has " + in.available() + " stray bytes at the end");
            }
            return value;
        } catch (IOException e) {
            throw new StateFormatException("'" + expectedKind + "' state is truncated or corrupt: " + e, e);
        }
    }

    /** Reads the kind name of an envelope without decoding its payload. */
    public static String peekKind(byte[] bytes) {
        try (DataInputStream in = input(bytes)) {
            if (in.readInt() != MAGIC) {
                throw new StateFormatException("not Millrace learning state (bad magic)");
            }
            return in.readUTF();
        } catch (IOException e) {
            throw new StateFormatException("learning state is truncated: " + e, e);
        }
    }

    /** A data input over {@code bytes} without locks ({@code java.io.ByteArrayInputStream} locks every read). */
    public static DataInputStream input(byte[] bytes) {
        try {
            return new DataInputStream(UnsynchronizedByteArrayInputStream.builder().setByteArray(bytes).get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a byte array with its length. */
    public static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** Reads a byte array written by {@link #writeBytes}. */
    public static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("byte array length " + length + " exceeds the remaining bytes");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    /** Writes a double array with its length. */
    public static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double value : values) {
            out.writeDouble(value);
        }
    }

    /** Reads a double array written by {@link #writeDoubles}. */
    public static double[] readDoubles(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available() / Double.BYTES) {
            throw new IOException("double array length " + length + " exceeds the remaining bytes");
        }
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }
}

package io.millrace.learning;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;

/**
 * Encodes small records into bytes through outputs reused on each thread, so a record costs one exact-size array:
 * a fresh {@link ByteArrayWriter} grows by copying (256, 512, 1,024 bytes for a scored event) and a fresh
 * {@link DataOutputStream} allocates the scratch array of every {@code writeUTF}. Re-entrant: an encoding that
 * encodes another record inside takes a second output. Outputs that grew past {@value #KEEP_AT_MOST} bytes are not
 * kept.
 */
public final class Encoding {
    static final int KEEP_AT_MOST = 64 * 1024;
    private static final int INITIAL_CAPACITY = 1024;
    private static final ThreadLocal<ArrayDeque<Output>> FREE = ThreadLocal.withInitial(ArrayDeque::new);

    /** Writes one record. */
    @FunctionalInterface
    public interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private static final class Output {
        final ByteArrayWriter bytes = new ByteArrayWriter(INITIAL_CAPACITY);
        final DataOutputStream out = new DataOutputStream(bytes);
    }

    private Encoding() {
    }

    /** The bytes {@code body} writes. */
    public static byte[] toBytes(Body body) {
        ArrayDeque<Output> free = FREE.get();
        Output output = free.isEmpty() ? new Output() : free.pop();
        try {
            body.write(output.out);
            return output.bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            output.bytes.reset();
            if (output.bytes.capacity() <= KEEP_AT_MOST) {
                free.push(output);
            }
        }
    }
}

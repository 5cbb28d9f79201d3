package io.millrace.learning.tree;

import io.millrace.learning.Header;
import io.millrace.learning.StateFormatException;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Damaged learner bytes must be refused with {@link StateFormatException} (or still decode), never crash otherwise. */
public final class CorruptBytes {

    private CorruptBytes() {
    }

    /**
     * Flips random bytes after the envelope and header (the header's own reading belongs to the core
     * contracts), and truncates at many lengths.
     */
    public static void assertRefusedOrDecoded(byte[] bytes, String kind, Header header, Function<byte[], ?> decoder) {
        int from = 4 + 2 + kind.length() + 2 + headerLength(header);
        Random random = new Random(17);
        int refused = 0;
        for (int trial = 0; trial < 400; trial++) {
            byte[] damaged = bytes.clone();
            int position = from + random.nextInt(bytes.length - from);
            damaged[position] ^= (byte) (1 + random.nextInt(255));
            try {
                decoder.apply(damaged);
            } catch (StateFormatException e) {
                refused++;
            }
        }
        assertThat(refused).as("some damage is detected").isPositive();
        for (int length = 0; length < bytes.length; length += Math.max(1, bytes.length / 97)) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> decoder.apply(truncated)).isInstanceOf(StateFormatException.class);
        }
    }

    private static int headerLength(Header header) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            header.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.size();
    }
}

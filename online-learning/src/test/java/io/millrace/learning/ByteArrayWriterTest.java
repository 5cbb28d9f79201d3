package io.millrace.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The lock-free byte array writes exactly what java.io's ByteArrayOutputStream would, growing as needed. */
class ByteArrayWriterTest {

    @Test
    void writesWhatAByteArrayOutputStreamWritesAcrossManyGrowths() throws IOException {
        ByteArrayWriter mine = new ByteArrayWriter(1);
        ByteArrayOutputStream theirs = new ByteArrayOutputStream();
        Random random = new Random(7);
        try (DataOutputStream a = new DataOutputStream(mine); DataOutputStream b = new DataOutputStream(theirs)) {
            for (int i = 0; i < 5_000; i++) {
                long value = random.nextLong();
                String text = "feature-" + random.nextInt(1000);
                a.writeLong(value);
                b.writeLong(value);
                a.writeUTF(text);
                b.writeUTF(text);
                a.writeByte(i);
                b.writeByte(i);
            }
        }
        assertThat(mine.toByteArray()).isEqualTo(theirs.toByteArray());
        assertThat(mine.size()).isEqualTo(theirs.size());
    }

    @Test
    void writesTheSliceOfAnArrayItIsGivenAndRefusesBadRanges() {
        ByteArrayWriter writer = new ByteArrayWriter(0);
        writer.write(new byte[] {1, 2, 3, 4, 5}, 1, 3);

        assertThat(writer.toByteArray()).containsExactly(2, 3, 4);
        assertThatThrownBy(() -> writer.write(new byte[] {1, 2}, 1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new ByteArrayWriter(-1)).hasMessageContaining("must not be negative");
        assertThat(writer.size()).isEqualTo(3);
    }
}

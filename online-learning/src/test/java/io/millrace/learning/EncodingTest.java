package io.millrace.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class EncodingTest {

    @Test
    void eachRecordGetsExactlyItsOwnBytesWhenOutputsAreReused() {
        byte[] first = Encoding.toBytes(out -> out.writeUTF("a longer first record that grows the output"));
        byte[] second = Encoding.toBytes(out -> out.writeInt(7));

        assertThat(second).containsExactly(0, 0, 0, 7);
        assertThat(first).hasSize(2 + "a longer first record that grows the output".length());
    }

    @Test
    void anEncodingInsideAnotherUsesItsOwnOutput() {
        byte[] outer = Encoding.toBytes(out -> {
            out.writeByte(1);
            byte[] inner = Encoding.toBytes(nested -> nested.writeShort(0x0203));
            out.write(inner);
            out.writeByte(4);
        });

        assertThat(outer).containsExactly(1, 2, 3, 4);
    }

    @Test
    void aFailedEncodingLeavesNothingBehindForTheNext() {
        assertThatThrownBy(() -> Encoding.toBytes(out -> {
            out.writeLong(99);
            throw new IOException("broken");
        })).isInstanceOf(UncheckedIOException.class).hasMessageContaining("broken");

        assertThat(Encoding.toBytes(out -> out.writeByte(5))).containsExactly(5);
    }

    @Test
    void aRecordLargerThanWhatIsKeptStillEncodesWhole() {
        byte[] large = Encoding.toBytes(out -> out.write(new byte[Encoding.KEEP_AT_MOST + 10]));

        assertThat(large).hasSize(Encoding.KEEP_AT_MOST + 10);
        assertThat(Encoding.toBytes(out -> out.writeByte(6))).containsExactly(6);
    }
}

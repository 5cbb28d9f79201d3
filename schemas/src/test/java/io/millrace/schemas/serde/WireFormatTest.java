package io.millrace.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.schemas.serde.WireFormatException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WireFormatTest {

    @Test
    void headerIsMagicByteThenBigEndianId() {
        assertThat(WireFormat.header(1)).containsExactly(0, 0, 0, 0, 1);
        assertThat(WireFormat.header(0x01020304)).containsExactly(0, 1, 2, 3, 4);
        assertThat(WireFormat.header(300)).containsExactly(0, 0, 0, 1, 0x2c);
        assertThat(WireFormat.header(Integer.MAX_VALUE)).containsExactly(0, 0x7f, 0xff, 0xff, 0xff);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 255, 256, 65_536, 0x01020304, Integer.MAX_VALUE, -1, Integer.MIN_VALUE})
    void schemaIdReadsBackWhatTheHeaderWrote(int id) {
        byte[] framed = concat(WireFormat.header(id), new byte[] {42});
        assertThat(WireFormat.schemaId(framed, "events", false)).isEqualTo(id);
    }

    @Test
    void aBareHeaderIsReadable() {
        assertThat(WireFormat.schemaId(WireFormat.header(7), "events", false)).isEqualTo(7);
    }

    @Test
    void nullAndEmptyBytesAreNotWireFormat() {
        assertThatThrownBy(() -> WireFormat.schemaId(new byte[0], "events", false))
                .isInstanceOfSatisfying(WireFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NOT_WIRE_FORMAT);
                    assertThat(e.topic()).isEqualTo("events");
                    assertThat(e.getMessage()).contains("topic 'events'").contains("empty bytes");
                });
        assertThatThrownBy(() -> WireFormat.schemaId(null, "events", true))
                .isInstanceOfSatisfying(WireFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NOT_WIRE_FORMAT);
                    assertThat(e.getMessage()).startsWith("Cannot deserialize the key of topic 'events'");
                });
    }

    @Test
    void wrongMagicByteIsNotWireFormatAndNamesTheByte() {
        byte[] json = "{\"id\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> WireFormat.schemaId(json, "events", false))
                .isInstanceOfSatisfying(WireFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NOT_WIRE_FORMAT);
                    assertThat(e.schemaId()).isEqualTo(-1);
                    assertThat(e.getMessage()).contains("0x7b").contains("magic byte 0x00");
                });
        assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {1, 0, 0, 0, 1, 2}, "events", false))
                .isInstanceOfSatisfying(WireFormatException.class,
                        e -> assertThat(e.getMessage()).contains("0x01"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void fewerThanFiveBytesAreNotWireFormat(int length) {
        byte[] bytes = new byte[length];
        assertThatThrownBy(() -> WireFormat.schemaId(bytes, "labels", false))
                .isInstanceOfSatisfying(WireFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NOT_WIRE_FORMAT);
                    assertThat(e.getMessage()).contains(length + " byte(s)").contains("too short");
                });
    }

    @Test
    void sourcePositionAttachedLaterAppearsInTheMessage() {
        WireFormatException e = new WireFormatException(Reason.UNKNOWN_SCHEMA_ID,
                WireFormatException.Operation.DESERIALIZE, "events", false, 99, "no schema 99", null);
        assertThat(e.getMessage()).isEqualTo(
                "Cannot deserialize the value of topic 'events' (schema id 99): UNKNOWN_SCHEMA_ID: no schema 99");
        assertThat(e.atSource(3, 1234L)).isSameAs(e);
        assertThat(e.partition()).isEqualTo(3);
        assertThat(e.offset()).isEqualTo(1234L);
        assertThat(e.getMessage()).isEqualTo(
                "Cannot deserialize the value of topic 'events' partition 3 offset 1234 (schema id 99): UNKNOWN_SCHEMA_ID: no schema 99");
        assertThat(e.isRetryable()).isFalse();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

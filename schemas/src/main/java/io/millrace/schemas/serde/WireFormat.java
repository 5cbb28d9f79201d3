package io.millrace.schemas.serde;

import io.millrace.schemas.serde.WireFormatException.Operation;
import io.millrace.schemas.serde.WireFormatException.Reason;
import java.io.ByteArrayOutputStream;

/**
 * The Confluent wire format, which Confluent's, Apicurio's and Karapace's serdes all read and write:
 * one magic byte 0, the schema id as a 4-byte big-endian int, then the Avro binary encoding of the record
 * (no Avro container header, no trailing bytes).
 */
public final class WireFormat {
    /** The first byte of every framed record. */
    public static final byte MAGIC_BYTE = 0;
    /** Magic byte plus schema id. */
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** Writes the 5-byte header for {@code schemaId}. */
    public static void writeHeader(ByteArrayOutputStream out, int schemaId) {
        out.write(MAGIC_BYTE);
        out.write(schemaId >>> 24);
        out.write(schemaId >>> 16);
        out.write(schemaId >>> 8);
        out.write(schemaId);
    }

    /** The 5-byte header for {@code schemaId}. */
    public static byte[] header(int schemaId) {
        return new byte[] {MAGIC_BYTE, (byte) (schemaId >>> 24), (byte) (schemaId >>> 16), (byte) (schemaId >>> 8), (byte) schemaId};
    }

    /**
     * Reads the schema id from the header of {@code bytes}.
     *
     * @throws WireFormatException with {@link Reason#NOT_WIRE_FORMAT} when there is no complete header
     *                             or the first byte is not the magic byte
     */
    public static int schemaId(byte[] bytes, String topic, boolean key) {
        if (bytes == null || bytes.length == 0) {
            throw notWireFormat(topic, key, (bytes == null ? "null" : "empty") + " bytes");
        }
        if (bytes[0] != MAGIC_BYTE) {
            throw notWireFormat(topic, key, String.format("first byte is 0x%02x, expected the magic byte 0x00 (%d bytes)",
                    bytes[0] & 0xff, bytes.length));
        }
        if (bytes.length < HEADER_SIZE) {
            throw notWireFormat(topic, key, bytes.length + " byte(s), too short for the " + HEADER_SIZE
                    + "-byte header (magic byte and 4-byte schema id)");
        }
        return ((bytes[1] & 0xff) << 24) | ((bytes[2] & 0xff) << 16) | ((bytes[3] & 0xff) << 8) | (bytes[4] & 0xff);
    }

    private static WireFormatException notWireFormat(String topic, boolean key, String detail) {
        return new WireFormatException(Reason.NOT_WIRE_FORMAT, Operation.DESERIALIZE, topic, key, -1,
                "not in the Confluent wire format: " + detail, null);
    }
}

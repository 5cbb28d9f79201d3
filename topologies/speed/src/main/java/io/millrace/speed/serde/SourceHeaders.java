package io.millrace.speed.serde;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Where an event entered the speed layer, carried in the headers of a record that moves it between partitions
 * ({@code rekeyed-events}): the {@code events} topic, partition and offset ingest read it from, so provenance, drift
 * alerts and dead letters downstream name the record the producer wrote, not the hand-over.
 */
public final class SourceHeaders {
    /** Header: the source topic, UTF-8. */
    public static final String TOPIC = "millrace.source.topic";
    /** Header: the source partition and offset, a big-endian int then a big-endian long. */
    public static final String POSITION = "millrace.source.position";

    private SourceHeaders() {
    }

    /** Adds {@code source} to {@code headers}, replacing any source they held. */
    public static void write(Headers headers, SourceOffset source) {
        remove(headers);
        headers.add(TOPIC, source.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(POSITION, ByteBuffer.allocate(Integer.BYTES + Long.BYTES)
                .putInt(source.partition()).putLong(source.offset()).array());
    }

    /** The source the headers hold, if they hold a well-formed one. */
    public static Optional<SourceOffset> read(Headers headers) {
        Header topic = headers.lastHeader(TOPIC);
        Header position = headers.lastHeader(POSITION);
        if (topic == null || position == null || topic.value() == null || position.value() == null
                || position.value().length != Integer.BYTES + Long.BYTES) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(position.value());
        return Optional.of(new SourceOffset(new String(topic.value(), StandardCharsets.UTF_8), buffer.getInt(),
                buffer.getLong()));
    }

    /** Whether {@code headers} hold either source header (a producer could have set one). */
    public static boolean present(Headers headers) {
        return headers.lastHeader(TOPIC) != null || headers.lastHeader(POSITION) != null;
    }

    /** Takes the source headers off {@code headers}. */
    public static void remove(Headers headers) {
        headers.remove(TOPIC);
        headers.remove(POSITION);
    }
}

package io.millrace.speed.ingest;

import static io.millrace.speed.ingest.IngestDriver.NOW;
import static io.millrace.speed.ingest.IngestDriver.event;
import static io.millrace.speed.ingest.IngestDriver.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.schemas.DeadLetter;
import io.millrace.schemas.Event;
import io.millrace.schemas.registry.InMemorySchemaRegistry;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A seeded mix of good and bad records: every input record comes out exactly once, on the right topic, in order. */
class IngestMixedStreamTest {
    private static final int RECORDS = 2_000;
    private static final double BAD_SHARE = 0.25;

    @TempDir
    Path stateDir;

    /** One kind of bad record: the reason it must get, and how to make it from a good event. */
    private record BadKind(RejectReason reason, Function<Event, Event> spoil, Function<byte[], byte[]> mangle, boolean wrongKey) {
    }

    private static final List<BadKind> BAD_KINDS = List.of(
            new BadKind(RejectReason.NOT_WIRE_FORMAT, e -> e, bytes -> ("{\"id\":\"" + bytes.length + "\"}").getBytes(), false),
            new BadKind(RejectReason.UNKNOWN_SCHEMA_ID, e -> e, bytes -> withSchemaId(bytes, 424_242), false),
            new BadKind(RejectReason.TRUNCATED_BODY, e -> e, bytes -> Arrays.copyOf(bytes, bytes.length - 3), false),
            new BadKind(RejectReason.TOMBSTONE, e -> e, bytes -> null, false),
            new BadKind(RejectReason.MISSING_FIELD, e -> Event.newBuilder(e).setId("").build(), b -> b, false),
            new BadKind(RejectReason.KEY_MISMATCH, e -> e, b -> b, true),
            new BadKind(RejectReason.NON_FINITE, e -> Event.newBuilder(e).setFeatures(Map.of("amount", Double.NaN)).build(), b -> b, false),
            new BadKind(RejectReason.EVENT_TIME_IN_FUTURE, e -> Event.newBuilder(e).setEventTime(NOW.plus(Duration.ofDays(30))).build(), b -> b, false),
            new BadKind(RejectReason.EVENT_TIME_TOO_OLD, e -> Event.newBuilder(e).setEventTime(NOW.minus(Duration.ofDays(400))).build(), b -> b, false));

    @Test
    void validPlusDeadLetteredEqualsTheInputOneForOneAndTheCountersAgree() {
        Random random = new Random(20260301);
        List<String> expected = new ArrayList<>();
        List<byte[]> sentValues = new ArrayList<>();
        Map<Integer, Event> sentEvents = new HashMap<>();
        try (IngestDriver ingest = new IngestDriver(new InMemorySchemaRegistry(), stateDir)) {
            for (int i = 0; i < RECORDS; i++) {
                Event good = event("m-" + i).setFeatures(Map.of("amount", random.nextGaussian() * 100, "n", (double) i)).build();
                byte[] key = utf8(good.getEntity());
                byte[] value;
                String outcome;
                if (random.nextDouble() < BAD_SHARE) {
                    BadKind kind = BAD_KINDS.get(random.nextInt(BAD_KINDS.size()));
                    value = kind.mangle().apply(ingest.encode(kind.spoil().apply(good)));
                    key = kind.wrongKey() ? utf8("not-" + good.getEntity()) : key;
                    outcome = kind.reason().name();
                } else {
                    value = ingest.encode(good);
                    outcome = IngestMetrics.VALID;
                    sentEvents.put(i, good);
                }
                ingest.send(key, value);
                expected.add(outcome);
                sentValues.add(value);
            }

            List<TestRecord<String, Event>> valid = ingest.valid();
            List<TestRecord<byte[], DeadLetter>> dead = ingest.dead();

            assertThat(valid.size() + dead.size()).isEqualTo(RECORDS);
            String[] actual = new String[RECORDS];
            List<Integer> validOrder = new ArrayList<>();
            for (TestRecord<String, Event> record : valid) {
                int offset = Integer.parseInt(record.value().getId().substring(2));
                assertThat(actual[offset]).as("offset %d seen twice", offset).isNull();
                actual[offset] = IngestMetrics.VALID;
                validOrder.add(offset);
                assertThat(record.value()).isEqualTo(sentEvents.get(offset));
            }
            List<Integer> deadOrder = new ArrayList<>();
            for (TestRecord<byte[], DeadLetter> record : dead) {
                int offset = (int) record.value().getSourceOffset();
                assertThat(actual[offset]).as("offset %d seen twice", offset).isNull();
                actual[offset] = record.value().getReasonCode();
                deadOrder.add(offset);
                assertThat(bytes(record.value().getOriginalValue())).isEqualTo(sentValues.get(offset));
            }
            assertThat(actual).containsExactly(expected.toArray(String[]::new));
            assertThat(validOrder).isSorted();
            assertThat(deadOrder).isSorted();

            Map<String, Long> expectedCounts = expected.stream().collect(Collectors.groupingBy(o -> o, Collectors.counting()));
            assertThat(expectedCounts.keySet()).as("every kind was drawn").hasSize(BAD_KINDS.size() + 1);
            Map<String, Double> counters = ingest.counters();
            Map<String, Double> expectedCounters = new HashMap<>();
            for (RejectReason reason : RejectReason.values()) {
                expectedCounters.put(reason.name(), 0.0);
            }
            expectedCounters.put(IngestMetrics.REKEYED, 0.0);
            expectedCounts.forEach((outcome, count) -> expectedCounters.put(outcome, count.doubleValue()));
            assertThat(counters).isEqualTo(expectedCounters);
        }
    }

    private static byte[] withSchemaId(byte[] bytes, int id) {
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).position(1).putInt(id);
        return copy;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }
}

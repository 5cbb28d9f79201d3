package io.millrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.millrace.devcluster.DevCluster;
import io.millrace.devcluster.DevClusterExtension;
import io.millrace.schemas.DeadLetter;
import io.millrace.schemas.Event;
import io.millrace.schemas.Label;
import io.millrace.schemas.registry.SchemaRegistryClient;
import io.millrace.schemas.serde.AvroWireDeserializer;
import io.millrace.schemas.serde.WireFormatException;
import picocli.CommandLine;

@ExtendWith(DevClusterExtension.class)
class ProduceCommandTest {

    @Test
    void paymentsWithBadRecordsAreAllOnTheTopicsOneForOne(DevCluster cluster) {
        String prefix = "produce-payments.";
        Result result = produce(cluster, "--generator", "payments", "--events", "400", "--bad-ratio", "0.05",
            "--seed", "3", "--topic-prefix", prefix);

        assertThat(result.exitCode).as(result.err).isZero();
        assertThat(result.out).contains("produced 400 events").contains("delayed labels").contains("injected");
        int injected = Integer.parseInt(result.out.replaceAll("(?s).*injected (\\d+) bad records.*", "$1"));
        assertThat(injected).isBetween(5, 40);

        Readback events = readEvents(cluster, prefix + "events");
        List<Label> labels = readAll(cluster, prefix + "labels", Label.class);
        // valid payments + readable-but-invalid injected events + unreadable injected bytes == all that was sent
        assertThat(events.readable.size() + events.unreadable.size()).isEqualTo(400 + injected);
        assertThat(events.readable.stream().filter(e -> !e.getId().endsWith("-bad")).count()).isEqualTo(400);
        assertThat(events.unreadable).isNotEmpty().allSatisfy(reason -> assertThat(reason).isIn(
            WireFormatException.Reason.NOT_WIRE_FORMAT, WireFormatException.Reason.UNKNOWN_SCHEMA_ID,
            WireFormatException.Reason.TRUNCATED_BODY));
        assertThat(labels).hasSize(400);
        assertThat(labels).allSatisfy(label -> assertThat(label.getLabel()).isIn(0.0, 1.0));
    }

    @Test
    void seaEventsCarryTheirLabelInlineAndEndNow(DevCluster cluster) {
        String prefix = "produce-sea.";
        long before = System.currentTimeMillis();
        Result result = produce(cluster, "--generator", "sea", "--events", "200", "--drift-at", "100", "--topic-prefix", prefix);

        assertThat(result.exitCode).as(result.err).isZero();
        List<Event> events = readEvents(cluster, prefix + "events").readable;
        assertThat(events).hasSize(200);
        assertThat(events).allSatisfy(event -> {
            assertThat(event.getFeatures()).containsOnlyKeys("attrib1", "attrib2", "attrib3");
            assertThat(event.getLabel()).isInstanceOf(String.class);
            assertThat(event.getEventTime().toEpochMilli()).isBetween(before - 200 * 10 - 1000, System.currentTimeMillis());
        });
    }

    @Test
    void jsonLinesThatAreNotEventsGoToDeadLettersWithTheirLineNumber(DevCluster cluster, @TempDir Path dir) throws Exception {
        String prefix = "produce-json.";
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, String.join("\n",
            "{\"id\":\"e1\",\"entity\":\"acct-1\",\"event_time\":1700000000000,\"features\":{\"amount\":12.5,\"country\":\"FR\"},\"label\":1}",
            "{\"id\":\"e2\",\"entity\":\"acct-2\",\"event_time\":\"2024-01-01T00:00:00Z\",\"features\":{\"amount\":3,\"note\":null}}",
            "",
            "not json at all",
            "{\"id\":\"e4\",\"event_time\":1700000000000,\"features\":{}}",
            "{\"id\":\"e5\",\"entity\":\"acct-5\",\"event_time\":1700000000000,\"features\":{\"amount\":[1,2]}}",
            "{\"id\":\"e6\",\"entity\":\"acct-6\",\"event_time\":1700000000001,\"features\":{\"amount\":7.25}}"), StandardCharsets.UTF_8);

        Result result = produce(cluster, "--json", file.toString(), "--topic-prefix", prefix);

        assertThat(result.exitCode).as(result.err).isZero();
        assertThat(result.out).contains("produced 3 events").contains("rejected 3 input lines");
        assertThat(readEvents(cluster, prefix + "events").readable).extracting(Event::getId).containsExactlyInAnyOrder("e1", "e2", "e6");
        List<DeadLetter> deadLetters = readAll(cluster, prefix + "dead-letters", DeadLetter.class);
        assertThat(deadLetters).extracting(DeadLetter::getSourceOffset).containsExactlyInAnyOrder(4L, 5L, 6L);
        assertThat(deadLetters).extracting(DeadLetter::getReasonCode).containsExactlyInAnyOrder("INVALID_JSON", "MISSING_FIELD", "WRONG_TYPE");
        assertThat(deadLetters).filteredOn(d -> d.getSourceOffset() == 4L).singleElement()
            .satisfies(d -> assertThat(StandardCharsets.UTF_8.decode(d.getOriginalValue()).toString()).isEqualTo("not json at all"));
    }

    @Test
    void bothSourcesOrAnUnknownGeneratorAreClearErrors(DevCluster cluster) {
        Result both = produce(cluster, "--generator", "sea", "--json", "x.jsonl");
        assertThat(both.exitCode).isNotZero();
        assertThat(both.err).contains("mutually exclusive");

        Result unknown = produce(cluster, "--generator", "nope", "--events", "5");
        assertThat(unknown.exitCode).isEqualTo(1);
        assertThat(unknown.err).contains("nope");
    }

    private record Result(int exitCode, String out, String err) {
    }

    private static Result produce(DevCluster cluster, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Millrace.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("produce", "--bootstrap-servers", cluster.bootstrapServers(),
            "--schema-registry-url", cluster.registryUrl()));
        all.addAll(List.of(args));
        int exitCode = commandLine.execute(all.toArray(String[]::new));
        return new Result(exitCode, out.toString(), err.toString());
    }

    private record Readback(List<Event> readable, List<WireFormatException.Reason> unreadable) {
    }

    private static Readback readEvents(DevCluster cluster, String topic) {
        AvroWireDeserializer<Event> deserializer =
            AvroWireDeserializer.specific(SchemaRegistryClient.of(cluster.registryUrl()), Event.class, false);
        List<Event> readable = new ArrayList<>();
        List<WireFormatException.Reason> unreadable = new ArrayList<>();
        for (byte[] value : readBytes(cluster, topic)) {
            try {
                readable.add(deserializer.deserialize(topic, value));
            } catch (WireFormatException e) {
                unreadable.add(e.reason());
            }
        }
        return new Readback(readable, unreadable);
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> List<T> readAll(DevCluster cluster, String topic, Class<T> type) {
        AvroWireDeserializer<T> deserializer = AvroWireDeserializer.specific(SchemaRegistryClient.of(cluster.registryUrl()), type, false);
        return readBytes(cluster, topic).stream().map(value -> deserializer.deserialize(topic, value)).toList();
    }

    /** Every value on the topic, read until it has been quiet for a second. */
    private static List<byte[]> readBytes(DevCluster cluster, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "produce-test-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<byte[]> values = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int quietPolls = 0;
            while (System.nanoTime() < deadline && (values.isEmpty() || quietPolls < 5)) {
                var records = consumer.poll(Duration.ofMillis(200));
                quietPolls = records.isEmpty() ? quietPolls + 1 : 0;
                for (ConsumerRecord<String, byte[]> record : records) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}

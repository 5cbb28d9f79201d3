package io.millrace.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.millrace.bench.speed.SpeedBenchOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the speed-layer benchmark still runs end to end on the embedded dev cluster (not how fast anything is):
 * a one-round run over 2,000 payments prints a row for each of the four topologies and writes them as JSON; the
 * speed-layer runs validated every event, the whole layer learned from the labels, and the topic shape wrote what
 * the whole layer writes to its four hand-over and output topics.
 */
class SpeedLayerBenchmarkSmokeTest {

    private static final long EVENTS = 2_000;
    private static final List<String> TOPOLOGIES = List.of("pass-through", "topic-shape", "speed-layer-no-model",
        "speed-layer-hoeffding-tree");

    @TempDir
    Path dir;

    @Test
    void aShortRunReportsTheFourTopologies() throws Exception {
        Path json = dir.resolve("speed.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = LearningBenchmark.run(new String[] {"speed-layer", "--events", String.valueOf(EVENTS), "--warmup-events", "200",
            "--max-warmup-passes", "2", "--rounds", "1",
            "--payments-param", "meanGapMs=500",
            "--json", json.toString()}, print(out), print(err), false);

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String table = out.toString(StandardCharsets.UTF_8);
        for (String topology : TOPOLOGIES) {
            assertThat(table).containsPattern("(?m)^" + topology + " +2,000 +\\d+\\.\\d\\d +[\\d,]+ +\\d+\\.\\d\\d ");
        }
        assertThat(table).contains("Load average (1, 5, 15 min) at start:", "; at end:");
        JsonNode report = new ObjectMapper().readTree(Files.readString(json));
        List<String> written = new ArrayList<>();
        for (JsonNode summary : report.get("summaries")) {
            written.add(summary.get("topology").asText());
            assertThat(summary.get("eventsPerSecond").asDouble()).isPositive();
        }
        assertThat(written).containsExactlyElementsOf(TOPOLOGIES);
        assertThat(report.get("summaries").get(0).get("ratio").asDouble()).isEqualTo(1.0);
        assertThat(report.get("runs")).hasSize(4);
        assertThat(counter(report, 2, "ingest.VALID")).isEqualTo(EVENTS);
        assertThat(counter(report, 3, "ingest.VALID")).isEqualTo(EVENTS);
        assertThat(counter(report, 3, "model.EXAMPLE_LEARNED")).isPositive();
        JsonNode whole = report.get("runs").get(3);
        assertThat(whole.get("cpu").get("streamThreads").asDouble()).isPositive();
        assertThat(whole.get("cpu").get("process").asDouble()).isGreaterThanOrEqualTo(whole.get("cpu").get("streamThreads").asDouble());
        assertThat(whole.get("streamMicrosPerEvent").asDouble()).isPositive();
        assertThat(whole.get("threadTime").get("process").asDouble()).isBetween(0.0, 1.0);
        assertThat(table).contains("stream us/ev", "CPU of its last run: stream threads", "stream thread time of its last run: process");
        // version 1 was published before the run: every event was scored; nothing went round through rekeyed-events
        assertThat(counter(report, 3, "model.EVENT_SCORED")).isEqualTo(EVENTS);
        assertThat(counter(report, 3, "model.EVENT_UNSCORED_NO_VERSION")).isZero();
        assertThat(counter(report, 3, "ingest.REKEYED")).isZero();
        // what each run wrote (transaction markers on top): the pass-through one record per event; the whole layer each
        // event to valid-events,
        // predictions, scored-events and training-examples, and its changelogs
        JsonNode passThroughWrites = report.get("runs").get(0).get("written").get("records");
        assertThat(passThroughWrites.size()).isEqualTo(1);
        assertThat(passThroughWrites.elements().next().asLong()).isBetween(EVENTS, EVENTS * 3 / 2);
        // the topic shape: every event to each of its four topics, the last two only once it read them back
        JsonNode shapeWrites = report.get("runs").get(1).get("written").get("records");
        assertThat(shapeWrites.size()).as("%s; caught up: %s", shapeWrites, report.get("runs").get(1).get("caughtUp"))
            .isEqualTo(4);
        shapeWrites.fields().forEachRemaining(topic ->
            assertThat(topic.getValue().asLong()).as(topic.getKey()).isBetween(EVENTS, EVENTS * 3 / 2));
        assertThat(report.get("runs").get(1).get("caughtUp").fieldNames()).toIterable()
            .contains("labels", "topic-shape-out-1-scored-events", "topic-shape-out-1-training-examples");
        assertThat(report.get("target").get("topicShapeRatio").asDouble()).isPositive();
        assertThat(report.get("target").get("ofTopicShape").asDouble()).isPositive();
        assertThat(table).contains("its topic shape, the same reads and writes with no work, reached a ratio of");
        JsonNode wholeWrites = whole.get("written").get("records");
        for (String topic : List.of("valid-events", "predictions", "scored-events", "training-examples")) {
            assertThat(wholeWrites.get(topic).asLong()).as(topic).isBetween(EVENTS, EVENTS * 3 / 2);
        }
        assertThat(wholeWrites.get("changelog:pending-labels").asLong()).isGreaterThanOrEqualTo(EVENTS);
        assertThat(whole.get("written").get("bytes").get("valid-events").asLong()).isGreaterThan(EVENTS * 50);
        assertThat(whole.get("cpu").get("streamAllocatedBytes").asLong()).isGreaterThan(EVENTS * 1000);
        assertThat(table).contains("stream threads allocated", "written to the broker:",
            "Payments generator parameters over its defaults: {meanGapMs=500}");
        assertThat(report.get("paymentsParams").get("meanGapMs").asText()).isEqualTo("500");
        // the warm-up: one pass, or a second when the JIT compilers took more than 20% of the first one's CPU
        int passes = report.get("warmupPasses").asInt();
        double jitShare = report.get("warmupJitShare").asDouble();
        assertThat(passes).isBetween(1, 2);
        assertThat(jitShare).isBetween(0.0, 1.0);
        if (passes == 1) {
            assertThat(jitShare).isLessThanOrEqualTo(SpeedBenchOptions.QUIET_JIT_SHARE);
        }
        assertThat(table).contains("warm-up: each topology " + passes + " times over 200 other payments, untimed");
    }

    @Test
    void theStreamsPropertiesAndTheSkipAreParsedAndBadOnesRefused() {
        SpeedBenchOptions options = SpeedBenchOptions.parse(new String[] {"--skip-no-model", "--skip-topic-shape", "--streams-property",
            "max.task.idle.ms=0", "--streams-property=commit.interval.ms = 200"});
        assertThat(options.skipNoModel()).isTrue();
        assertThat(options.skipTopicShape()).isTrue();
        assertThat(SpeedBenchOptions.parse(new String[0]).skipTopicShape()).isFalse();
        assertThat(options.streamsProperties()).containsEntry("max.task.idle.ms", "0").containsEntry("commit.interval.ms", "200");
        assertThat(SpeedBenchOptions.parse(new String[0]).skipNoModel()).isFalse();
        assertThat(SpeedBenchOptions.parse(new String[] {"--events", "200000"}).warmupEvents()).isEqualTo(60_000);
        assertThat(SpeedBenchOptions.parse(new String[] {"--events", "50000"}).warmupEvents()).isEqualTo(25_000);
        assertThat(SpeedBenchOptions.parse(new String[0]).maxWarmupPasses()).isEqualTo(SpeedBenchOptions.DEFAULT_MAX_WARMUP_PASSES);
        assertThat(SpeedBenchOptions.parse(new String[] {"--max-warmup-passes", "1"}).maxWarmupPasses()).isEqualTo(1);
        assertThatThrownBy(() -> SpeedBenchOptions.parse(new String[] {"--max-warmup-passes", "0"}))
            .hasMessageContaining("--max-warmup-passes must be between 1 and 20, got 0");
        assertThatThrownBy(() -> SpeedBenchOptions.parse(new String[] {"--streams-property", "no-equals-sign"}))
            .hasMessageContaining("--streams-property takes KEY=VALUE, got 'no-equals-sign'");
        assertThatThrownBy(() -> SpeedBenchOptions.parse(new String[] {"--streams-property", "=5"}))
            .hasMessageContaining("KEY=VALUE");
        assertThat(SpeedBenchOptions.parse(new String[] {"--payments-param", "meanGapMs=0.1", "--payments-param=accounts=50"})
            .paymentsParams()).containsEntry("meanGapMs", "0.1").containsEntry("accounts", "50");
        assertThatThrownBy(() -> SpeedBenchOptions.parse(new String[] {"--payments-param", "meanGapMs"}))
            .hasMessageContaining("--payments-param takes KEY=VALUE, got 'meanGapMs'");
    }

    @Test
    void helpOfBothBenchmarksMentionsTheSpeedLayerAndABadOptionExitsWithTwo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertThat(LearningBenchmark.run(new String[] {"--help"}, print(out), print(err), false)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("./millrace bench speed-layer");
        out.reset();
        assertThat(LearningBenchmark.run(new String[] {"speed-layer", "--help"}, print(out), print(err), false)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--events", "--json", "--bootstrap-servers",
            "--schema-registry-url", "pass-through");
        assertThat(LearningBenchmark.run(new String[] {"speed-layer", "--events", "many"}, print(out), print(err), false))
            .isEqualTo(2);
        assertThat(LearningBenchmark.run(new String[] {"speed-layer", "--bootstrap-servers", "localhost:9092"}, print(out),
            print(err), false)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--events must be an integer, got 'many'",
            "--bootstrap-servers and --schema-registry-url go together");
    }

    private static long counter(JsonNode report, int summary, String name) {
        JsonNode value = report.get("summaries").get(summary).get("counters").get(name);
        return value == null ? 0 : value.asLong();
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}

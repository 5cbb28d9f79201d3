package io.millrace.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the benchmark still runs end to end (not how fast anything is): a short run prints a table
 * with a row for every learner on every stream and every detector, and writes the same rows as JSON.
 * The trees must predict exactly as MOA's there, which shows that both sides read the same instances.
 */
class LearningBenchmarkSmokeTest {

    @TempDir
    Path dir;

    @Test
    void aShortRunReportsEveryLearnerOnEveryStreamAndEveryDetector() throws Exception {
        Path json = dir.resolve("report.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = LearningBenchmark.run(new String[] {"--instances", "2000", "--repetitions", "1", "--json",
            json.toString()}, print(out), print(err), false);

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String table = out.toString(StandardCharsets.UTF_8);
        List<String> expected = expectedRows();
        for (String row : expected) {
            assertThat(table).containsPattern("(?m)^" + row.replace(" ", " +") + " ");
        }
        JsonNode report = new ObjectMapper().readTree(Files.readString(json));
        List<String> written = new ArrayList<>();
        for (JsonNode row : report.get("rows")) {
            written.add(row.get("name").asText() + " " + row.get("stream").asText());
            assertThat(row.get("oursPerSecond").asDouble()).isPositive();
            assertThat(row.get("moaPerSecond").asDouble()).isPositive();
            if (row.get("name").asText().startsWith("hoeffding")) {
                // Same predictions on every instance: both sides read the same instances.
                assertThat(row.get("differentPredictions").asLong()).as(written.get(written.size() - 1)).isZero();
            }
        }
        assertThat(written).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(report.get("targets")).hasSize(5);
    }

    @Test
    void helpPrintsTheOptionsAndABadOptionExitsWithTwo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertThat(LearningBenchmark.run(new String[] {"--help"}, print(out), print(err), false)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--instances", "--seed", "--json", "--only",
            "hoeffding-tree", "adwin");
        assertThat(LearningBenchmark.run(new String[] {"--only", "random-forest"}, print(out), print(err), false))
            .isEqualTo(2);
        assertThat(LearningBenchmark.run(new String[] {"--instances", "ten"}, print(out), print(err), false))
            .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown: random-forest",
            "--instances must be an integer, got 'ten'");
    }

    private static List<String> expectedRows() {
        List<String> rows = new ArrayList<>();
        for (String stream : List.of("sea", "hyperplane", "agrawal")) {
            for (LearnerPair pair : Contenders.LEARNERS) {
                rows.add(pair.name() + " " + stream);
            }
        }
        rows.add(Contenders.LOGISTIC_REGRESSION.name() + " " + Benchmark.DENSE);
        for (DetectorPair pair : Contenders.DETECTORS) {
            rows.add(pair.name() + " sea-errors");
        }
        return rows;
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}

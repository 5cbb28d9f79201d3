package io.millrace.cli.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.millrace.cli.Millrace;
import io.millrace.learning.Learner;
import io.millrace.learning.Learners;
import io.millrace.learning.eval.Example;
import io.millrace.learning.eval.PrequentialEvaluator;
import io.millrace.learning.eval.PrequentialResult;
import io.millrace.learning.generators.Generators;
import io.millrace.learning.generators.Instance;
import io.millrace.learning.generators.InstanceStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import picocli.CommandLine;

class EvaluateCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /**
     * One native thread for the perceptron's ND4J operations: on a busy machine more OpenMP threads than
     * free cores make each mini-batch step wait for descheduled threads (see the neural package's tests).
     */
    @BeforeAll
    static void oneNativeThread() {
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
    }

    record Run(int exitCode, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }

        /** The error output, which must be one line naming the command. */
        String errorLine() {
            assertThat(exitCode).isNotZero();
            assertThat(out).isEmpty();
            assertThat(err.lines().count()).as("one line: %s", err).isEqualTo(1);
            assertThat(err).startsWith("millrace evaluate: ");
            return err.strip();
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Millrace.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    /** The same evaluation done by hand with the library. */
    private static PrequentialResult direct(String learnerName, Map<String, String> params, String generator, long seed,
                                            Long driftAt, int instances, int window) {
        InstanceStream stream = Generators.create(generator, Map.of(), seed, driftAt);
        Learner learner = Learners.create(learnerName, stream.header(), params);
        List<Example> examples = new ArrayList<>();
        for (Instance instance : stream.take(instances)) {
            examples.add(new Example(instance.features(), instance.target()));
        }
        return new PrequentialEvaluator(learner, window).evaluate(examples);
    }

    @Test
    void aGeneratorRunScoresAsThePrequentialEvaluatorDoes() throws IOException {
        Run run = run("evaluate", "--learner", "hoeffding-tree", "--generator", "sea", "--instances", "20000",
            "--seed", "1", "--drift-at", "10000", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = run.json();
        PrequentialResult expected = direct("hoeffding-tree", Map.of(), "sea", 1, 10_000L, 20_000, 1000);

        assertThat(json.get("instances").asLong()).isEqualTo(20_000);
        assertThat(json.at("/whole/accuracy").asDouble()).isEqualTo(expected.whole().accuracy());
        assertThat(json.at("/whole/kappa").asDouble()).isEqualTo(expected.whole().kappa());
        assertThat(json.at("/whole/logLoss").asDouble()).isEqualTo(expected.whole().logLoss());
        assertThat(json.at("/window/accuracy").asDouble()).isEqualTo(expected.window().accuracy());
        assertThat(json.at("/window/instances").asLong()).isEqualTo(1000);
        assertThat(expected.whole().accuracy()).isBetween(0.8, 0.95);
    }

    @Test
    void parametersAndWindowReachTheLearnerAndTheScores() throws IOException {
        Run run = run("evaluate", "--learner", "logistic-regression", "--param", "optimizer=adagrad",
            "--param", "learning-rate=0.5", "--generator", "hyperplane", "--instances", "5000", "--seed", "3",
            "--window", "200", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = run.json();
        PrequentialResult expected = direct("logistic-regression", Map.of("optimizer", "adagrad", "learning-rate", "0.5"),
            "hyperplane", 3, null, 5000, 200);
        assertThat(json.at("/whole/accuracy").asDouble()).isEqualTo(expected.whole().accuracy());
        assertThat(json.at("/window/accuracy").asDouble()).isEqualTo(expected.window().accuracy());
        assertThat(json.get("windowSize").asInt()).isEqualTo(200);
        assertThat(json.get("params")).isEqualTo(JSON.valueToTree(Map.of("learning-rate", "0.5", "optimizer", "adagrad")));
    }

    @Test
    void textOutputShowsTheScoresAndSpeed() {
        Run run = run("evaluate", "--learner", "naive-bayes", "--generator", "agrawal", "--instances", "3000", "--seed", "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        PrequentialResult expected = direct("naive-bayes", Map.of(), "agrawal", 2, null, 3000, 1000);
        assertThat(run.out()).contains("learner        naive-bayes")
            .contains("data           agrawal generator, seed 2, 3000 instances")
            .contains("task           classification of 'class', 2 classes")
            .contains("instances      3000 evaluated, 0 rejected as invalid input")
            .containsPattern("accuracy +" + String.format(Locale.ROOT, "%.4f", expected.whole().accuracy()).replace(".", "\\.")
                + " +" + String.format(Locale.ROOT, "%.4f", expected.window().accuracy()).replace(".", "\\."))
            .containsPattern("kappa +\\d\\.\\d{4} +\\d\\.\\d{4}")
            .containsPattern("log-loss +\\d\\.\\d{4}")
            .containsPattern("instances/s +[\\d,]+ \\(\\d+\\.\\d\\d s\\)");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void jsonHasTheDocumentedFields() throws IOException {
        JsonNode json = run("evaluate", "--learner", "hoeffding-adaptive-tree", "--generator", "rbf", "--instances", "2000",
            "--seed", "4", "--drift-at", "1000", "--generator-param", "numClasses=3", "--json").json();
        assertThat(fieldNames(json)).containsExactly("learner", "params", "data", "task", "target", "classes", "instances",
            "rejected", "skipped", "seconds", "instancesPerSecond", "windowSize", "whole", "window");
        assertThat(json.get("learner").asText()).isEqualTo("hoeffding-adaptive-tree");
        assertThat(json.get("task").asText()).isEqualTo("classification");
        assertThat(json.get("classes")).hasSize(3);
        assertThat(fieldNames(json.get("data"))).containsExactly("type", "generator", "seed", "instances", "driftAt", "options");
        assertThat(json.at("/data/driftAt").asLong()).isEqualTo(1000);
        assertThat(json.at("/data/options/numClasses").asText()).isEqualTo("3");
        assertThat(fieldNames(json.get("whole"))).containsExactly("instances", "accuracy", "kappa", "logLoss");
        assertThat(fieldNames(json.get("window"))).containsExactly("instances", "accuracy", "kappa", "logLoss");
        assertThat(json.get("instancesPerSecond").asDouble()).isPositive();
    }

    @Test
    void aCsvWithNumericAndNominalColumnsRuns() throws IOException {
        Path file = loans(4000);
        Run run = run("evaluate", "--learner", "hoeffding-tree", "--param", "grace-period=50", "--csv", file.toString(),
            "--label", "approved", "--ignore", "id", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("task").asText()).isEqualTo("classification");
        assertThat(json.get("classes")).containsExactly(JSON.valueToTree("no"), JSON.valueToTree("yes"));
        assertThat(json.get("skipped").asLong()).isEqualTo(4000 / 97 + 1);
        assertThat(json.get("instances").asLong()).isEqualTo(4000 - (4000 / 97 + 1));
        assertThat(json.get("rejected").asLong()).isZero();
        assertThat(fieldNames(json.get("data"))).containsExactly("type", "file", "label", "rows", "unlabelled", "limit");
        assertThat(json.at("/data/rows").asLong()).isEqualTo(4000);
        assertThat(json.at("/whole/accuracy").asDouble()).isGreaterThan(0.85);
    }

    @Test
    void aNumericLabelIsRegressionForARegressorAndClassesForAClassifier() throws IOException {
        Path file = dir.resolve("sensor.csv");
        StringBuilder csv = new StringBuilder("temperature,site,load,overheat\n");
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 3000; i++) {
            double temperature = random.nextDouble(10, 30);
            String site = random.nextBoolean() ? "north" : "south";
            double load = 2 * temperature + (site.equals("north") ? 5 : -5) + random.nextDouble(-0.5, 0.5);
            csv.append(String.format(Locale.ROOT, "%.3f,%s,%.3f,%d%n", temperature, site, load, load > 45 ? 1 : 0));
        }
        Files.writeString(file, csv);

        JsonNode regression = run("evaluate", "--learner", "linear-regression", "--param", "optimizer=adagrad",
            "--param", "learning-rate=1", "--csv", file.toString(), "--label", "load", "--ignore", "overheat", "--json").json();
        assertThat(regression.get("task").asText()).isEqualTo("regression");
        assertThat(regression.has("classes")).isFalse();
        assertThat(fieldNames(regression.get("whole"))).containsExactly("instances", "mae", "rmse");
        assertThat(regression.at("/window/mae").asDouble()).isLessThan(2.0);

        JsonNode classes = run("evaluate", "--learner", "naive-bayes", "--csv", file.toString(), "--label", "overheat",
            "--json").json();
        assertThat(classes.get("task").asText()).isEqualTo("classification");
        assertThat(classes.get("classes")).containsExactly(JSON.valueToTree("0"), JSON.valueToTree("1"));
        assertThat(classes.at("/whole/accuracy").asDouble()).isGreaterThan(0.9);

        JsonNode both = run("evaluate", "--learner", "mlp", "--csv", file.toString(), "--label", "overheat", "--json").json();
        assertThat(both.get("task").asText()).isEqualTo("regression");
        JsonNode asked = run("evaluate", "--learner", "mlp", "--csv", file.toString(), "--label", "overheat",
            "--task", "classification", "--json").json();
        assertThat(asked.get("task").asText()).isEqualTo("classification");
        assertThat(asked.get("classes")).hasSize(2);
    }

    @Test
    void instancesLimitsTheRowsOfACsv() throws IOException {
        JsonNode json = run("evaluate", "--learner", "naive-bayes", "--csv", loans(500).toString(), "--label", "approved",
            "--instances", "100", "--json").json();
        assertThat(json.get("instances").asLong()).isEqualTo(100);
        assertThat(json.at("/data/limit").asLong()).isEqualTo(100);
    }

    @Test
    void listParamsPrintsTheDefaults() {
        Run run = run("evaluate", "--learner", "hoeffding-tree", "--list-params");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().toList()).startsWith("grace-period=200", "split-confidence=1e-7");
    }

    @Test
    void anUnknownLearnerIsOneClearLine() {
        assertThat(run("evaluate", "--learner", "forest", "--generator", "sea", "--instances", "10").errorLine())
            .isEqualTo("millrace evaluate: unknown learner 'forest'; expected one of logistic-regression, "
                + "linear-regression, naive-bayes, hoeffding-tree, hoeffding-adaptive-tree, mlp");
    }

    @Test
    void aBadLearnerParameterIsOneClearLine() {
        assertThat(run("evaluate", "--learner", "hoeffding-tree", "--param", "grace-period=-3", "--generator", "sea",
            "--instances", "10").errorLine())
            .isEqualTo("millrace evaluate: learner 'hoeffding-tree': grace-period must be >= 1, got -3");
    }

    @Test
    void aCsvWithoutALabelIsOneClearLine() throws IOException {
        assertThat(run("evaluate", "--learner", "naive-bayes", "--csv", loans(10).toString()).errorLine())
            .isEqualTo("millrace evaluate: --csv needs --label COLUMN: the column to predict");
    }

    @Test
    void anUnknownLabelColumnIsOneClearLine() throws IOException {
        Path file = loans(10);
        assertThat(run("evaluate", "--learner", "naive-bayes", "--csv", file.toString(), "--label", "outcome").errorLine())
            .isEqualTo("millrace evaluate: " + file + " has no column 'outcome' to use as the label; its columns are "
                + "id, income, purpose, years, approved");
    }

    @Test
    void bothOrNeitherSourceIsOneClearLine() throws IOException {
        assertThat(run("evaluate", "--learner", "naive-bayes", "--csv", loans(10).toString(), "--label", "approved",
            "--generator", "sea", "--instances", "10").errorLine())
            .isEqualTo("millrace evaluate: give --csv FILE or --generator NAME, not both");
        assertThat(run("evaluate", "--learner", "naive-bayes").errorLine())
            .isEqualTo("millrace evaluate: no data to evaluate on: give --csv FILE --label COLUMN, or --generator NAME --instances N");
    }

    @Test
    void generatorMisuseIsOneClearLine() {
        assertThat(run("evaluate", "--learner", "naive-bayes", "--generator", "sea").errorLine())
            .isEqualTo("millrace evaluate: --generator needs --instances N: generated streams never end");
        assertThat(run("evaluate", "--learner", "naive-bayes", "--generator", "sea", "--instances", "10", "--label", "x")
            .errorLine())
            .isEqualTo("millrace evaluate: --label applies to --csv only, and this run reads --generator sea");
        assertThat(run("evaluate", "--learner", "naive-bayes", "--generator", "waves", "--instances", "10").errorLine())
            .startsWith("millrace evaluate: unknown generator 'waves'");
        assertThat(run("evaluate", "--learner", "naive-bayes", "--generator", "sea", "--instances", "10", "--drift-at", "10")
            .errorLine())
            .isEqualTo("millrace evaluate: --drift-at 10 is not before the end of the stream (--instances 10): "
                + "the drift would never be seen");
    }

    @Test
    void aMalformedCsvLineIsOneClearLineNamingIt() throws IOException {
        Path file = dir.resolve("broken.csv");
        Files.writeString(file, "x,colour,y\n1.5,red,a\n2.5,blue,b\n\n3.5,green\n4.5,red,a\n");
        assertThat(run("evaluate", "--learner", "naive-bayes", "--csv", file.toString(), "--label", "y").errorLine())
            .isEqualTo("millrace evaluate: " + file + " line 5: expected 3 columns as in the header, found 2");

        Files.writeString(file, "x,colour,y\n1.5,red,a\n2.5,\"blue,b\n3.5,green,a\n");
        assertThat(run("evaluate", "--learner", "naive-bayes", "--csv", file.toString(), "--label", "y").errorLine())
            .startsWith("millrace evaluate: " + file + " line 3: Missing closing quote");
    }

    @Test
    void aRegressorOnANominalLabelIsOneClearLine() throws IOException {
        Path file = loans(10);
        assertThat(run("evaluate", "--learner", "linear-regression", "--csv", file.toString(), "--label", "purpose")
            .errorLine())
            .startsWith("millrace evaluate: label column 'purpose' of " + file + " is not numeric (line 2: '")
            .endsWith("'), so it cannot be a regression target");
    }

    /**
     * A loans table: an identifier, a numeric income (sometimes missing), a nominal purpose (sometimes NA), a
     * numeric years, and a yes/no label decided by income and purpose; every 97th label is missing.
     */
    private Path loans(int rows) throws IOException {
        Path file = dir.resolve("loans-" + rows + ".csv");
        String[] purposes = {"car", "home", "study", "travel"};
        SplittableRandom random = new SplittableRandom(rows);
        StringBuilder csv = new StringBuilder("id,income,purpose,years,approved\n");
        for (int i = 0; i < rows; i++) {
            double income = random.nextDouble(10, 100);
            String purpose = purposes[random.nextInt(purposes.length)];
            boolean approved = income > 40 && !purpose.equals("travel") || income > 80;
            String incomeCell = i % 13 == 5 ? "" : String.format(Locale.ROOT, "%.2f", income);
            String purposeCell = i % 17 == 3 ? "NA" : purpose;
            String label = i % 97 == 0 ? "" : approved ? "yes" : "no";
            csv.append("L").append(i).append(',').append(incomeCell).append(',').append(purposeCell).append(',')
                .append(random.nextInt(1, 30)).append(',').append(label).append('\n');
        }
        Files.writeString(file, csv);
        return file;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}

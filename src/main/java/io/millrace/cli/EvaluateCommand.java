package io.millrace.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;

import io.millrace.cli.demo.Progress;
import io.millrace.cli.evaluate.CsvData;
import io.millrace.cli.evaluate.CsvDataset;
import io.millrace.cli.evaluate.Evaluation;
import io.millrace.cli.evaluate.EvaluationData;
import io.millrace.cli.evaluate.EvaluationReport;
import io.millrace.cli.evaluate.GeneratorData;
import io.millrace.cli.evaluate.ReportFormat;
import io.millrace.learning.Learners;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code millrace evaluate}: a prequential evaluation of one learner on a CSV file or a generated stream. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Evaluates a learner prequentially (each example is first predicted, then learned) on a CSV file or a "
            + "generated stream. Prints accuracy, kappa and log-loss (classification) or MAE and RMSE (regression), "
            + "over the whole stream and over the last --window examples, and instances per second.",
        "",
        "CSV: the first row names the columns. A column whose every present cell is a number is a numeric "
            + "feature; any other column is nominal, its categories being its distinct values. Empty, NA, N/A, NaN, "
            + "null and ? cells are missing values. The label decides the task: a nominal label is classification; "
            + "a numeric label is read as classes (its distinct numbers, such as 0 and 1) by a learner that only "
            + "classifies, as a regression target by one that only regresses, and otherwise as --task says "
            + "(regression when it is not given). "
            + "Rows without a label are skipped and counted. A malformed file stops the run with an error naming "
            + "the line.",
        "",
        "Examples:",
        "  ./millrace evaluate --learner hoeffding-tree \\",
        "      --generator sea --instances 200000 --seed 1 --drift-at 100000",
        "  ./millrace evaluate --learner logistic-regression \\",
        "      --param optimizer=adagrad --csv loans.csv --label default --ignore id",
        ""})
final class EvaluateCommand implements Callable<Integer> {

    /** Runs at least this long (in examples) get a progress bar on standard error. */
    static final long PROGRESS_FROM = 100_000;

    @Option(names = "--learner", required = true, paramLabel = "NAME",
        description = "One of: logistic-regression, linear-regression, naive-bayes, hoeffding-tree, hoeffding-adaptive-tree, mlp.")
    String learner;

    @Option(names = "--param", paramLabel = "NAME=VALUE",
        description = "A learner parameter; repeat for several. --list-params shows them with their defaults.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--list-params", description = "Print the learner's parameters and defaults, then exit.")
    boolean listParams;

    @Option(names = "--csv", paramLabel = "FILE", description = "Evaluate on the rows of this CSV file, in order.")
    Path csv;

    @Option(names = "--label", paramLabel = "COLUMN", description = "With --csv: the column to predict.")
    String label;

    @Option(names = "--ignore", paramLabel = "COLUMN", split = ",",
        description = "With --csv: columns to leave out (identifiers, timestamps); repeat or separate with commas.")
    List<String> ignored = List.of();

    @Option(names = "--separator", paramLabel = "CHAR", description = "With --csv: the column separator (default: ,).")
    Character separator;

    @Option(names = "--task", paramLabel = "TASK",
        description = "With --csv: read a numeric label as classification or regression (see above).")
    Learners.Task task;

    @Option(names = "--generator", paramLabel = "NAME",
        description = "Evaluate on a generated stream: sea, hyperplane, agrawal, rbf or payments.")
    String generator;

    @Option(names = "--generator-param", paramLabel = "NAME=VALUE",
        description = "A generator option, MOA's name (e.g. function=2, noisePercentage=0, driftWidth=1000 for a gradual drift).")
    Map<String, String> generatorParams = new LinkedHashMap<>();

    @Option(names = "--instances", paramLabel = "N",
        description = "Examples to generate (required with --generator); with --csv, evaluate on the first N labelled rows.")
    Long instances;

    @Option(names = "--seed", paramLabel = "S", description = "With --generator: the stream's seed (default: 1).")
    Long seed;

    @Option(names = "--drift-at", paramLabel = "K",
        description = "With --generator: the 0-based index of the first example of a second concept (abrupt drift).")
    Long driftAt;

    @Option(names = "--window", paramLabel = "W", defaultValue = "1000",
        description = "Size of the sliding window of the windowed scores (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Option(names = "--no-progress", description = "No progress bar, even for long runs.")
    boolean noProgress;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> defaults = Learners.parameters(learner);
        if (listParams) {
            defaults.forEach((name, value) -> out.println(name + "=" + value));
            out.flush();
            return 0;
        }
        try (EvaluationData data = data()) {
            EvaluationReport report;
            try (ProgressBar bar = showProgress(data) ? Progress.bar("evaluate " + learner, data.expected()) : null) {
                LongConsumer progress = bar == null ? done -> { } : bar::stepTo;
                report = Evaluation.run(learner, params, data, window, progress);
            }
            if (json) {
                out.println(ReportFormat.json(report));
                out.flush();
            } else {
                ReportFormat.printText(report, out);
            }
        }
        return 0;
    }

    private EvaluationData data() {
        if (csv != null && generator != null) {
            throw new IllegalArgumentException("give --csv FILE or --generator NAME, not both");
        }
        if (csv == null && generator == null) {
            throw new IllegalArgumentException("no data to evaluate on: give --csv FILE --label COLUMN, "
                + "or --generator NAME --instances N");
        }
        return csv != null ? csvData() : generatorData();
    }

    private EvaluationData csvData() {
        refuse(seed != null, "--seed");
        refuse(driftAt != null, "--drift-at");
        refuse(!generatorParams.isEmpty(), "--generator-param");
        if (label == null) {
            throw new IllegalArgumentException("--csv needs --label COLUMN: the column to predict");
        }
        Set<Learners.Task> tasks = Learners.tasks(learner);
        Learners.Task readAs = task != null ? task : tasks.size() == 1 ? tasks.iterator().next() : null;
        Set<String> ignore = new LinkedHashSet<>();
        ignored.forEach(column -> ignore.add(column.trim()));
        CsvDataset dataset = CsvDataset.scan(csv, new CsvDataset.Options(label.trim(),
            separator == null ? ',' : separator, ignore, readAs));
        return new CsvData(dataset, instances);
    }

    private EvaluationData generatorData() {
        refuse(label != null, "--label");
        refuse(!ignored.isEmpty(), "--ignore");
        refuse(separator != null, "--separator");
        refuse(task != null, "--task");
        if (instances == null) {
            throw new IllegalArgumentException("--generator needs --instances N: generated streams never end");
        }
        return new GeneratorData(generator, generatorParams, seed == null ? 1 : seed, driftAt, instances);
    }

    private boolean showProgress(EvaluationData data) {
        return !noProgress && data.expected() >= PROGRESS_FROM;
    }

    private void refuse(boolean given, String option) {
        if (given) {
            throw new IllegalArgumentException(option + " applies to --" + (csv != null ? "generator" : "csv")
                + " only, and this run reads " + (csv != null ? "--csv " + csv : "--generator " + generator));
        }
    }
}

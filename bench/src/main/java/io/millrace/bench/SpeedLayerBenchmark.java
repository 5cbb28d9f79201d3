package io.millrace.bench;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import io.millrace.bench.speed.SpeedBenchOptions;
import io.millrace.bench.speed.SpeedReport;
import io.millrace.bench.speed.SpeedRuns;
import io.millrace.bench.speed.SpeedTable;

/**
 * {@code ./millrace bench speed-layer}: the events per second one speed-layer instance sustains, beside a plain
 * exactly-once Kafka Streams pass-through on the same broker in the same run. Produces the payments once, then runs
 * the pass-through, the ingest-only speed layer and the whole speed layer with one model one after the other,
 * alternating for a few rounds (see {@link SpeedRuns}). Prints the table on stdout (progress on stderr) and writes it
 * as JSON. Exit status 0 when it ran (target met or not: a measurement, not a test), 1 when a run failed, 2 on a bad
 * argument.
 */
public final class SpeedLayerBenchmark {

    /** The first argument of {@code ./millrace bench} that selects this benchmark. */
    public static final String COMMAND = "speed-layer";

    private SpeedLayerBenchmark() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the benchmark for the arguments after {@code speed-layer}.
     *
     * @return the exit status
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        SpeedBenchOptions options;
        try {
            options = SpeedBenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("millrace bench speed-layer: " + e.getMessage());
            err.println("Try './millrace bench speed-layer --help'.");
            return 2;
        }
        if (options.help()) {
            out.print(SpeedBenchOptions.usage());
            return 0;
        }
        SpeedReport report;
        try {
            report = new SpeedRuns(options, runPrefix(), err).run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("millrace bench speed-layer: interrupted");
            return 1;
        } catch (RuntimeException e) {
            err.println("millrace bench speed-layer: " + e.getMessage());
            if (System.getenv("MILLRACE_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return 1;
        }
        out.print(SpeedTable.render(report));
        SpeedRuns.writeJson(report, options.json());
        out.println("JSON report: " + options.json());
        return 0;
    }

    /** A topic prefix no earlier run used: {@code millrace-bench-<date and time>.}. */
    private static String runPrefix() {
        return "millrace-bench-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".";
    }

    /** The arguments after the first one. */
    static String[] rest(String[] args) {
        List<String> rest = new ArrayList<>(List.of(args));
        rest.remove(0);
        return rest.toArray(String[]::new);
    }
}

package io.millrace.bench;

import java.io.PrintStream;

/**
 * {@code ./millrace bench}: Millrace's learners and drift detectors beside MOA's, in this JVM, on the same
 * instances. Prints the table on stdout (progress on stderr) and writes it as JSON. Exit status 0 when
 * it ran (targets missed or not: this is a measurement, not a test), 2 on a bad argument.
 * {@code ./millrace bench speed-layer ...} runs {@link SpeedLayerBenchmark} instead.
 */
public final class LearningBenchmark {

    private LearningBenchmark() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, true));
    }

    /**
     * Runs the benchmark for a command line.
     *
     * @param showProgress whether to draw the progress bar on {@code err}
     * @return the exit status
     */
    static int run(String[] args, PrintStream out, PrintStream err, boolean showProgress) {
        if (args.length > 0 && args[0].equals(SpeedLayerBenchmark.COMMAND)) {
            return SpeedLayerBenchmark.run(SpeedLayerBenchmark.rest(args), out, err);
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args, Contenders.NAMES);
        } catch (IllegalArgumentException e) {
            err.println("millrace bench: " + e.getMessage());
            err.println("Try './millrace bench --help'.");
            return 2;
        }
        if (options.help()) {
            out.print(BenchOptions.usage(Contenders.NAMES));
            return 0;
        }
        Benchmark benchmark = new Benchmark(options, Progress.silent());
        Report report;
        try (Progress progress = showProgress ? Progress.onStderr(benchmark.totalSteps()) : Progress.silent()) {
            report = new Benchmark(options, progress).run();
        }
        out.print(Table.render(report));
        JsonReport.write(report, options.json());
        out.println("JSON report: " + options.json());
        return 0;
    }
}

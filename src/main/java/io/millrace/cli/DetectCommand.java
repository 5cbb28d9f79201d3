package io.millrace.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.millrace.learning.drift.DetectionRunner;
import io.millrace.learning.drift.Detectors;
import io.millrace.learning.drift.DriftDetector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code millrace detect}: runs one drift detector over numbers on standard input. */
@Command(name = "detect", mixinStandardHelpOptions = true,
    description = {
        "Runs a drift detector over one number per line read from standard input.",
        "Input: an error rate, a 0/1 mistake flag, a feature value. Output: the 0-based index of",
        "every detection, one per line, as soon as it happens. Blank lines are skipped; a line that",
        "is not a finite number stops the run with an error naming it.",
        "Example: seq 1 1000 | ./millrace detect --detector page-hinkley --param threshold=50"})
final class DetectCommand implements Callable<Integer> {

    @Option(names = "--detector", required = true, paramLabel = "NAME",
        description = "One of: adwin, page-hinkley, ddm, eddm, kswin.")
    String detector;

    @Option(names = "--param", paramLabel = "NAME=VALUE",
        description = "A detector parameter; repeat for several. --list-params shows them with their defaults.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--list-params", description = "Print the detector's parameters and defaults, then exit.")
    boolean listParams;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (listParams) {
            Detectors.parameters(detector).forEach((name, value) -> out.println(name + "=" + value));
            out.flush();
            return 0;
        }
        DriftDetector driftDetector = Detectors.create(detector, params);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        DetectionRunner.detect(driftDetector, () -> in.lines().iterator(), index -> {
            out.println(index);
            out.flush();
        });
        return 0;
    }
}

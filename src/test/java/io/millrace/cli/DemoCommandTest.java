package io.millrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** What {@code millrace demo} promises before it runs: its options, the report's fields, refusals of bad settings. */
class DemoCommandTest {

    @Test
    void helpDefinesEveryReportField() {
        Result help = run("demo", "--help");
        assertThat(help.exitCode).isZero();
        assertThat(help.out).contains("--events=N", "--drift-at=K", "--report=FILE", "--learner=KIND", "--bad-ratio=F", "--rate=R",
            "events_produced", "bad_records_injected", "dead_letters", "valid_events", "predictions", "labels_joined",
            "drift_injected_at", "drift_detected_at", "accuracy_before_drift", "accuracy_after_drift",
            "accuracy_after_recovery", "stats_checked", "stats_mismatches", "duration_s");
    }

    @Test
    void badSettingsAreRefusedBeforeAnyClusterStarts() {
        assertThat(run("demo", "--events", "100", "--drift-at", "100").err).contains("--drift-at must lie within 1 and 99");
        assertThat(run("demo", "--bad-ratio", "2").err).contains("--bad-ratio");
        assertThat(run("demo", "--learner", "random-forest").err).contains("random-forest");
        assertThat(run("demo", "--learner", "linear-regression").exitCode).isEqualTo(1);
    }

    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = Millrace.commandLine();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int code = command.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}

package io.millrace.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code millrace} command line: the one front door for everything a user runs. */
@Command(name = "millrace",
    mixinStandardHelpOptions = true,
    versionProvider = MillraceVersion.class,
    description = "Stream-native MLOps: models that learn from Kafka event streams, operated end to end.",
    footer = {"", "Also:", "  bench        Compares Millrace's learners and drift detectors with MOA's, side",
        "                 by side (./millrace bench --help; run apart, as MOA is GPL)."},
    subcommands = {
        DevClusterCommand.class,
        DemoCommand.class,
        DetectCommand.class,
        EvaluateCommand.class,
        ProduceCommand.class,
        ServeCommand.class,
        CommandLine.HelpCommand.class
    })
public final class Millrace implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command tree with Millrace's error handling, for the launcher and for tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Millrace())
            .setExecutionExceptionHandler(new FriendlyErrors())
            .setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command (millrace --help lists them)");
    }
}

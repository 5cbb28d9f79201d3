package io.millrace.cli;

import picocli.CommandLine;

/**
 * Turns a failure inside a command into one clear line on standard error and exit code 1, instead
 * of a stack trace; {@code MILLRACE_DEBUG=1} prints the trace too.
 */
final class FriendlyErrors implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception error, CommandLine commandLine,
                                        CommandLine.ParseResult parseResult) {
        commandLine.getErr().println("millrace " + commandLine.getCommandName() + ": " + describe(error));
        if (System.getenv("MILLRACE_DEBUG") != null) {
            error.printStackTrace(commandLine.getErr());
        }
        return 1;
    }

    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(" (caused by: ").append(cause.getMessage()).append(')');
            }
        }
        return text.toString();
    }
}

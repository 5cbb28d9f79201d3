package io.millrace.bench;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;

/**
 * Where the benchmark reports how far it got: a progress bar on a terminal, one line per task when
 * stderr goes to a file or a pipe, or nowhere. Updated between timed runs only, never inside one.
 */
interface Progress extends AutoCloseable {

    /** Names what runs now. */
    void task(String name);

    /** Counts {@code steps} more inputs done. */
    void advance(long steps);

    @Override
    void close();

    static Progress silent() {
        return new Progress() {
            @Override
            public void task(String name) {
            }

            @Override
            public void advance(long steps) {
            }

            @Override
            public void close() {
            }
        };
    }

    /** A bar over {@code total} inputs on stderr when this JVM has a terminal, else a line per task on stderr. */
    static Progress onStderr(long total) {
        return System.console() != null ? bar(total) : lines(System.err, total);
    }

    /** A progress bar on stderr over {@code total} inputs, redrawn twice a second. */
    static Progress bar(long total) {
        ProgressBar bar = new ProgressBarBuilder()
            .setTaskName("bench")
            .setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII)
            .setUnit("k", 1_000)
            .setUpdateIntervalMillis(500)
            .setConsumer(new ConsoleProgressBarConsumer(System.err, 160))
            .build();
        return new Progress() {
            @Override
            public void task(String name) {
                bar.setExtraMessage(" " + name);
            }

            @Override
            public void advance(long steps) {
                bar.stepBy(steps);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }

    /** One line per task on {@code out}: the share of inputs done so far, then the task. */
    static Progress lines(PrintStream out, long total) {
        return new Progress() {
            private long done;

            @Override
            public void task(String name) {
                out.printf("bench %3d%% %s%n", total == 0 ? 100 : 100 * done / total, name);
            }

            @Override
            public void advance(long steps) {
                done += steps;
            }

            @Override
            public void close() {
                out.println("bench 100% done");
            }
        };
    }
}

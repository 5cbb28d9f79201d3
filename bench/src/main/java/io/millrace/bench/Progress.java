package io.millrace.bench;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Where the benchmark reports how far it got: a progress bar on stderr, or nowhere. */
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

    /** A progress bar on stderr over {@code total} inputs, redrawn twice a second. */
    static Progress bar(long total) {
        ProgressBar bar = new ProgressBarBuilder()
            .setTaskName("bench")
            .setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII)
            .setUnit("M", 1_000_000)
            .showSpeed()
            .setUpdateIntervalMillis(500)
            .setConsumer(new ConsoleProgressBarConsumer(System.err))
            .build();
        return new Progress() {
            @Override
            public void task(String name) {
                bar.setExtraMessage(name);
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
}

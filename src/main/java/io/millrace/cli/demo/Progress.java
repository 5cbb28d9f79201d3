package io.millrace.cli.demo;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress bars on standard error, so standard output stays clean for scripts. */
public final class Progress {

    private Progress() {
    }

    /** A bar for {@code total} steps of a long task; close it when done. */
    public static ProgressBar bar(String task, long total) {
        return new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(250)
            .continuousUpdate()
            .build();
    }
}

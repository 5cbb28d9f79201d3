package io.millrace.bench.speed;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders a {@link SpeedReport} as the plain-text table {@code ./millrace bench speed-layer} prints. */
public final class SpeedTable {

    private static final String ROW = "%-32s %10s %9s %11s %7s %10s %13s  %s%n";
    private static final String RUN = "  %3d  %-32s %5d %9.2f %11s %10.2f %13.1f %7.2f  %s%n";

    private SpeedTable() {
    }

    public static String render(SpeedReport report) {
        StringBuilder out = new StringBuilder();
        out.append(format("Speed layer vs plain Kafka Streams: one instance, %d stream thread, %s, commit interval %d ms, "
                + "%d partitions, %s%n", report.streamThreads(), report.guarantee(), report.commitIntervalMs(),
            report.partitions(), report.cluster()));
        out.append(format("Input: %,d payments (Avro through the registry) and %,d delayed labels, produced once in %.1f s; "
            + "every run reads it all from the beginning under a fresh application id%n", report.events(), report.labels(),
            report.produceSeconds()));
        out.append(format("%s; %d rounds, the order rotating each round; medians; seconds from RUNNING until every "
            + "source was committed to its end (%s, %d processors)%n", report.warmupEvents() > 0
            ? format("warm-up: each topology %d times over %,d other payments, untimed, until the JIT compilers took %.0f%% "
                + "of the CPU", report.warmupPasses(), report.warmupEvents(), 100 * report.warmupJitShare()) : "no warm-up",
            report.rounds(), report.java(), report.processors()));
        if (!report.paymentsParams().isEmpty()) {
            out.append(format("Payments generator parameters over its defaults: %s%n", report.paymentsParams()));
        }
        if (!report.streamsProperties().isEmpty()) {
            out.append(format("Kafka Streams properties over the speed layer's defaults, for every topology: %s%n",
                report.streamsProperties()));
        }
        out.append(format("Load average (1, 5, 15 min) at start: %s; at end: %s%n%n", report.loadAtStart(), report.loadAtEnd()));
        out.append(format(ROW, "topology", "events", "seconds", "events/s", "ratio", "startup s", "stream us/ev",
            "ratio by round"));
        out.append("-".repeat(118)).append('\n');
        for (SpeedReport.Summary summary : report.summaries()) {
            out.append(format(ROW, summary.topology(), format("%,d", summary.events()), format("%.2f", summary.seconds()),
                format("%,.0f", summary.eventsPerSecond()), format("%.2f", summary.ratio()),
                format("%.2f", summary.startupSeconds()), format("%.1f", summary.streamMicrosPerEvent()),
                ratios(summary.roundRatios())));
        }
        out.append('\n');
        for (SpeedReport.Summary summary : report.summaries()) {
            out.append(format("  %-32s %s%n", summary.topology(), summary.description()));
            if (summary.caughtUp().size() > 1) {
                out.append(format("  %-32s each source consumed by (s from RUNNING): %s%n", "", caughtUp(summary.caughtUp())));
            }
            if (!summary.counters().isEmpty()) {
                out.append(format("  %-32s counters of its last run: %s%n", "", counters(summary.counters())));
            }
            out.append(format("  %-32s CPU of its last run: %s%n", "", cpu(summary.lastCpu())));
            out.append(format("  %-32s stream threads allocated %.1f KB an event; written to the broker: %s%n", "",
                summary.lastCpu().streamKilobytesPerEvent(summary.events()), written(summary.lastWritten(), summary.events())));
            if (!summary.lastThreadTime().isEmpty()) {
                out.append(format("  %-32s stream thread time of its last run: %s%n", "", threadTime(summary.lastThreadTime())));
            }
        }
        out.append("\nRuns, in order\n");
        out.append(format("  %3s  %-32s %5s %9s %11s %10s %13s %7s  %s%n", "#", "topology", "round", "seconds", "events/s",
            "startup s", "stream us/ev", "load", "application id"));
        for (RunResult run : report.runs()) {
            out.append(format(RUN, run.order(), run.topology(), run.round(), run.seconds(),
                format("%,.0f", run.eventsPerSecond()), run.startupSeconds(), run.streamMicrosPerEvent(), run.loadAtStart(),
                run.applicationId()));
        }
        SpeedReport.Target target = report.target();
        out.append(format("%nTarget%n  %-6s %s (ratio %.2f)%n", target.met() ? "MET" : "MISSED", target.goal(), target.ratio()));
        if (target.topicShapeRatio() != null) {
            out.append(format("  %-6s its topic shape, the same reads and writes with no work, reached a ratio of %.2f; "
                + "the whole layer %.0f%% of the topic shape's events/s%n", "", target.topicShapeRatio(),
                100 * target.ofTopicShape()));
        }
        out.append(format("%nTotal %.0f s%n", report.seconds()));
        return out.toString();
    }

    private static String ratios(double[] ratios) {
        return Arrays.stream(ratios).mapToObj(ratio -> format("%.2f", ratio)).collect(Collectors.joining(" "));
    }

    private static String caughtUp(Map<String, Double> caughtUp) {
        return caughtUp.entrySet().stream().map(entry -> format("%s %.1f", entry.getKey(), entry.getValue()))
            .collect(Collectors.joining(", "));
    }

    /** "13.9 records and 3.2 KB an event (changelogs 5.1, valid-events 1.0, ...)": records per event by topic. */
    private static String written(BrokerWrites written, long events) {
        if (events == 0 || written.records().isEmpty()) {
            return "nothing";
        }
        StringBuilder topics = new StringBuilder();
        written.records().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .forEach(entry -> topics.append(topics.length() == 0 ? "" : ", ").append(entry.getKey()).append(' ')
                .append(format("%.2f", entry.getValue() / (double) events)));
        return format("%.1f records and %.2f KB an event (%s; transaction markers included)",
            written.totalRecords() / (double) events, written.totalBytes() / 1024.0 / events, topics);
    }

    private static String cpu(CpuUse cpu) {
        return format("stream threads %.2f s, JIT %.2f s, GC %.2f s, RocksDB background %.2f s, rest of the JVM (broker, "
            + "clients) %.2f s; process %.2f s", cpu.streamThreads(), cpu.jit(), cpu.gc(), cpu.rocksdb(), cpu.rest(), cpu.process());
    }

    private static String threadTime(Map<String, Double> shares) {
        return shares.entrySet().stream().map(entry -> format("%s %.0f%%", entry.getKey(), entry.getValue() * 100))
            .collect(Collectors.joining(", "));
    }

    private static String counters(Map<String, Long> counters) {
        return counters.entrySet().stream().map(entry -> format("%s=%,d", entry.getKey(), entry.getValue()))
            .collect(Collectors.joining(" "));
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}

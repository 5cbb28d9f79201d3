package io.millrace.bench.speed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What {@code ./millrace bench speed-layer} measured: the setup, every run in the order it ran, and per topology
 * the median over its rounds beside the pass-through's.
 *
 * @param events            events every run consumed
 * @param labels            labels on the labels topic (read by the whole speed layer only)
 * @param warmupEvents      events of the separate input each topology ran over, untimed, first (0: none)
 * @param warmupPasses      passes every topology made over it (0: none)
 * @param warmupJitShare    the share of the process's CPU the JIT compilers took during the last pass
 * @param partitions        partitions of every topic
 * @param rounds            runs of each topology
 * @param learner           the learner of the whole layer's one model
 * @param cluster           "embedded dev cluster" or the bootstrap servers used
 * @param guarantee         Kafka Streams' processing guarantee of every run
 * @param commitIntervalMs  the commit interval of every run
 * @param streamThreads     stream threads of the one instance
 * @param streamsProperties the {@code --streams-property} settings every topology ran with (empty: the defaults)
 * @param paymentsParams    the {@code --payments-param} settings of the payments generator (empty: its defaults)
 * @param java              the JVM
 * @param processors        processors the JVM sees
 * @param produceSeconds    how long producing the input took (once, before any run)
 * @param loadAtStart       load average when the benchmark started
 * @param loadAtEnd         load average when it ended
 * @param summaries         one per topology, pass-through first
 * @param runs              every run, in the order it ran
 * @param target            the target: the whole speed layer at least half the pass-through's rate
 * @param seconds           the whole benchmark's wall-clock time
 */
public record SpeedReport(long events, long labels, long warmupEvents, int warmupPasses, double warmupJitShare, int partitions, int rounds, String learner, String cluster, String guarantee,
                          long commitIntervalMs, int streamThreads, Map<String, String> streamsProperties,
                          Map<String, String> paymentsParams, String java, int processors, double produceSeconds,
                          LoadAverage loadAtStart, LoadAverage loadAtEnd, List<Summary> summaries, List<RunResult> runs,
                          Target target, double seconds) {

    /** The whole speed layer must sustain at least this share of the pass-through's rate. */
    public static final double TARGET_RATIO = 0.5;

    public SpeedReport {
        streamsProperties = Collections.unmodifiableMap(new LinkedHashMap<>(streamsProperties));
        paymentsParams = Collections.unmodifiableMap(new LinkedHashMap<>(paymentsParams));
        summaries = List.copyOf(summaries);
        runs = List.copyOf(runs);
    }

    /**
     * One topology's figures: medians over its rounds.
     *
     * @param topology        the {@link Contender#id(String)}
     * @param description     what it does
     * @param events          events per run
     * @param seconds         median processing time (RUNNING to the last commit)
     * @param eventsPerSecond median rate
     * @param ratio           median rate over the pass-through's median rate
     * @param roundRatios     the rate over the pass-through's rate of the same round, round by round
     * @param startupSeconds  median time from start to RUNNING
     * @param caughtUp        per source topic, the median seconds from RUNNING until it was consumed for good
     *                        (see {@link RunResult#caughtUp()}), in time order
     * @param counters        the counters of its last run
     * @param streamMicrosPerEvent median stream-thread CPU microseconds per event
     * @param lastCpu         where the JVM's CPU went in its last run
     * @param lastThreadTime  the stream thread's time share per loop phase in its last run
     */
    public record Summary(String topology, String description, long events, double seconds, double eventsPerSecond,
                          double ratio, double[] roundRatios, double startupSeconds, Map<String, Double> caughtUp,
                          Map<String, Long> counters, double streamMicrosPerEvent, CpuUse lastCpu,
                          Map<String, Double> lastThreadTime, BrokerWrites lastWritten) {

        public Summary {
            lastThreadTime = Collections.unmodifiableMap(new LinkedHashMap<>(lastThreadTime));
            roundRatios = roundRatios.clone();
            caughtUp = Collections.unmodifiableMap(new LinkedHashMap<>(caughtUp));
            counters = Collections.unmodifiableMap(new TreeMap<>(counters));
        }
    }

    /**
     * A target and whether it was met.
     *
     * @param goal            what was aimed at
     * @param met             whether the measured figure reached it
     * @param ratio           the measured ratio
     * @param topicShapeRatio the topic shape's ratio to the pass-through: the most the layer's topics allow, or null
     *                        when it did not run
     * @param ofTopicShape    the whole layer's events/s over the topic shape's, or null when it did not run
     */
    public record Target(String goal, boolean met, double ratio, Double topicShapeRatio, Double ofTopicShape) {
    }

    /** The summaries of {@code runs}: medians per topology, ratios to the pass-through's. */
    static List<Summary> summarise(List<RunResult> runs, int rounds, String learner) {
        List<RunResult> baseline = of(runs, Contender.PASS_THROUGH);
        double baselineRate = median(baseline.stream().mapToDouble(RunResult::eventsPerSecond).toArray());
        List<Summary> summaries = new ArrayList<>();
        for (Contender contender : Contender.values()) {
            List<RunResult> mine = of(runs, contender);
            if (mine.isEmpty()) {
                continue;
            }
            double rate = median(mine.stream().mapToDouble(RunResult::eventsPerSecond).toArray());
            double[] roundRatios = new double[rounds];
            for (int round = 1; round <= rounds; round++) {
                roundRatios[round - 1] = rateIn(mine, round) / rateIn(baseline, round);
            }
            summaries.add(new Summary(contender.id(learner), contender.description(learner), mine.get(0).events(),
                median(mine.stream().mapToDouble(RunResult::seconds).toArray()), rate, rate / baselineRate, roundRatios,
                median(mine.stream().mapToDouble(RunResult::startupSeconds).toArray()), caughtUp(mine),
                mine.get(mine.size() - 1).counters(),
                median(mine.stream().mapToDouble(RunResult::streamMicrosPerEvent).toArray()),
                mine.get(mine.size() - 1).cpu(), mine.get(mine.size() - 1).threadTime(), mine.get(mine.size() - 1).written()));
        }
        return summaries;
    }

    /** The target of the issue, from the summaries. */
    static Target target(List<Summary> summaries, String learner) {
        Summary whole = summaries.stream().filter(s -> s.topology().equals(Contender.WHOLE.id(learner))).findFirst()
            .orElseThrow();
        Summary shape = summaries.stream().filter(s -> s.topology().equals(Contender.TOPIC_SHAPE.id(learner))).findFirst()
            .orElse(null);
        return new Target(String.format(Locale.ROOT,
            "whole speed layer (one model) at least %.0f%% of the exactly-once pass-through's events/s", TARGET_RATIO * 100),
            whole.ratio() >= TARGET_RATIO, whole.ratio(), shape == null ? null : shape.ratio(),
            shape == null ? null : whole.eventsPerSecond() / shape.eventsPerSecond());
    }

    /** The median catch-up time of each source topic over {@code runs}, in time order. */
    private static Map<String, Double> caughtUp(List<RunResult> runs) {
        Map<String, Double> medians = new LinkedHashMap<>();
        runs.get(runs.size() - 1).caughtUp().keySet().forEach(topic -> medians.put(topic, median(runs.stream()
            .filter(run -> run.caughtUp().containsKey(topic)).mapToDouble(run -> run.caughtUp().get(topic)).toArray())));
        Map<String, Double> ordered = new LinkedHashMap<>();
        medians.entrySet().stream().sorted(Map.Entry.comparingByValue())
            .forEach(entry -> ordered.put(entry.getKey(), entry.getValue()));
        return ordered;
    }

    private static List<RunResult> of(List<RunResult> runs, Contender contender) {
        return runs.stream().filter(run -> run.contender() == contender).toList();
    }

    private static double rateIn(List<RunResult> runs, int round) {
        return runs.stream().filter(run -> run.round() == round).mapToDouble(RunResult::eventsPerSecond)
            .findFirst().orElse(Double.NaN);
    }

    static double median(double[] values) {
        Objects.requireNonNull(values, "values");
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

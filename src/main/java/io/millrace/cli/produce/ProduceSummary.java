package io.millrace.cli.produce;

import java.util.Map;

/**
 * What one {@code millrace produce} run wrote.
 *
 * @param events         events written to the events topic (valid ones and readable bad ones)
 * @param labels         delayed labels written to the labels topic
 * @param badInjected    bad records injected on purpose, by kind
 * @param rejectedLines  input lines that could not become events, written to the dead-letters topic
 * @param seconds        wall-clock time of the run
 */
public record ProduceSummary(long events, long labels, Map<BadRecords.Kind, Integer> badInjected,
                             long rejectedLines, double seconds) {

    public long badTotal() {
        return badInjected.values().stream().mapToLong(Integer::longValue).sum();
    }

    public double eventsPerSecond() {
        return seconds > 0 ? events / seconds : 0;
    }
}

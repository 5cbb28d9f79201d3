package io.millrace.cli.demo;

import java.util.List;
import java.util.Map;

/**
 * What one demo run did and found; {@link #passed()} is the demo's verdict (and its exit code).
 *
 * @param schemaIds        registry id of every topic's value schema, by subject
 * @param eventsProduced   payment events written to the events topic
 * @param labelsProduced   delayed labels written to the labels topic
 * @param badInjected      bad records written to the events topic
 * @param eventsRead       valid events read back, per partition
 * @param labelsRead       labels read back
 * @param mismatches       events read back that differ from what was produced, or were never read
 * @param rejected         bad records the reader caught, each with its reason and location
 * @param unexplained      bad records caught with a reason other than the one injected
 * @param durationMillis   wall-clock time of the run
 */
public record DemoResult(Map<String, Integer> schemaIds, int eventsProduced, int labelsProduced, int badInjected,
                         Map<Integer, Integer> eventsRead, int labelsRead, int mismatches,
                         List<String> rejected, int unexplained, long durationMillis) {

    public int totalEventsRead() {
        return eventsRead.values().stream().mapToInt(Integer::intValue).sum();
    }

    public boolean passed() {
        return totalEventsRead() == eventsProduced && labelsRead == labelsProduced && mismatches == 0
            && rejected.size() == badInjected && unexplained == 0;
    }
}

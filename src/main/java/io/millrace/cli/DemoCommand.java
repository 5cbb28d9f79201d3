package io.millrace.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

import io.millrace.cli.demo.DemoResult;
import io.millrace.cli.demo.FoundationDemo;
import io.millrace.speed.TopicNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code millrace demo}: the platform end to end on the embedded dev cluster, checked. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {
        "Runs Millrace's demo on the embedded dev cluster (or an external one) and checks it.",
        "Creates the topics, registers every schema, produces payment events and their delayed",
        "labels in Avro through the registry, injects bad records, reads everything back and checks",
        "that each event is intact and each bad record is caught with its reason and location.",
        "Exits 0 when every check passes, 1 otherwise."})
final class DemoCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--events", defaultValue = "300", description = "Payment events to produce (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the payments stream (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--topic-prefix", defaultValue = TopicNames.DEFAULT_PREFIX, description = "Prefix of every topic name (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--partitions", defaultValue = "3", description = "Partitions of topics the demo creates (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (events < 1) {
            throw new IllegalArgumentException("--events must be at least 1, got " + events);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (ClusterOptions.ClusterConnection connection = cluster.connect()) {
            printWhere(out, connection);
            TopicNames topics = new TopicNames(topicPrefix);
            DemoResult result = new FoundationDemo(connection.bootstrapServers(), connection.registryUrl(), topics)
                .run(events, seed, partitions);
            printResult(out, topics, result);
            return result.passed() ? 0 : 1;
        }
    }

    private static void printWhere(PrintWriter out, ClusterOptions.ClusterConnection connection) {
        out.println("Millrace demo");
        if (connection.isEmbedded()) {
            out.printf("  broker    %s  (KRaft, single node, in this JVM, pid %d; started in %.1f s)%n",
                connection.bootstrapServers(), ProcessHandle.current().pid(), connection.embedded().startupMillis() / 1000.0);
            out.printf("  registry  %s  (Apicurio Registry, child process, in-memory)%n", connection.registryUrl());
        } else {
            out.printf("  broker    %s  (external)%n", connection.bootstrapServers());
            out.printf("  registry  %s  (external)%n", connection.registryUrl());
        }
        out.flush();
    }

    private static void printResult(PrintWriter out, TopicNames topics, DemoResult result) {
        out.println("  schemas   " + result.schemaIds().size() + " registered (subject -> id):");
        for (Map.Entry<String, Integer> entry : result.schemaIds().entrySet()) {
            out.printf("              %-34s %d%n", entry.getKey(), entry.getValue());
        }
        out.printf("  produced  %d events to %s, %d labels to %s, %d bad records to %s%n",
            result.eventsProduced(), topics.events(), result.labelsProduced(), topics.labels(),
            result.badInjected(), topics.events());
        out.printf("  read      %d events %s, %d labels; %d differ from what was produced%n",
            result.totalEventsRead(), partitionCounts(result), result.labelsRead(), result.mismatches());
        out.printf("  rejected  %d bad records, each with its reason and location:%n", result.rejected().size());
        result.rejected().forEach(message -> out.println("              " + message));
        out.printf("  checks    %s in %.1f s%n", result.passed() ? "PASSED" : "FAILED", result.durationMillis() / 1000.0);
        out.flush();
    }

    private static String partitionCounts(DemoResult result) {
        StringBuilder text = new StringBuilder("(");
        result.eventsRead().forEach((partition, count) -> text.append(text.length() > 1 ? ", " : "")
            .append('p').append(partition).append(": ").append(count));
        return text.append(')').toString();
    }
}

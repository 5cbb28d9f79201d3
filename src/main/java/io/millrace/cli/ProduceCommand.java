package io.millrace.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.millrace.cli.produce.ProduceRun;
import io.millrace.cli.produce.ProduceSummary;
import io.millrace.speed.TopicNames;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code millrace produce}: events into Kafka, Avro-encoded through the schema registry. */
@Command(name = "produce", mixinStandardHelpOptions = true,
    description = {
        "Produces events to Millrace's events topic, Avro-encoded through the schema registry.",
        "From a seeded generator (payments: accounts, amounts, merchant categories, a fraud label",
        "that arrives later on the labels topic; sea, hyperplane, agrawal, rbf: labels inline), or",
        "from a file of JSON lines, one event each:",
        "  {\"id\":\"e1\",\"entity\":\"acct-1\",\"event_time\":1700000000000,\"features\":{\"amount\":12.5,\"country\":\"FR\"},\"label\":1}",
        "A line that is not an event goes to the dead-letters topic with its reason and line number.",
        "--bad-ratio injects bad records on purpose (unreadable bytes and invalid events) to exercise",
        "the speed layer's dead-lettering. Generated event times end at the current time."})
final class ProduceCommand implements Callable<Integer> {

    @Mixin
    ClusterAddress cluster;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--generator", paramLabel = "NAME", description = "payments, sea, hyperplane, agrawal or rbf.")
        String generator;

        @Option(names = "--json", paramLabel = "FILE", description = "A file of JSON lines, one event each.")
        Path json;
    }

    @Option(names = "--events", defaultValue = "10000", description = "Events to generate (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--rate", defaultValue = "0", description = "Events per second, 0 for as fast as possible (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--bad-ratio", defaultValue = "0", description = "Share of bad records to inject after events, 0 to 1 (default: ${DEFAULT-VALUE}).")
    double badRatio;

    @Option(names = "--drift-at", paramLabel = "K", description = "Abrupt concept drift at event K (payments: the fraud pattern changes).")
    Long driftAt;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the generator and of the injected bad records (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "A generator option (MOA's names, e.g. function=2, noisePercentage=5; payments: accounts, fraudRate, meanGapMs, labelDelayMinMs, labelDelayMeanMs).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--topic-prefix", defaultValue = TopicNames.DEFAULT_PREFIX, description = "Prefix of topic names (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ProduceRun run = new ProduceRun(cluster.bootstrapServers, cluster.schemaRegistryUrl, new TopicNames(topicPrefix));
        ProduceSummary summary;
        if (source.json != null) {
            summary = run.fromJsonLines(source.json, rate, badRatio, seed);
        } else {
            if (events < 1) {
                throw new IllegalArgumentException("--events must be at least 1, got " + events);
            }
            summary = run.fromGenerator(source.generator, params, events, seed, driftAt, rate, badRatio);
        }
        print(spec.commandLine().getOut(), summary, new TopicNames(topicPrefix));
        return 0;
    }

    private static void print(PrintWriter out, ProduceSummary summary, TopicNames topics) {
        out.printf("produced %d events to %s in %.1f s (%.0f events/s)%n", summary.events(), topics.events(),
            summary.seconds(), summary.eventsPerSecond());
        if (summary.labels() > 0) {
            out.printf("produced %d delayed labels to %s%n", summary.labels(), topics.labels());
        }
        if (summary.badTotal() > 0) {
            out.printf("injected %d bad records %s%n", summary.badTotal(), summary.badInjected());
        }
        if (summary.rejectedLines() > 0) {
            out.printf("rejected %d input lines to %s (each with its reason and line number)%n",
                summary.rejectedLines(), topics.deadLetters());
        }
        out.flush();
    }
}

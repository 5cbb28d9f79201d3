package io.millrace.cli.produce;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import io.millrace.cli.demo.Progress;
import io.millrace.learning.generators.Generators;
import io.millrace.learning.generators.PaymentsGenerator;
import io.millrace.speed.TopicNames;
import io.millrace.speed.TopicSetup;
import me.tongfei.progressbar.ProgressBar;

/**
 * One {@code millrace produce} run: a source of events (a generator or a JSON-lines file), bad records
 * injected at a ratio, everything written through the registry to Millrace's topics.
 */
public final class ProduceRun {

    /** Spacing of generated events in event time when no rate is given: 100 events per second. */
    static final long DEFAULT_GAP_MILLIS = 10;

    /** Partitions of the topics a produce run creates when they are missing. */
    static final int DEFAULT_PARTITIONS = 3;

    private final String bootstrapServers;
    private final String registryUrl;
    private final TopicNames topics;

    public ProduceRun(String bootstrapServers, String registryUrl, TopicNames topics) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.topics = topics;
    }

    /** Creates Millrace's topics where they are missing (3 partitions, the broker's replication factor). */
    private void ensureTopics() {
        TopicSetup.ensureTopics(bootstrapServers, topics, DEFAULT_PARTITIONS, TopicSetup.BROKER_DEFAULT_REPLICATION);
    }

    /** Produces {@code count} events of a named generator (payments, sea, hyperplane, agrawal, rbf). */
    public ProduceSummary fromGenerator(String generator, Map<String, String> params, long count, long seed, Long driftAt,
                                        double rate, double badRatio) throws InterruptedException {
        return fromGenerator(generator, params, count, seed, driftAt, rate, badRatio, ProduceListener.NONE);
    }

    /**
     * Produces {@code count} payments ({@link PaymentsGenerator} with {@code fraudRate}, the fraud pattern changing at
     * {@code driftAt}) and their delayed labels, {@code rate} payments a second (0: as fast as possible), with bad
     * records injected at {@code badRatio}; {@code listener} hears where each record landed.
     */
    public ProduceSummary payments(long count, long seed, Long driftAt, double fraudRate, double rate, double badRatio,
                                   ProduceListener listener) throws InterruptedException {
        ensureTopics();
        long now = System.currentTimeMillis();
        try (EventProducer producer = new EventProducer(bootstrapServers, registryUrl, topics)) {
            return send(producer, PaymentEvents.endingNow(count, seed, driftAt, fraudRate, now), count, rate, badRatio, seed, listener);
        }
    }

    /** As {@link #fromGenerator(String, Map, long, long, Long, double, double)}, telling {@code listener} where each record landed. */
    public ProduceSummary fromGenerator(String generator, Map<String, String> params, long count, long seed, Long driftAt,
                                        double rate, double badRatio, ProduceListener listener) throws InterruptedException {
        ensureTopics();
        long now = System.currentTimeMillis();
        try (EventProducer producer = new EventProducer(bootstrapServers, registryUrl, topics)) {
            Iterator<Outgoing> source;
            if (generator.equals("payments")) {
                if (params.containsKey("startTimeMs")) {
                    throw new IllegalArgumentException("payments: startTimeMs is not an option here, the payments end now");
                }
                source = PaymentEvents.endingNow(count, Generators.paymentsConfig(params, seed, driftAt), now);
            } else {
                long gap = rate > 0 ? Math.max(1, (long) (1000 / rate)) : DEFAULT_GAP_MILLIS;
                source = new InstanceEvents(Generators.create(generator, params, seed, driftAt), generator, count, now, gap);
            }
            return send(producer, source, count, rate, badRatio, seed, listener);
        }
    }

    /** Produces the events of a JSON-lines file; lines that are not events go to the dead-letters topic. */
    public ProduceSummary fromJsonLines(Path file, double rate, double badRatio, long seed) throws IOException, InterruptedException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        ensureTopics();
        long lines;
        try (var counted = Files.lines(file, StandardCharsets.UTF_8)) {
            lines = counted.filter(line -> !line.isBlank()).count();
        }
        try (EventProducer producer = new EventProducer(bootstrapServers, registryUrl, topics);
             BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             JsonLinesEvents source = new JsonLinesEvents(reader, file)) {
            return send(producer, source, lines, rate, badRatio, seed, ProduceListener.NONE);
        }
    }

    private static ProduceSummary send(EventProducer producer, Iterator<Outgoing> source, long expected,
                                       double rate, double badRatio, long seed, ProduceListener listener)
            throws InterruptedException {
        long started = System.nanoTime();
        BadRecordInjector injector = new BadRecordInjector(source, badRatio, seed, producer::serialize);
        EventProducer.Sent sent;
        try (ProgressBar progress = Progress.bar("producing", expected)) {
            sent = producer.sendAll(injector, rate, progress::step, listener);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new ProduceSummary(sent.events(), sent.labels(), injector.injected(), sent.rejectedLines(), seconds);
    }
}

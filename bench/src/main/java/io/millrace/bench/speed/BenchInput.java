package io.millrace.bench.speed;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

import io.millrace.cli.produce.ProduceRun;
import io.millrace.cli.produce.ProduceSummary;
import io.millrace.speed.TopicNames;

/**
 * The input every run reads: {@code events} payments (Avro through the registry, keyed by account) on the events
 * topic and their fraud labels, later in the stream's time, on the labels topic, produced once by the same code as
 * {@code millrace produce --generator payments} and never changed afterwards.
 *
 * @param events         events produced
 * @param labels         labels produced (one per event)
 * @param produceSeconds how long producing took
 * @param eventEnds      end offset of every partition of the events topic
 * @param labelEnds      end offset of every partition of the labels topic
 */
record BenchInput(long events, long labels, double produceSeconds, Map<TopicPartition, Long> eventEnds,
                  Map<TopicPartition, Long> labelEnds) {

    BenchInput {
        eventEnds = Map.copyOf(eventEnds);
        labelEnds = Map.copyOf(labelEnds);
    }

    /**
     * Produces {@code count} payments (the generator's {@code paymentsParams} over its defaults) and their labels to
     * {@code topics} (which must exist), and reads the end offsets.
     */
    static BenchInput produce(String bootstrapServers, String registryUrl, TopicNames topics, long count, long seed,
                              Map<String, String> paymentsParams, ConsumptionWatch watch) throws InterruptedException {
        ProduceSummary summary = new ProduceRun(bootstrapServers, registryUrl, topics)
            .fromGenerator("payments", paymentsParams, count, seed, null, 0, 0.0);
        Map<TopicPartition, Long> eventEnds = watch.endOffsets(List.of(topics.events()));
        Map<TopicPartition, Long> labelEnds = watch.endOffsets(List.of(topics.labels()));
        long onEvents = eventEnds.values().stream().mapToLong(Long::longValue).sum();
        if (onEvents != summary.events()) {
            throw new IllegalStateException("produced " + summary.events() + " events but the events topic holds "
                + onEvents + ": is " + topics.events() + " shared with another producer?");
        }
        return new BenchInput(summary.events(), summary.labels(), summary.seconds(), eventEnds, labelEnds);
    }
}

package io.millrace.bench.speed;

import java.util.List;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The whole speed layer's topics with none of its work: it reads {@code events} and {@code labels}, copies each
 * event as bytes to three topics (where the layer writes {@code valid-events}, {@code predictions} and
 * {@code scored-events}), reads the third back in one task with the labels (where the layer joins them) and copies
 * it to a fourth (where the layer writes {@code training-examples}), and reads that one in a third sub-topology
 * (where the layer trains). Four reads and four writes an event, like the layer's
 * hand-overs, with no decoding and no state store (so none of the layer's changelog records): the most events a
 * second the layer's shape of topics allows on this cluster, whatever its processors cost.
 */
public final class TopicShape {

    private static final ByteArraySerializer BYTES_OUT = new ByteArraySerializer();
    private static final ByteArrayDeserializer BYTES_IN = new ByteArrayDeserializer();

    private TopicShape() {
    }

    /**
     * The four topics a topic-shape run writes.
     *
     * @param validEvents      a copy of every event, as the layer's {@code valid-events}
     * @param predictions      a copy of every event, as the layer's {@code predictions}
     * @param scoredEvents     a copy of every event, read back, as the layer's {@code scored-events}
     * @param trainingExamples a copy of every scored event, read back, as the layer's {@code training-examples}
     */
    public record Outputs(String validEvents, String predictions, String scoredEvents, String trainingExamples) {

        /** The outputs of one run, named after {@code base} ({@code <base>-valid-events}, ...). */
        public static Outputs named(String base) {
            return new Outputs(base + "-valid-events", base + "-predictions", base + "-scored-events",
                base + "-training-examples");
        }

        public List<String> all() {
            return List.of(validEvents, predictions, scoredEvents, trainingExamples);
        }

        /** The two it reads back. */
        public List<String> readBack() {
            return List.of(scoredEvents, trainingExamples);
        }
    }

    /** {@code events} and {@code labels} through {@code outputs}, bytes in, bytes out. */
    public static Topology topology(String events, String labels, Outputs outputs) {
        Topology topology = new Topology();
        topology.addSource("read-events", BYTES_IN, BYTES_IN, events)
            .addSink("write-valid-events", outputs.validEvents(), BYTES_OUT, BYTES_OUT, "read-events")
            .addSink("write-predictions", outputs.predictions(), BYTES_OUT, BYTES_OUT, "read-events")
            .addSink("write-scored-events", outputs.scoredEvents(), BYTES_OUT, BYTES_OUT, "read-events")
            .addSource("read-scored-events-and-labels", BYTES_IN, BYTES_IN, outputs.scoredEvents(), labels)
            .addProcessor("pass-scored-events", () -> new PassOnly(outputs.scoredEvents()), "read-scored-events-and-labels")
            .addSink("write-training-examples", outputs.trainingExamples(), BYTES_OUT, BYTES_OUT, "pass-scored-events")
            .addSource("read-training-examples", BYTES_IN, BYTES_IN, outputs.trainingExamples())
            .addProcessor("discard", Discard::new, "read-training-examples");
        return topology;
    }

    /**
     * Forwards the records of one of its task's input topics and drops the others': like the layer's label join, one
     * task reads the scored events and the labels, and what it writes comes from the first.
     */
    private static final class PassOnly implements Processor<byte[], byte[], byte[], byte[]> {

        private final String topic;
        private ProcessorContext<byte[], byte[]> context;

        PassOnly(String topic) {
            this.topic = topic;
        }

        @Override
        public void init(ProcessorContext<byte[], byte[]> context) {
            this.context = context;
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            if (context.recordMetadata().map(metadata -> metadata.topic().equals(topic)).orElse(false)) {
                context.forward(record);
            }
        }
    }

    /** Reads a record and does nothing with it. */
    private static final class Discard implements Processor<byte[], byte[], Void, Void> {

        @Override
        public void process(Record<byte[], byte[]> record) {
        }
    }
}

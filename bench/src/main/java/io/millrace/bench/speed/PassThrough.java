package io.millrace.bench.speed;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;

/**
 * The baseline: a Kafka Streams topology that copies every record of the input topic to an output topic as
 * bytes, key and value untouched (Kafka Streams keeps the input partition for an unchanged key under the default
 * partitioner, so each output partition mirrors its input partition). Run with the speed layer's own properties,
 * exactly-once included, it is what the same broker, client settings and transactions cost with no work done.
 */
public final class PassThrough {

    static final String SOURCE = "pass-through-read";
    static final String SINK = "pass-through-write";

    private PassThrough() {
    }

    /** {@code input} to {@code output}, bytes in, bytes out. */
    public static Topology topology(String input, String output) {
        Topology topology = new Topology();
        topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), input)
            .addSink(SINK, output, new ByteArraySerializer(), new ByteArraySerializer(), SOURCE);
        return topology;
    }
}

package io.millrace.speed.model;

import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a trainer's input back from {@code training-examples}: the examples it learned after its last snapshot, which
 * a trainer restored from that snapshot applies again (see {@link TrainModels}). The topic is the trainer's
 * write-ahead log, as Kafka Streams reuses a source topic as a table's changelog.
 */
@FunctionalInterface
interface TrainingReplay {

    /**
     * Hands {@code action} the value of every committed record of {@code partition} keyed {@code model} with an offset
     * in {@code [from, to)}, in offset order: none when {@code from >= to}.
     *
     * @throws IllegalStateException when those records cannot be read (gone with the topic's retention, or the
     *                               cluster unreachable): the state would silently miss them
     */
    void forEach(TopicPartition partition, long from, long to, String model, Consumer<byte[]> action);
}

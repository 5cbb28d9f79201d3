package io.millrace.speed.ingest;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Which partition holds an entity's state: the partition Kafka's default partitioner gives the entity id's UTF-8
 * bytes among the {@code count} partitions of {@code valid-events} and {@code rekeyed-events} (the topics keyed by
 * entity that the speed layer writes and reads). Ingest hands an event it read from that very partition of
 * {@code events} straight to the rolling statistics of its own task, and sends any other (a null key, another
 * partitioner, a different partition count) through {@code rekeyed-events} to the task that owns its entity.
 *
 * @param count the partition count of {@code valid-events} and {@code rekeyed-events}; 0 when unknown, in which case
 *              every event goes through {@code rekeyed-events}
 */
public record EntityPartitions(int count) {

    public EntityPartitions {
        if (count < 0) {
            throw new IllegalArgumentException("partition count must not be negative: " + count);
        }
    }

    /** Partitions not known: no event is taken for in place. */
    public static EntityPartitions unknown() {
        return new EntityPartitions(0);
    }

    /** The partition of {@code entity}, as a producer with the default partitioner and a String key picks it. */
    public int of(String entity) {
        return of(entity.getBytes(StandardCharsets.UTF_8));
    }

    /** The partition of the entity whose id's UTF-8 bytes are {@code key}. */
    public int of(byte[] key) {
        if (count == 0) {
            throw new IllegalStateException("the partition count is not known");
        }
        return Utils.toPositive(Utils.murmur2(key)) % count;
    }

    /** Whether the task of {@code partition} holds the state of the entity whose id's UTF-8 bytes are {@code key}. */
    public boolean holds(byte[] key, int partition) {
        return count > 0 && partition < count && of(key) == partition;
    }
}

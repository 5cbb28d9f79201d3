package io.millrace.bench.speed;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one run wrote to the broker, by topic: records (offsets taken, transaction markers included) and bytes (the
 * partitions' log size, batch headers included). Unlike a rate on a shared machine, these do not move with the load:
 * they say how much work a design asks of the broker and the clients per event. Changelog topics of the run's
 * application are summed under {@value #CHANGELOGS}.
 *
 * @param records per topic (the documented name, or {@value #CHANGELOGS}), the records written
 * @param bytes   per topic, the bytes its partitions hold
 */
public record BrokerWrites(Map<String, Long> records, Map<String, Long> bytes) {

    /** The key under which the run's changelog (and other internal) topics are summed. */
    public static final String CHANGELOGS = "changelogs";

    public BrokerWrites {
        records = Collections.unmodifiableMap(new LinkedHashMap<>(records));
        bytes = Collections.unmodifiableMap(new LinkedHashMap<>(bytes));
    }

    /** Nothing measured. */
    public static BrokerWrites none() {
        return new BrokerWrites(Map.of(), Map.of());
    }

    public long totalRecords() {
        return records.values().stream().mapToLong(Long::longValue).sum();
    }

    public long totalBytes() {
        return bytes.values().stream().mapToLong(Long::longValue).sum();
    }
}

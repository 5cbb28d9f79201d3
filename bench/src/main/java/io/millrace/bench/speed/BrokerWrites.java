package io.millrace.bench.speed;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one run wrote to the broker, by topic: records (offsets taken, transaction markers included) and bytes (the
 * partitions' log size, batch headers included). Unlike a rate on a shared machine, these do not move with the load:
 * they say how much work a design asks of the broker and the clients per event. A changelog topic of the run's
 * application is named {@value #CHANGELOG_PREFIX} and its store's name.
 *
 * @param records per topic (the documented name, or {@value #CHANGELOG_PREFIX} and a store's name), the records written
 * @param bytes   per topic, the bytes its partitions hold
 */
public record BrokerWrites(Map<String, Long> records, Map<String, Long> bytes) {

    /** What the name of a changelog (or other internal) topic of the run starts with. */
    public static final String CHANGELOG_PREFIX = "changelog:";


    public BrokerWrites {
        records = Collections.unmodifiableMap(new LinkedHashMap<>(records));
        bytes = Collections.unmodifiableMap(new LinkedHashMap<>(bytes));
    }

    public long totalRecords() {
        return records.values().stream().mapToLong(Long::longValue).sum();
    }

    public long totalBytes() {
        return bytes.values().stream().mapToLong(Long::longValue).sum();
    }
}

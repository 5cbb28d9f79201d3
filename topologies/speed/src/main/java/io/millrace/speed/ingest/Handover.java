package io.millrace.speed.ingest;

import java.util.Objects;

/**
 * Where ingest hands a valid event on.
 * <ul>
 *   <li>{@link #toValidEvents()}: ingest alone; every valid event goes to {@code valid-events}, and whatever keeps
 *       statistics reads it back from there.</li>
 *   <li>{@link #toStatistics}: ingest runs in one sub-topology with the rolling statistics. An event read from the
 *       {@code events} partition that holds its entity ({@link EntityPartitions}) goes straight to the processor
 *       {@code statsNode} of the same task, which writes it to {@code valid-events}; any other goes to
 *       {@code rekeyed-events}, keyed by entity, for the task that owns it. Nothing reads {@code valid-events} back.</li>
 * </ul>
 */
public final class Handover {
    private final EntityPartitions partitions;
    private final String statsNode;

    private Handover(EntityPartitions partitions, String statsNode) {
        this.partitions = partitions;
        this.statsNode = statsNode;
    }

    /** Every valid event to {@code valid-events}. */
    public static Handover toValidEvents() {
        return new Handover(null, null);
    }

    /** Valid events to the statistics processor {@code statsNode}: in place when {@code partitions} says so, else through {@code rekeyed-events}. */
    public static Handover toStatistics(EntityPartitions partitions, String statsNode) {
        return new Handover(Objects.requireNonNull(partitions, "partitions"), Objects.requireNonNull(statsNode, "statsNode"));
    }

    boolean toStatistics() {
        return statsNode != null;
    }

    EntityPartitions partitions() {
        return partitions;
    }

    String statsNode() {
        return statsNode;
    }
}

package io.millrace.cli.produce;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.function.Function;

import io.millrace.schemas.Event;

/**
 * Passes a stream through and, after each event, adds a bad record with probability {@code ratio}
 * (seeded), cycling through every {@link BadRecords.Kind}. Counts what it injected, by kind.
 */
final class BadRecordInjector implements Iterator<Outgoing> {

    private final Iterator<Outgoing> source;
    private final double ratio;
    private final Random random;
    private final Function<Event, byte[]> serializer;
    private final Queue<Outgoing> pending = new ArrayDeque<>();
    private final Map<BadRecords.Kind, Integer> injected = new EnumMap<>(BadRecords.Kind.class);
    private int nextKind;

    BadRecordInjector(Iterator<Outgoing> source, double ratio, long seed, Function<Event, byte[]> serializer) {
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException("--bad-ratio must be between 0 and 1, got " + ratio);
        }
        this.source = source;
        this.ratio = ratio;
        this.random = new Random(seed ^ 0x5DEECE66DL);
        this.serializer = serializer;
    }

    @Override
    public boolean hasNext() {
        return !pending.isEmpty() || source.hasNext();
    }

    @Override
    public Outgoing next() {
        if (!pending.isEmpty()) {
            return pending.remove();
        }
        Outgoing next = source.next();
        if (next instanceof Outgoing.EventRecord event && ratio > 0 && random.nextDouble() < ratio) {
            BadRecords.Kind kind = BadRecords.Kind.values()[nextKind++ % BadRecords.Kind.values().length];
            pending.add(BadRecords.make(kind, event.event(), serializer));
            injected.merge(kind, 1, Integer::sum);
        }
        return next;
    }

    /** Bad records injected so far, by kind. */
    Map<BadRecords.Kind, Integer> injected() {
        return Map.copyOf(injected);
    }
}

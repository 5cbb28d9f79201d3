package io.millrace.cli.produce;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

import io.millrace.learning.Attribute;
import io.millrace.learning.Header;
import io.millrace.learning.generators.Instance;
import io.millrace.learning.generators.InstanceStream;
import io.millrace.schemas.Event;

/**
 * Turns a generator's instances (SEA, Hyperplane, Agrawal, RBF) into events: named features (nominal
 * values as their category names), the label inline since such streams know it at once, entity ids
 * spread over a fixed number of entities, and event times spaced evenly so the stream ends now.
 */
final class InstanceEvents implements Iterator<Outgoing> {

    static final int ENTITIES = 100;

    private final InstanceStream stream;
    private final String prefix;
    private final long count;
    private final long startMillis;
    private final long gapMillis;
    private long emitted;

    InstanceEvents(InstanceStream stream, String prefix, long count, long nowMillis, long gapMillis) {
        this.stream = stream;
        this.prefix = prefix;
        this.count = count;
        this.gapMillis = gapMillis;
        this.startMillis = nowMillis - count * gapMillis;
    }

    @Override
    public boolean hasNext() {
        return emitted < count && stream.hasNext();
    }

    @Override
    public Outgoing next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        long index = emitted++;
        return new Outgoing.EventRecord(toEvent(stream.next(), index));
    }

    private Event toEvent(Instance instance, long index) {
        Header header = instance.header();
        Map<String, Object> features = new LinkedHashMap<>();
        for (int i = 0; i < header.numFeatures(); i++) {
            features.put(header.feature(i).name(), value(header.feature(i), instance.features()[i]));
        }
        return Event.newBuilder()
            .setId(String.format("%s-%010d", prefix, index))
            .setEntity(String.format("entity-%03d", index % ENTITIES))
            .setEventTime(Instant.ofEpochMilli(startMillis + index * gapMillis))
            .setFeatures(features)
            .setLabel(value(header.target(), instance.target()))
            .build();
    }

    private static Object value(Attribute attribute, double value) {
        if (Double.isNaN(value)) {
            return null;
        }
        return attribute.isNominal() ? attribute.values().get((int) value) : (Object) value;
    }
}

package io.millrace.cli.produce;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.millrace.schemas.Event;
import io.millrace.speed.TopicNames;
import io.millrace.speed.serde.RegistryAvroSerializer;
import io.millrace.speed.serde.RegistrySerdeConfig;

/**
 * Writes a stream of {@link Outgoing} records to Millrace's topics: events keyed by entity, labels by
 * event id, raw bad records as they are, rejected input lines to the dead-letters topic. Idempotent
 * with {@code acks=all}; an optional rate paces events by the wall clock. A failed send stops the run
 * with the broker's error.
 */
final class EventProducer implements AutoCloseable {

    private final TopicNames topics;
    private final KafkaProducer<String, GenericContainer> avro;
    private final KafkaProducer<String, byte[]> raw;
    private final RegistryAvroSerializer<Event> eventSerializer;
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    EventProducer(String bootstrapServers, String registryUrl, TopicNames topics) {
        this.topics = topics;
        Map<String, Object> base = new HashMap<>();
        base.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        base.put(ProducerConfig.ACKS_CONFIG, "all");
        base.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        base.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        // One request in flight: on a just-created topic whose leader is still settling, a first batch refused
        // with NOT_LEADER_OR_FOLLOWER must not be overtaken by the next, or the broker refuses its retry as out
        // of order for good (seen on Kafka 4.3 in KRaft mode).
        base.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        base.put(ProducerConfig.CLIENT_ID_CONFIG, "millrace-produce");
        Map<String, Object> avroConfig = new HashMap<>(base);
        avroConfig.put(RegistrySerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        avroConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        avroConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, RegistryAvroSerializer.class.getName());
        this.avro = new KafkaProducer<>(avroConfig);
        this.raw = new KafkaProducer<>(base, new StringSerializer(), new ByteArraySerializer());
        this.eventSerializer = new RegistryAvroSerializer<>();
        this.eventSerializer.configure(avroConfig, false);
    }

    /** The wire-format bytes of an event on the events topic, for deriving bad records from it. */
    byte[] serialize(Event event) {
        return eventSerializer.serialize(topics.events(), event);
    }

    /**
     * Sends every record, pacing events at {@code eventsPerSecond} (0: as fast as possible), calls
     * {@code onEvent} after each event or rejected input line (the units of progress), and tells {@code listener}
     * where each record landed once the broker acknowledged it.
     */
    Sent sendAll(Iterator<Outgoing> records, double eventsPerSecond, Runnable onEvent, ProduceListener listener)
            throws InterruptedException {
        Pacer pacer = new Pacer(eventsPerSecond);
        long events = 0;
        long labels = 0;
        long rejected = 0;
        while (records.hasNext()) {
            checkNoFailure();
            Outgoing record = records.next();
            if (record instanceof Outgoing.EventRecord e) {
                pacer.awaitNext();
                avro.send(new ProducerRecord<>(topics.events(), e.event().getEntity(), e.event()), callback(record, listener));
                events++;
                onEvent.run();
            } else if (record instanceof Outgoing.InvalidEventRecord i) {
                avro.send(new ProducerRecord<>(topics.events(), i.event().getEntity(), i.event()), callback(record, listener));
            } else if (record instanceof Outgoing.LabelRecord l) {
                avro.send(new ProducerRecord<>(topics.labels(), l.label().getEventId(), l.label()), callback(record, listener));
                labels++;
            } else if (record instanceof Outgoing.RawRecord r) {
                raw.send(new ProducerRecord<>(topics.events(), r.key(), r.value()), callback(record, listener));
            } else if (record instanceof Outgoing.Rejected d) {
                avro.send(new ProducerRecord<>(topics.deadLetters(), null, d.deadLetter()), callback(record, listener));
                rejected++;
                onEvent.run();
            }
        }
        avro.flush();
        raw.flush();
        checkNoFailure();
        return new Sent(events, labels, rejected);
    }

    /** Remembers the first failure; tells the listener where an acknowledged record landed. */
    private Callback callback(Outgoing record, ProduceListener listener) {
        return (metadata, error) -> {
            if (error != null) {
                firstFailure.compareAndSet(null, error);
            } else {
                listener.written(record, metadata);
            }
        };
    }

    /** Counts of what one {@link #sendAll} call wrote. */
    record Sent(long events, long labels, long rejectedLines) {
    }

    private void checkNoFailure() {
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw new IllegalStateException("producing to Kafka failed: " + failure.getMessage(), failure);
        }
    }

    @Override
    public void close() {
        try (avro; raw; eventSerializer) {
            // closes all three
        }
    }

    /** Spaces calls evenly at a target rate by the wall clock. */
    private static final class Pacer {

        private final long intervalNanos;
        private long next = System.nanoTime();

        Pacer(double perSecond) {
            if (perSecond < 0 || Double.isNaN(perSecond)) {
                throw new IllegalArgumentException("--rate must be 0 (as fast as possible) or positive, got " + perSecond);
            }
            this.intervalNanos = perSecond == 0 ? 0 : (long) (1e9 / perSecond);
        }

        void awaitNext() throws InterruptedException {
            if (intervalNanos == 0) {
                return;
            }
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            next += intervalNanos;
        }
    }
}

package io.millrace.cli.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.producer.RecordMetadata;

import io.millrace.cli.produce.BadRecords;
import io.millrace.cli.produce.Outgoing;
import io.millrace.cli.produce.ProduceListener;
import io.millrace.schemas.Event;
import io.millrace.speed.ingest.RejectReason;

/**
 * What the demo produced, as the broker acknowledged it: every payment (its index in the stream, entity, amount
 * and, once its delayed label was written, the label), and every bad record injected on purpose with the
 * partition and offset it landed at and the reason ingest must give it. The exact truth the demo checks the speed
 * layer's outputs against. Thread-safe: the producer's I/O thread writes, the demo reads after the run.
 */
public final class ProducedLedger implements ProduceListener {

    /** Payment ids are {@code pay-} and the 0-based index in the stream, zero-padded. */
    static final String PAYMENT_ID_PREFIX = "pay-";

    /** One payment as produced, with the partition and offset it landed at on the events topic. */
    public record ProducedPayment(int index, String id, String entity, Instant eventTime, double amount, int partition,
                                  long offset) {
    }

    /** One injected bad record: its kind, the reason ingest must give it, and where it landed on the events topic. */
    public record InjectedBadRecord(BadRecords.Kind kind, RejectReason expectedReason, int partition, long offset) {
    }

    private final Map<Integer, ProducedPayment> payments = new TreeMap<>();
    private final Map<String, Double> labels = new HashMap<>();
    private final List<InjectedBadRecord> bad = new ArrayList<>();

    @Override
    public synchronized void written(Outgoing record, RecordMetadata where) {
        if (record instanceof Outgoing.EventRecord e) {
            Event event = e.event();
            int index = indexOf(event.getId());
            Object amount = event.getFeatures().get("amount");
            payments.put(index, new ProducedPayment(index, event.getId(), event.getEntity(), event.getEventTime(),
                amount instanceof Number n ? n.doubleValue() : Double.NaN, where.partition(), where.offset()));
        } else if (record instanceof Outgoing.LabelRecord l) {
            Object label = l.label().getLabel();
            labels.put(l.label().getEventId(), label instanceof Number n ? n.doubleValue() : Double.parseDouble(label.toString()));
        } else if (record instanceof Outgoing.RawRecord r) {
            bad.add(new InjectedBadRecord(r.kind(), r.kind().expectedReason(), where.partition(), where.offset()));
        } else if (record instanceof Outgoing.InvalidEventRecord i) {
            bad.add(new InjectedBadRecord(i.kind(), i.kind().expectedReason(), where.partition(), where.offset()));
        }
    }

    /** The 0-based stream index of a payment id ({@code pay-0000000042} is 42), or -1 for any other id. */
    public static int indexOf(String eventId) {
        if (eventId == null || !eventId.startsWith(PAYMENT_ID_PREFIX)) {
            return -1;
        }
        try {
            return Integer.parseInt(eventId.substring(PAYMENT_ID_PREFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The payments, by stream index. */
    public synchronized Map<Integer, ProducedPayment> payments() {
        return new TreeMap<>(payments);
    }

    /** The label written for each payment id (1 fraud, 0 genuine). */
    public synchronized Map<String, Double> labels() {
        return new HashMap<>(labels);
    }

    /** The label of a payment, or null when none was written. */
    public synchronized Double labelOf(String eventId) {
        return labels.get(eventId);
    }

    /** The bad records injected, in acknowledgement order. */
    public synchronized List<InjectedBadRecord> badRecords() {
        return List.copyOf(bad);
    }

    /** Number of payments written. */
    public synchronized int paymentCount() {
        return payments.size();
    }
}

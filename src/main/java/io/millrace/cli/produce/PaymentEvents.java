package io.millrace.cli.produce;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Queue;

import io.millrace.learning.generators.Payment;
import io.millrace.learning.generators.PaymentsGenerator;
import io.millrace.schemas.Label;

/**
 * The payments stream as a producer sees it: each payment event now, its fraud label later on the
 * labels topic, at the label's time. Labels are held back until the stream's clock passes their time,
 * so events and labels come out in time order, as they would in production.
 */
final class PaymentEvents implements Iterator<Outgoing> {

    private final PaymentsGenerator generator;
    private final long count;
    private final PriorityQueue<Label> pendingLabels =
        new PriorityQueue<>((a, b) -> a.getLabelTime().compareTo(b.getLabelTime()));
    private final Queue<Outgoing> ready = new ArrayDeque<>();
    private long emitted;

    PaymentEvents(PaymentsGenerator generator, long count) {
        this.generator = generator;
        this.count = count;
    }

    /**
     * A seeded payments stream of {@code count} events that ends about now, {@code fraudRate} of them fraud, with a
     * fraud-pattern change at {@code driftAt}.
     */
    static PaymentEvents endingNow(long count, long seed, Long driftAt, double fraudRate, long nowMillis) {
        return endingNow(count, PaymentsGenerator.Config.DEFAULT.withSeed(seed).withFraudRate(fraudRate)
            .withChangeAt(driftAt == null ? PaymentsGenerator.NEVER : driftAt), nowMillis);
    }

    /** {@code count} payments of {@code config}, moved so that the last falls about {@code nowMillis}. */
    static PaymentEvents endingNow(long count, PaymentsGenerator.Config config, long nowMillis) {
        long span = (long) (count * config.meanGapMs());
        return new PaymentEvents(new PaymentsGenerator(config.withStartTimeMs(nowMillis - span)), count);
    }

    @Override
    public boolean hasNext() {
        return !ready.isEmpty() || emitted < count || !pendingLabels.isEmpty();
    }

    @Override
    public Outgoing next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (ready.isEmpty()) {
            fill();
        }
        return ready.remove();
    }

    private void fill() {
        if (emitted < count) {
            Payment payment = generator.next();
            emitted++;
            releaseLabelsUpTo(payment.eventTimeMs());
            ready.add(new Outgoing.EventRecord(PaymentRecords.event(payment)));
            pendingLabels.add(PaymentRecords.label(payment));
        } else {
            ready.add(new Outgoing.LabelRecord(pendingLabels.remove()));
        }
    }

    private void releaseLabelsUpTo(long timeMillis) {
        while (!pendingLabels.isEmpty() && pendingLabels.peek().getLabelTime().toEpochMilli() <= timeMillis) {
            ready.add(new Outgoing.LabelRecord(pendingLabels.remove()));
        }
    }
}

package io.millrace.cli.produce;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.millrace.learning.generators.Payment;
import io.millrace.schemas.Event;
import io.millrace.schemas.Label;

/** Turns the payments generator's records into the Avro records of the events and labels topics. */
public final class PaymentRecords {

    private PaymentRecords() {
    }

    /** The payment as it is produced: its label is not known yet, it arrives later on the labels topic. */
    public static Event event(Payment payment) {
        Map<String, Object> features = new LinkedHashMap<>(payment.features());
        return Event.newBuilder()
            .setId(payment.eventId())
            .setEntity(payment.entityId())
            .setEventTime(Instant.ofEpochMilli(payment.eventTimeMs()))
            .setFeatures(features)
            .setLabel(null)
            .build();
    }

    /** The delayed feedback for the payment: fraud (1) or genuine (0), known at its label time. */
    public static Label label(Payment payment) {
        return Label.newBuilder()
            .setEventId(payment.eventId())
            .setLabel((double) payment.label())
            .setLabelTime(Instant.ofEpochMilli(payment.labelTimeMs()))
            .build();
    }
}

package io.millrace.learning.generators;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One card payment of the demo stream, as a producer would publish it: who paid, when, what the event
 * looked like, and the fraud label with the time it becomes known (a chargeback or a confirmation
 * arrives later than the payment, so a learner may only train on it from {@link #labelTimeMs()}).
 *
 * @param eventId     unique, in emission order ({@code pay-0000000000}, ...)
 * @param entityId    the paying account ({@code acct-0000}, ...): the key of the events topic
 * @param eventTimeMs event time, epoch milliseconds; non-decreasing along the stream
 * @param features    {@code amount}, {@code hour}, {@code distance_km} as {@link Double};
 *                    {@code merchant_category}, {@code country} as {@link String} (see {@link PaymentsGenerator})
 * @param label       1 for fraud, 0 for a genuine payment
 * @param labelTimeMs when the label becomes known, epoch milliseconds; never before the event
 */
public record Payment(String eventId, String entityId, long eventTimeMs, Map<String, Object> features,
                      int label, long labelTimeMs) {

    public Payment {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(entityId, "entityId");
        features = copyFeatures(features);
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("label must be 0 or 1, got " + label);
        }
        if (labelTimeMs < eventTimeMs) {
            throw new IllegalArgumentException("label time " + labelTimeMs + " is before event time " + eventTimeMs);
        }
    }

    /** An unmodifiable copy that keeps the given order (stable serialisation), values Double or String only. */
    private static Map<String, Object> copyFeatures(Map<String, Object> features) {
        Map<String, Object> copy = new LinkedHashMap<>();
        features.forEach((name, value) -> {
            if (!(value instanceof Double || value instanceof String)) {
                throw new IllegalArgumentException("feature '" + name + "' must be a Double or a String, got " + value);
            }
            copy.put(Objects.requireNonNull(name, "feature name"), value);
        });
        return Collections.unmodifiableMap(copy);
    }

    /** How long after the event its label arrives, in milliseconds. */
    public long labelDelayMs() {
        return labelTimeMs - eventTimeMs;
    }

    public boolean isFraud() {
        return label == 1;
    }

    public double amount() {
        return (Double) features.get(PaymentsGenerator.AMOUNT);
    }

    public String merchantCategory() {
        return (String) features.get(PaymentsGenerator.MERCHANT_CATEGORY);
    }

    public double hour() {
        return (Double) features.get(PaymentsGenerator.HOUR);
    }

    public String country() {
        return (String) features.get(PaymentsGenerator.COUNTRY);
    }

    public double distanceKm() {
        return (Double) features.get(PaymentsGenerator.DISTANCE_KM);
    }

    /** The payment as a dense instance of {@link PaymentsGenerator#HEADER}: nominal values as category indices. */
    public Instance toInstance() {
        double[] x = {
            amount(),
            PaymentWorld.categoryIndex(merchantCategory()),
            hour(),
            PaymentWorld.countryIndex(country()),
            distanceKm()};
        return new Instance(x, label, PaymentsGenerator.HEADER);
    }
}

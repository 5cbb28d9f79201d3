package io.millrace.speed.ingest;

import io.millrace.schemas.Event;
import io.millrace.speed.config.ValidationBounds;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The checks a deserialized {@link Event} must pass to reach {@code valid-events}, run in this order, the
 * first failure naming the {@link RejectReason}:
 * <ol>
 *   <li>required fields: {@code id} and {@code entity} not blank, {@code event_time} and {@code features}
 *       present ({@link RejectReason#MISSING_FIELD}); an empty features map is allowed;</li>
 *   <li>the key: a record key, when set, must equal {@code entity}, because the key decides the partition
 *       and every per-entity view downstream is keyed by entity ({@link RejectReason#KEY_MISMATCH}); a
 *       null key is accepted and replaced by {@code entity};</li>
 *   <li>features, one by one: a name that is not blank and a value that is a double, a string or null
 *       ({@link RejectReason#INVALID_FEATURE}), a double that is finite ({@link RejectReason#NON_FINITE});</li>
 *   <li>the label, when present: a finite number ({@link RejectReason#NON_FINITE}) or a non-blank string
 *       ({@link RejectReason#INVALID_LABEL});</li>
 *   <li>event time within {@link ValidationBounds} of the validating clock
 *       ({@link RejectReason#EVENT_TIME_IN_FUTURE}, {@link RejectReason#EVENT_TIME_TOO_OLD}).</li>
 * </ol>
 * Stateless and thread-safe.
 */
public final class EventChecks {
    private final ValidationBounds bounds;

    public EventChecks(ValidationBounds bounds) {
        this.bounds = Objects.requireNonNull(bounds, "bounds");
    }

    /**
     * Why {@code event}, read under record key {@code key} (null when the record had none), must not pass
     * at time {@code now}; empty when it passes.
     */
    public Optional<Rejection> check(Event event, String key, Instant now) {
        Rejection rejection = missingField(event);
        if (rejection == null) {
            rejection = keyMismatch(event, key);
        }
        if (rejection == null) {
            rejection = badFeature(event.getFeatures());
        }
        if (rejection == null) {
            rejection = badLabel(event.getLabel());
        }
        if (rejection == null) {
            rejection = eventTimeOutOfBounds(event.getEventTime(), now);
        }
        return Optional.ofNullable(rejection);
    }

    private static Rejection missingField(Event event) {
        if (isBlank(event.getId())) {
            return Rejection.of(RejectReason.MISSING_FIELD, "id is blank");
        }
        if (isBlank(event.getEntity())) {
            return Rejection.of(RejectReason.MISSING_FIELD, "entity is blank (event " + event.getId() + ")");
        }
        if (event.getEventTime() == null) {
            return Rejection.of(RejectReason.MISSING_FIELD, "event_time is absent (event " + event.getId() + ")");
        }
        if (event.getFeatures() == null) {
            return Rejection.of(RejectReason.MISSING_FIELD, "features is absent (event " + event.getId() + ")");
        }
        return null;
    }

    private static Rejection keyMismatch(Event event, String key) {
        if (key == null || key.equals(event.getEntity())) {
            return null;
        }
        return Rejection.of(RejectReason.KEY_MISMATCH, "record key '" + abbreviate(key) + "' differs from entity '"
                + abbreviate(event.getEntity()) + "' (event " + event.getId() + ")");
    }

    private static Rejection badFeature(Map<String, Object> features) {
        for (Map.Entry<String, Object> feature : features.entrySet()) {
            String name = feature.getKey() == null ? null : feature.getKey().toString();
            Object value = feature.getValue();
            if (isBlank(name)) {
                return Rejection.of(RejectReason.INVALID_FEATURE, "a feature has a blank name");
            }
            if (value instanceof Double number) {
                if (!Double.isFinite(number)) {
                    return Rejection.of(RejectReason.NON_FINITE, "feature '" + abbreviate(name) + "' is " + number);
                }
            } else if (value != null && !(value instanceof CharSequence)) {
                return Rejection.of(RejectReason.INVALID_FEATURE, "feature '" + abbreviate(name) + "' is a "
                        + value.getClass().getSimpleName() + ", not a double, a string or null");
            }
        }
        return null;
    }

    private static Rejection badLabel(Object label) {
        if (label == null) {
            return null;
        }
        if (label instanceof Double number) {
            return Double.isFinite(number) ? null : Rejection.of(RejectReason.NON_FINITE, "label is " + number);
        }
        if (label instanceof CharSequence text) {
            return isBlank(text) ? Rejection.of(RejectReason.INVALID_LABEL, "label is a blank string") : null;
        }
        return Rejection.of(RejectReason.INVALID_LABEL, "label is a " + label.getClass().getSimpleName()
                + ", not a double or a string");
    }

    private Rejection eventTimeOutOfBounds(Instant eventTime, Instant now) {
        if (bounds.isTooFarInTheFuture(eventTime, now)) {
            return Rejection.of(RejectReason.EVENT_TIME_IN_FUTURE, "event_time " + eventTime + " is more than "
                    + bounds.maxFutureSkew() + " after " + now);
        }
        if (bounds.isTooFarInThePast(eventTime, now)) {
            return Rejection.of(RejectReason.EVENT_TIME_TOO_OLD, "event_time " + eventTime + " is more than "
                    + bounds.maxPastAge() + " before " + now);
        }
        return null;
    }

    private static boolean isBlank(CharSequence text) {
        return text == null || text.toString().isBlank();
    }

    /** Keeps dead-letter reasons short when a producer sends a megabyte of key. */
    private static String abbreviate(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "...";
    }
}

package io.millrace.speed.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.schemas.Event;
import io.millrace.schemas.serde.WireFormatException;
import io.millrace.speed.config.ValidationBounds;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

/** The checks on their own, including the cases the Event schema keeps a deserialized record from reaching. */
class EventChecksTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final EventChecks checks = new EventChecks(ValidationBounds.defaults());

    private static Event.Builder event() {
        return Event.newBuilder().setId("e").setEntity("acct-1").setEventTime(NOW).setFeatures(Map.of("amount", 1.0)).setLabel(null);
    }

    private Optional<RejectReason> reason(Event event, String key) {
        return checks.check(event, key, NOW).map(Rejection::reason);
    }

    @Test
    void aWellFormedEventPasses() {
        assertThat(reason(event().build(), "acct-1")).isEmpty();
        assertThat(reason(event().build(), null)).isEmpty();
        assertThat(reason(event().setFeatures(Map.of("country", new Utf8("NZ"))).setLabel(new Utf8("ok")).build(), null)).isEmpty();
    }

    @Test
    void featureValuesOfAnotherTypeAreInvalid() {
        assertThat(reason(event().setFeatures(Map.of("flag", true)).build(), null)).contains(RejectReason.INVALID_FEATURE);
        assertThat(reason(event().setFeatures(Map.of("n", 3L)).build(), null)).contains(RejectReason.INVALID_FEATURE);
        assertThat(checks.check(event().setFeatures(Map.of("flag", true)).build(), null, NOW).orElseThrow().detail())
                .isEqualTo("feature 'flag' is a Boolean, not a double, a string or null");
    }

    @Test
    void labelsOfAnotherTypeAreInvalid() {
        assertThat(reason(event().setLabel(1).build(), null)).contains(RejectReason.INVALID_LABEL);
        assertThat(reason(event().setLabel(Double.NaN).build(), null)).contains(RejectReason.NON_FINITE);
    }

    @Test
    void absentStructuralFieldsAreMissing() {
        Event noFeatures = event().build();
        noFeatures.setFeatures(null);
        Event noTime = event().build();
        noTime.put("event_time", null);
        assertThat(reason(noFeatures, null)).contains(RejectReason.MISSING_FIELD);
        assertThat(reason(noTime, null)).contains(RejectReason.MISSING_FIELD);
    }

    @Test
    void theFirstFailingCheckNamesTheReason() {
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("amount", Double.NaN);
        Event everythingWrong = event().setEntity("acct-1").setFeatures(features)
                .setEventTime(NOW.plus(Duration.ofDays(9))).setLabel(" ").build();
        assertThat(reason(everythingWrong, "acct-2")).contains(RejectReason.KEY_MISMATCH);
        assertThat(reason(everythingWrong, null)).contains(RejectReason.NON_FINITE);
        assertThat(reason(event().setLabel(" ").setEventTime(NOW.plus(Duration.ofDays(9))).build(), null))
                .contains(RejectReason.INVALID_LABEL);
        Map<String, Object> nullValue = new HashMap<>();
        nullValue.put("amount", null);
        assertThat(reason(event().setFeatures(nullValue).setEventTime(NOW.plus(Duration.ofDays(9))).build(), null))
                .contains(RejectReason.EVENT_TIME_IN_FUTURE);
    }

    @Test
    void extremeEventTimesDoNotOverflow() {
        assertThat(reason(event().setEventTime(Instant.ofEpochMilli(Long.MAX_VALUE)).build(), null))
                .contains(RejectReason.EVENT_TIME_IN_FUTURE);
        assertThat(reason(event().setEventTime(Instant.ofEpochMilli(Long.MIN_VALUE)).build(), null))
                .contains(RejectReason.EVENT_TIME_TOO_OLD);
    }

    @Test
    void everyDataErrorOfTheDeserializerHasAReasonAndRegistryFailuresHaveNone() {
        for (WireFormatException.Reason wire : WireFormatException.Reason.values()) {
            boolean registryFault = wire == WireFormatException.Reason.REGISTRY_UNAVAILABLE
                    || wire == WireFormatException.Reason.REGISTRY_ERROR;
            assertThat(RejectReason.of(wire).isEmpty()).as(wire.name()).isEqualTo(registryFault);
            RejectReason.of(wire).ifPresent(reason -> assertThat(reason.isUnreadable()).isTrue());
        }
    }
}

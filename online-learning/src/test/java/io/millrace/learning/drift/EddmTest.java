package io.millrace.learning.drift;

import io.millrace.learning.InvalidInputException;
import moa.classifiers.core.driftdetection.EDDM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Field;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EddmTest {

    static Stream<Arguments> streams() {
        return Stream.of(
            Arguments.of("abrupt Bernoulli 0.2 -> 0.6, seed 1", Streams.abruptBernoulli(1, 40_000, 20_000, 0.2, 0.6)),
            Arguments.of("abrupt Bernoulli 0.05 -> 0.2, seed 2", Streams.abruptBernoulli(2, 60_000, 30_000, 0.05, 0.2)),
            Arguments.of("gradual Bernoulli 0.1 -> 0.4, seed 4", Streams.gradualBernoulli(4, 60_000, 20_000, 20_000, 0.1, 0.4)),
            Arguments.of("stationary Bernoulli 0.3, seed 5", Streams.abruptBernoulli(5, 60_000, 60_000, 0.3, 0.3)),
            Arguments.of("MOA Hoeffding tree errors on SEA 1 -> 4", Streams.seaErrors(1, 100_000, 50_000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void detectsAndWarnsAtExactlyMoasIndices(String name, double[] values) {
        EDDM moa = new EDDM();
        Eddm ours = new Eddm();
        int changes = 0;
        int warnings = 0;
        for (double value : values) {
            moa.input(value);
            assertThat(ours.update(value)).isEqualTo(moa.getChange());
            assertThat(ours.isWarningZone()).isEqualTo(moa.getWarningZone());
            assertThat(ours.estimation()).isEqualTo(moa.getEstimation());
            changes += moa.getChange() ? 1 : 0;
            warnings += moa.getWarningZone() ? 1 : 0;
        }
        assertThat(changes).isPositive();
        assertThat(warnings).isPositive();
    }

    @Test
    void defaultsAreMoasConstants() throws ReflectiveOperationException {
        Eddm.Config ours = Eddm.Config.DEFAULTS;

        assertThat(ours.warningLevel()).isEqualTo(moaConstant("FDDM_WARNING"));
        assertThat(ours.driftLevel()).isEqualTo(moaConstant("FDDM_OUTCONTROL"));
        assertThat((double) ours.minInstances()).isEqualTo(moaConstant("FDDM_MINNUMINSTANCES"));
        Field minErrors = EDDM.class.getDeclaredField("m_minNumErrors");
        minErrors.setAccessible(true);
        assertThat(ours.minErrors()).isEqualTo(minErrors.getInt(new EDDM()));
    }

    private static double moaConstant(String name) throws ReflectiveOperationException {
        Field field = EDDM.class.getDeclaredField(name);
        field.setAccessible(true);
        return field.getDouble(null);
    }

    @Test
    void pinsTheSeaSwitchDetection() {
        List<Long> detections = Moa.ours(new Eddm(), Streams.seaErrors(1, 100_000, 50_000));

        assertThat(detections.stream().filter(i -> i >= 50_000).findFirst()).hasValue(62_608L);
    }

    @Test
    void refusesAnythingButZeroOrOneWithoutChangingState() {
        Eddm eddm = new Eddm();
        for (double value : Streams.abruptBernoulli(7, 500, 500, 0.2, 0.2)) {
            eddm.update(value);
        }
        byte[] before = eddm.toBytes();

        assertThatThrownBy(() -> eddm.update(0.5)).isInstanceOf(InvalidInputException.class).hasMessageContaining("0");
        assertThatThrownBy(() -> eddm.update(2)).isInstanceOf(InvalidInputException.class);
        assertThat(eddm.toBytes()).isEqualTo(before);
    }
}

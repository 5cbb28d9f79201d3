package io.millrace.learning.drift;

import io.millrace.learning.InvalidInputException;
import moa.classifiers.core.driftdetection.DDM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DdmTest {

    static Stream<Arguments> streams() {
        return Stream.of(
            Arguments.of("abrupt Bernoulli 0.2 -> 0.6, seed 1", Streams.abruptBernoulli(1, 40_000, 20_000, 0.2, 0.6)),
            Arguments.of("abrupt Bernoulli 0.1 -> 0.15, seed 2", Streams.abruptBernoulli(2, 60_000, 30_000, 0.1, 0.15)),
            Arguments.of("gradual Bernoulli 0.1 -> 0.4, seed 4", Streams.gradualBernoulli(4, 60_000, 20_000, 20_000, 0.1, 0.4)),
            Arguments.of("abrupt Bernoulli 0.02 -> 0.05, seed 5", Streams.abruptBernoulli(5, 60_000, 30_000, 0.02, 0.05)),
            Arguments.of("MOA Hoeffding tree errors on SEA 1 -> 4", Streams.seaErrors(1, 100_000, 50_000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void detectsAndWarnsAtExactlyMoasIndices(String name, double[] values) {
        DDM moa = new DDM();
        Ddm ours = new Ddm();
        int changes = 0;
        for (double value : values) {
            moa.input(value);
            assertThat(ours.update(value)).isEqualTo(moa.getChange());
            assertThat(ours.isWarningZone()).isEqualTo(moa.getWarningZone());
            assertThat(ours.estimation()).isEqualTo(moa.getEstimation());
            changes += moa.getChange() ? 1 : 0;
        }
        assertThat(changes).isPositive();
    }

    @Test
    void detectsAtExactlyMoasIndicesWithOtherParameters() {
        double[] values = Streams.gradualBernoulli(6, 80_000, 10_000, 40_000, 0.05, 0.3);
        DDM moa = new DDM();
        moa.minNumInstancesOption.setValue(100);
        moa.warningLevelOption.setValue(1.5);
        moa.outcontrolLevelOption.setValue(2.5);
        List<Long> expected = Moa.detections(moa, values);

        assertThat(expected).hasSizeGreaterThan(1);
        assertThat(Moa.ours(new Ddm(new Ddm.Config(100, 1.5, 2.5)), values)).isEqualTo(expected);
    }

    @Test
    void defaultsAreMoas() {
        DDM moa = new DDM();

        assertThat(Ddm.Config.DEFAULTS.minInstances()).isEqualTo(moa.minNumInstancesOption.getValue());
        assertThat(Ddm.Config.DEFAULTS.warningLevel()).isEqualTo(moa.warningLevelOption.getValue());
        assertThat(Ddm.Config.DEFAULTS.driftLevel()).isEqualTo(moa.outcontrolLevelOption.getValue());
    }

    @Test
    void pinsTheSeaSwitchDetection() {
        List<Long> detections = Moa.ours(new Ddm(), Streams.seaErrors(1, 100_000, 50_000));

        assertThat(detections.stream().filter(i -> i >= 50_000).findFirst()).hasValue(51_443L);
    }

    @Test
    void refusesValuesOutsideZeroToOneWithoutChangingState() {
        Ddm ddm = new Ddm();
        for (double value : Streams.abruptBernoulli(7, 500, 500, 0.2, 0.2)) {
            ddm.update(value);
        }
        byte[] before = ddm.toBytes();

        assertThatThrownBy(() -> ddm.update(1.5)).isInstanceOf(InvalidInputException.class).hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> ddm.update(-0.1)).isInstanceOf(InvalidInputException.class);
        assertThat(ddm.toBytes()).isEqualTo(before);
    }
}

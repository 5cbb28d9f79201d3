package io.millrace.learning.drift;

import io.millrace.learning.InvalidInputException;
import io.millrace.learning.StateCodec;
import io.millrace.learning.StateFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Byte round trips mid-stream, refused bytes and refused observations, for every detector. */
class DetectorStateTest {

    static Stream<Arguments> detectors() {
        double[] errors = Streams.abruptBernoulli(31, 30_000, 15_000, 0.15, 0.45);
        double[] gaussian = Streams.gaussianSteps(32, 30_000, 3_000, 1);
        return Stream.of(
            Arguments.of("adwin", (Supplier<DriftDetector>) Adwin::new, gaussian),
            Arguments.of("adwin increase, delta 0.05", (Supplier<DriftDetector>) () -> Detectors.create("adwin",
                Map.of("direction", "increase", "delta", "0.05")), errors),
            Arguments.of("page-hinkley", (Supplier<DriftDetector>) PageHinkley::new, gaussian),
            Arguments.of("ddm", (Supplier<DriftDetector>) Ddm::new, errors),
            Arguments.of("eddm", (Supplier<DriftDetector>) Eddm::new, errors),
            Arguments.of("kswin", (Supplier<DriftDetector>) Kswin::new, gaussian),
            Arguments.of("kswin, window 300", (Supplier<DriftDetector>) () -> Detectors.create("kswin",
                Map.of("window-size", "300", "stat-size", "60", "seed", "5")), errors));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectors")
    void aDetectorRestoredMidStreamBehavesExactlyLikeTheOriginal(String name, Supplier<DriftDetector> factory,
                                                                double[] values) {
        List<Long> detections = Moa.ours(factory.get(), values);
        assertThat(detections).isNotEmpty();
        long firstDetection = detections.get(0);
        for (int cut : new int[] {7, (int) firstDetection + 1, values.length / 2}) {
            DriftDetector original = factory.get();
            for (int i = 0; i < cut; i++) {
                original.update(values[i]);
            }
            DriftDetector restored = Detectors.fromBytes(original.toBytes());

            assertThat(restored).isExactlyInstanceOf(original.getClass());
            for (int i = cut; i < values.length; i++) {
                assertThat(restored.update(values[i])).as("index %s after a cut at %s", i, cut)
                    .isEqualTo(original.update(values[i]));
                assertSameReadings(restored, original);
            }
            assertThat(restored.toBytes()).isEqualTo(original.toBytes());
        }
    }

    private static void assertSameReadings(DriftDetector restored, DriftDetector original) {
        assertThat(restored.isWarningZone()).isEqualTo(original.isWarningZone());
        assertThat(restored.observations()).isEqualTo(original.observations());
        assertThat(bits(restored.estimation())).as("estimation").isEqualTo(bits(original.estimation()));
        assertThat(bits(restored.statistic())).as("statistic").isEqualTo(bits(original.statistic()));
        assertThat(bits(restored.threshold())).as("threshold").isEqualTo(bits(original.threshold()));
    }

    private static long bits(double value) {
        return Double.doubleToLongBits(value);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectors")
    void nonFiniteObservationsAreRefusedAndChangeNothing(String name, Supplier<DriftDetector> factory,
                                                       double[] values) {
        DriftDetector fed = factory.get();
        DriftDetector clean = factory.get();
        for (int i = 0; i < values.length; i++) {
            if (i % 1_000 == 500) {
                byte[] before = fed.toBytes();
                for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                    assertThatThrownBy(() -> fed.update(bad)).isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining("finite");
                }
                assertThat(fed.toBytes()).isEqualTo(before);
            }
            assertThat(fed.update(values[i])).isEqualTo(clean.update(values[i]));
        }
        assertThat(fed.toBytes()).isEqualTo(clean.toBytes());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectors")
    void everyTruncationAndAnyStrayByteIsRefused(String name, Supplier<DriftDetector> factory, double[] values) {
        DriftDetector detector = factory.get();
        for (int i = 0; i < 2_000; i++) {
            detector.update(values[i]);
        }
        byte[] bytes = detector.toBytes();
        for (int length = 0; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> Detectors.fromBytes(truncated)).as("first %s bytes", length)
                .isInstanceOf(StateFormatException.class);
        }
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> Detectors.fromBytes(longer)).isInstanceOf(StateFormatException.class)
            .hasMessageContaining("stray");
    }

    @Test
    void bytesOfOneKindAreNotReadAsAnother() {
        byte[] ddm = new Ddm().toBytes();
        byte[] adwin = new Adwin().toBytes();

        assertThatThrownBy(() -> Adwin.fromBytes(ddm)).isInstanceOf(StateFormatException.class)
            .hasMessageContaining("'ddm'").hasMessageContaining("'adwin'");
        assertThatThrownBy(() -> PageHinkley.fromBytes(adwin)).isInstanceOf(StateFormatException.class);
        assertThatThrownBy(() -> Ddm.fromBytes(adwin)).isInstanceOf(StateFormatException.class);
        assertThatThrownBy(() -> Eddm.fromBytes(ddm)).isInstanceOf(StateFormatException.class);
        assertThatThrownBy(() -> Kswin.fromBytes(ddm)).isInstanceOf(StateFormatException.class);
    }

    @Test
    void bytesOfAnotherLearningObjectAreNotADetector() {
        byte[] tree = StateCodec.encode("hoeffding-tree", 1, out -> out.writeInt(3));

        assertThatThrownBy(() -> Detectors.fromBytes(tree)).isInstanceOf(StateFormatException.class)
            .hasMessageContaining("hoeffding-tree").hasMessageContaining("not a drift detector");
    }

    @ParameterizedTest
    @ValueSource(strings = {"adwin", "page-hinkley", "ddm", "eddm", "kswin"})
    void aNewerFormatVersionIsRefused(String kind) {
        byte[] bytes = Detectors.create(kind).toBytes();
        int versionOffset = 4 + 2 + kind.length();
        bytes[versionOffset + 1] = 9;

        assertThatThrownBy(() -> Detectors.fromBytes(bytes)).isInstanceOf(StateFormatException.class)
            .hasMessageContaining("version 9");
    }

    @Test
    void nullAndGarbageAreRefused() {
        assertThatThrownBy(() -> Detectors.fromBytes(null)).isInstanceOf(StateFormatException.class);
        assertThatThrownBy(() -> Detectors.fromBytes(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
            .isInstanceOf(StateFormatException.class).hasMessageContaining("magic");
    }

    @Test
    void aConfigurationOutOfRangeInTheBytesIsRefused() {
        byte[] bytes = new PageHinkley().toBytes();
        int alphaOffset = 4 + 2 + PageHinkley.KIND.length() + 2 + 4 + 8 + 8;
        byte[] corrupt = bytes.clone();
        Arrays.fill(corrupt, alphaOffset, alphaOffset + 8, (byte) 0x7F);

        assertThatThrownBy(() -> Detectors.fromBytes(corrupt)).isInstanceOf(StateFormatException.class)
            .hasMessageContaining("alpha");
    }
}

package io.millrace.learning.drift;

import io.millrace.learning.InvalidInputException;
import moa.classifiers.core.driftdetection.ADWINChangeDetector;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DetectionRunnerTest {

    @Test
    void linesAndNumbersGiveTheSameZeroBasedIndicesAsMoa() {
        double[] values = Streams.abruptBernoulli(41, 20_000, 10_000, 0.1, 0.5);
        List<String> lines = Arrays.stream(values).mapToObj(v -> v == 1 ? " 1 " : "0.0").collect(Collectors.toList());
        List<Long> moa = Moa.detections(new ADWINChangeDetector(), values);

        List<Long> fromLines = DetectionRunner.detect(Detectors.create("adwin",
            java.util.Map.of("direction", "increase")), lines);

        assertThat(moa).isNotEmpty();
        assertThat(fromLines).isEqualTo(moa);
        assertThat(DetectionRunner.detect(new Adwin(Adwin.Config.DEFAULTS.withDirection(Adwin.Direction.INCREASE)),
            DoubleStream.of(values))).isEqualTo(moa);
    }

    @Test
    void aKnownAnswerOnASmallStream() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            lines.add(i < 100 ? "0" : "1");
        }

        assertThat(DetectionRunner.detect(new PageHinkley(), lines)).containsExactly(166L);
        assertThat(DetectionRunner.detect(new Adwin(), lines)).containsExactly(127L, 159L);
    }

    @Test
    void streamsDetectionsToAConsumerAsTheyHappen() {
        List<Long> seen = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            lines.add(i < 100 ? "0" : "1");
        }
        lines.add("oops");

        assertThatThrownBy(() -> DetectionRunner.detect(new Adwin(), lines, seen::add))
            .isInstanceOf(InvalidInputException.class)
            .hasMessage("line 201 is not a number: 'oops'");
        assertThat(seen).containsExactly(127L, 159L);
    }

    @Test
    void badLinesAreNamedByTheirOneBasedLineNumber() {
        assertThatThrownBy(() -> DetectionRunner.detect(new Ddm(), List.of("0", "1", "")))
            .isInstanceOf(InvalidInputException.class)
            .hasMessage("line 3 is empty; expected one number per line");
        assertThatThrownBy(() -> DetectionRunner.detect(new Ddm(), List.of("0", "NaN")))
            .isInstanceOf(InvalidInputException.class)
            .hasMessage("line 2: ddm observation must be finite, got NaN");
        assertThatThrownBy(() -> DetectionRunner.detect(new Eddm(), List.of("0", "1", "0.5")))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageStartingWith("line 3: eddm observes mistakes");
        assertThatThrownBy(() -> DetectionRunner.detect(new Adwin(), DoubleStream.of(0, Double.POSITIVE_INFINITY)))
            .isInstanceOf(InvalidInputException.class)
            .hasMessage("value 1 (0-based): adwin observation must be finite, got Infinity");
    }

    @Test
    void noInputMeansNoDetection() {
        assertThat(DetectionRunner.detect(new Kswin(), List.of())).isEmpty();
        assertThat(DetectionRunner.detect(new Kswin(), DoubleStream.empty())).isEmpty();
    }
}

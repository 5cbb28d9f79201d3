package io.millrace.learning.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.learning.Attribute;
import io.millrace.learning.Learners;
import io.millrace.learning.drift.Detectors;
import io.millrace.learning.drift.DriftDetector;
import io.millrace.learning.eval.DelayedLabelReplay.Result;
import io.millrace.learning.eval.DelayedLabelReplay.TimedExample;
import io.millrace.learning.features.FeatureEncoder;
import io.millrace.learning.features.FeatureSpec;
import io.millrace.learning.features.NumericFeature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DelayedLabelReplayTest {

    private static final FeatureSpec SPEC = new FeatureSpec("sign", List.of(NumericFeature.standardised("x")),
        Attribute.nominal("positive", List.of("no", "yes")));

    /** Event i at time 10 i, x alternating -1/+1, label "yes" when x > 0, known {@code delay} after it. */
    private static List<TimedExample> alternating(int count, long delay) {
        List<TimedExample> stream = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double x = i % 2 == 0 ? -1 : 1;
            stream.add(new TimedExample(Map.of("x", x), x > 0 ? "yes" : "no", 10L * i, 10L * i + delay));
        }
        return stream;
    }

    private static DelayedLabelReplay replay(int publishEvery) {
        FeatureEncoder encoder = new FeatureEncoder(SPEC);
        return new DelayedLabelReplay(encoder, Learners.create("naive-bayes", encoder.header()),
            Detectors.create("adwin"), publishEvery);
    }

    @Test
    void eventsAreAnsweredByTheLastPublishedVersionNotByTheLearnerAsItIs() {
        // labels come 25 ms late: event i is answered once the labels of events up to i - 3 are learned
        Result result = replay(4).run(alternating(40, 25));

        // the untrained version answers class 0 until four labels were learned, before event 6
        for (int i = 0; i < 7; i++) {
            assertThat(result.served()[i]).as("event %d", i).isZero();
        }
        assertThat(result.served()[7]).isEqualTo(1.0);
        assertThat(result.accuracy(7, 40)).isEqualTo(1.0);
        assertThat(result.accuracy(0, 7)).isEqualTo(4 / 7.0);
        assertThat(result.versions()).isEqualTo(1 + 40 / 4);
        // the error fed to the detector is that of the served answer
        for (int i = 0; i < 40; i++) {
            assertThat(result.errors()[i]).isEqualTo(result.served()[i] == result.targets()[i] ? 0.0 : 1.0);
        }
    }

    @Test
    void labelsAreLearnedInLabelTimeOrderAtTheStreamPositionTheirTimeIsPassed() {
        List<TimedExample> stream = List.of(
            new TimedExample(Map.of("x", 1.0), "yes", 0, 50),
            new TimedExample(Map.of("x", -1.0), "no", 10, 20),
            new TimedExample(Map.of("x", 1.0), "yes", 20, 20),
            new TimedExample(Map.of("x", -1.0), "no", 30, 31),
            new TimedExample(Map.of("x", 1.0), "yes", 40, 100));

        Result result = replay(1).run(stream);

        // a label is learned once the stream's clock reaches its time, never before its own event is answered
        assertThat(result.learned()).containsExactly(1, 2, 3, 0, 4);
        assertThat(result.learnedAt()).containsExactly(2, 3, 4, 5, 5);
    }

    @Test
    void alertsNameTheEventWhoseLabelRaisedThemAndWhereTheStreamWas() {
        DriftDetector everyThirdError = new CountingDetector(3);
        FeatureEncoder encoder = new FeatureEncoder(SPEC);
        Result result = new DelayedLabelReplay(encoder, Learners.create("naive-bayes", encoder.header()), everyThirdError,
            1_000).run(alternating(12, 35));

        // never republished: the untrained model answers 0, wrong on every odd event; labels are learned 4 events late
        assertThat(result.alerts()).containsExactly(5, 11);
        assertThat(result.alertsAt()).containsExactly(9, 12);
        assertThat(result.firstAlertFromEvent(6)).isEqualTo(11);
        assertThat(result.firstAlertRaisedFrom(6)).isEqualTo(9);
        assertThat(result.alertsRaisedWithin(0, 10)).isEqualTo(1);
    }

    @Test
    void refusesEventsOutOfTimeOrderAndLabelsBeforeTheirEvent() {
        List<TimedExample> backwards = List.of(new TimedExample(Map.of("x", 1.0), "yes", 10, 10),
            new TimedExample(Map.of("x", 1.0), "yes", 5, 10));
        assertThatThrownBy(() -> replay(1).run(backwards)).hasMessageContaining("event 1");
        assertThatThrownBy(() -> new TimedExample(Map.of("x", 1.0), "yes", 10, 9)).hasMessageContaining("before event time");
        assertThatThrownBy(() -> replay(0)).hasMessageContaining("publishEvery");
    }

    /** Fires at every {@code every}-th error (value 1); a stand-in whose alerts are known in advance. */
    private static final class CountingDetector implements DriftDetector {
        private final int every;
        private long observations;
        private int errors;

        CountingDetector(int every) {
            this.every = every;
        }

        @Override
        public boolean update(double value) {
            observations++;
            errors += value > 0 ? 1 : 0;
            return value > 0 && errors % every == 0;
        }

        @Override
        public boolean isWarningZone() {
            return false;
        }

        @Override
        public void reset() {
            observations = 0;
            errors = 0;
        }

        @Override
        public String kind() {
            return "counting";
        }

        @Override
        public byte[] toBytes() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long observations() {
            return observations;
        }

        @Override
        public double estimation() {
            return observations == 0 ? 0 : errors / (double) observations;
        }

        @Override
        public double statistic() {
            return errors;
        }

        @Override
        public double threshold() {
            return every;
        }

        @Override
        public String windowDescription() {
            return "all";
        }
    }
}

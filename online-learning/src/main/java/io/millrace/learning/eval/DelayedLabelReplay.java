package io.millrace.learning.eval;

import io.millrace.learning.Learner;
import io.millrace.learning.Learners;
import io.millrace.learning.Votes;
import io.millrace.learning.drift.DriftDetector;
import io.millrace.learning.features.FeatureEncoder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Prequential evaluation as a deployed model lives it, offline and deterministic: events are answered in
 * event-time order by the model version published last, each label arrives later, at its own time, and the
 * learner learns in label-time order; the error recorded for an example, and fed to the drift detector, is the
 * error of the answer that was served for it, not of the learner as it is when the label comes. This is what the
 * speed layer does with a stream whose labels come late (score, join the label, record the served answer's
 * error, learn, publish a version every N examples), without Kafka, so that how fast a change is detected and
 * how fast accuracy recovers can be measured over many seeds.
 *
 * <p>Order of work, as a producer that releases each label once the stream's clock passes its time: before the
 * event at time t is scored, every label with a time at or before t is learned (ties by label time, then by
 * event order); labels still pending after the last event are learned at the end. Each example learned is first
 * scored (its served answer against its label), its error goes to the detector, then the learner learns the row
 * encoded with the trainer's current scaler statistics, and the encoder observes the row (test, then train, as
 * {@link FeatureEncoder#encodeThenObserve} does). After every {@code publishEvery} examples learned, a copy of
 * the encoder and the learner (through their bytes) becomes the version that answers from the next event on;
 * before the first, the untrained model answers. The error is 0/1 for a classifier (the served answer's most
 * probable class against the label) and the absolute error for a regressor.
 */
public final class DelayedLabelReplay {

    /**
     * One event of the stream.
     *
     * @param features    raw feature values, as {@link FeatureEncoder#encode} takes them
     * @param label       the label, as {@link FeatureEncoder#encodeLabel} takes it
     * @param eventTimeMs when the event is scored; non-decreasing along the stream
     * @param labelTimeMs when its label becomes known; not before the event
     */
    public record TimedExample(Map<String, ?> features, Object label, long eventTimeMs, long labelTimeMs) {

        public TimedExample {
            Objects.requireNonNull(features, "features");
            Objects.requireNonNull(label, "label");
            if (labelTimeMs < eventTimeMs) {
                throw new IllegalArgumentException("label time " + labelTimeMs + " is before event time " + eventTimeMs);
            }
        }
    }

    /**
     * What a replay found, by event index (the position in the stream given to {@link #run}).
     *
     * @param served    the answer served for each event: the predicted class index, or the predicted value
     * @param targets   each event's encoded label
     * @param errors    each event's error as the detector saw it
     * @param learned   event indices in the order their labels were learned (the detector's order)
     * @param learnedAt for each label in that order, how many events had been answered when it was learned: the
     *                  stream's position at that moment
     * @param alerts    for each alert, in the order raised, the index of the event whose label raised it
     * @param alertsAt  for each alert, the stream's position when it was raised
     * @param versions  how many versions were published, the untrained first one included
     */
    public record Result(double[] served, double[] targets, double[] errors, int[] learned, int[] learnedAt,
                         int[] alerts, int[] alertsAt, int versions) {

        /**
         * Share of events in [{@code from}, {@code to}) whose served class was right (classification); NaN for an
         * empty range.
         */
        public double accuracy(int from, int to) {
            int right = 0;
            for (int i = from; i < to; i++) {
                right += served[i] == targets[i] ? 1 : 0;
            }
            return to > from ? right / (double) (to - from) : Double.NaN;
        }

        /**
         * The index of the event whose label raised the first alert among those raised by events at or after
         * {@code k}, or -1 when none: what the demo reports as {@code drift_detected_at}.
         */
        public int firstAlertFromEvent(int k) {
            for (int alert : alerts) {
                if (alert >= k) {
                    return alert;
                }
            }
            return -1;
        }

        /** The stream's position when the first alert at or after position {@code k} was raised, or -1 when none. */
        public int firstAlertRaisedFrom(int k) {
            for (int at : alertsAt) {
                if (at >= k) {
                    return at;
                }
            }
            return -1;
        }

        /** Alerts raised while the stream's position was in [{@code from}, {@code to}). */
        public int alertsRaisedWithin(int from, int to) {
            int count = 0;
            for (int at : alertsAt) {
                count += at >= from && at < to ? 1 : 0;
            }
            return count;
        }
    }

    private final FeatureEncoder encoder;
    private final Learner learner;
    private final DriftDetector detector;
    private final long publishEvery;
    private final boolean classification;
    private FeatureEncoder servedEncoder;
    private Learner servedLearner;
    private long sincePublished;
    private int versions;

    /**
     * A replay that trains {@code learner} over rows of {@code encoder}, watches its served errors with
     * {@code detector}, and publishes a version every {@code publishEvery} examples. All three are trained in
     * place: pass new ones.
     */
    public DelayedLabelReplay(FeatureEncoder encoder, Learner learner, DriftDetector detector, long publishEvery) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.learner = Objects.requireNonNull(learner, "learner");
        this.detector = Objects.requireNonNull(detector, "detector");
        if (publishEvery < 1) {
            throw new IllegalArgumentException("publishEvery must be at least 1, got " + publishEvery);
        }
        if (!encoder.header().features().equals(learner.header().features())
            || !encoder.header().target().equals(learner.header().target())) {
            throw new IllegalArgumentException("learner '" + learner.kind() + "' was built for other rows than the encoder's");
        }
        this.publishEvery = publishEvery;
        this.classification = encoder.header().isClassification();
    }

    /**
     * Replays {@code stream}; events must come in non-decreasing event time. Call it once: the learner, encoder and
     * detector keep what they learned.
     */
    public Result run(List<TimedExample> stream) {
        int n = stream.size();
        double[] served = new double[n];
        double[] targets = new double[n];
        double[] errors = new double[n];
        int[] learned = new int[n];
        int[] learnedAt = new int[n];
        List<int[]> alerts = new ArrayList<>();
        PriorityQueue<Integer> pending = new PriorityQueue<>(Comparator
            .comparingLong((Integer i) -> stream.get(i).labelTimeMs()).thenComparingInt(i -> i));
        int learnedCount = 0;
        publish();
        long previousTime = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            TimedExample event = stream.get(i);
            if (event.eventTimeMs() < previousTime) {
                throw new IllegalArgumentException("event " + i + " comes before the event it follows");
            }
            previousTime = event.eventTimeMs();
            while (!pending.isEmpty() && stream.get(pending.peek()).labelTimeMs() <= event.eventTimeMs()) {
                learnedAt[learnedCount] = i;
                learned[learnedCount++] = learn(stream, pending.poll(), i, served, targets, errors, alerts);
            }
            served[i] = answer(event);
            pending.add(i);
        }
        while (!pending.isEmpty()) {
            learnedAt[learnedCount] = n;
            learned[learnedCount++] = learn(stream, pending.poll(), n, served, targets, errors, alerts);
        }
        return new Result(served, targets, errors, learned, learnedAt, alerts.stream().mapToInt(alert -> alert[0]).toArray(),
            alerts.stream().mapToInt(alert -> alert[1]).toArray(), versions);
    }

    private double answer(TimedExample event) {
        double[] prediction = servedLearner.predict(servedEncoder.encode(event.features(), Map.of()));
        return classification ? Votes.argMax(prediction) : prediction[0];
    }

    /** Learns the example at {@code index} while the stream is at {@code position}; returns {@code index}. */
    private int learn(List<TimedExample> stream, int index, int position, double[] served, double[] targets,
                      double[] errors, List<int[]> alerts) {
        TimedExample example = stream.get(index);
        double target = encoder.encodeLabel(example.label());
        targets[index] = target;
        errors[index] = classification ? (served[index] == target ? 0 : 1) : Math.abs(target - served[index]);
        if (detector.update(errors[index])) {
            alerts.add(new int[] {index, position});
        }
        learner.learn(encoder.encodeThenObserve(example.features(), Map.of()), target);
        if (++sincePublished >= publishEvery) {
            publish();
        }
        return index;
    }

    private void publish() {
        servedEncoder = FeatureEncoder.fromBytes(encoder.toBytes());
        servedLearner = Learners.fromBytes(learner.toBytes());
        sincePublished = 0;
        versions++;
    }
}

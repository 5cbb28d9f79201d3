package io.millrace.learning.eval;

import io.millrace.learning.Header;
import io.millrace.learning.InputChecks;
import io.millrace.learning.Learner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A learner that answers with predictions given in advance and records what it was taught. */
final class ScriptedLearner implements Learner {

    private final Header header;
    private final Deque<double[]> predictions = new ArrayDeque<>();
    final List<Double> learnt = new ArrayList<>();

    ScriptedLearner(Header header) {
        this.header = header;
    }

    ScriptedLearner answer(double... prediction) {
        predictions.add(prediction);
        return this;
    }

    @Override
    public Header header() {
        return header;
    }

    @Override
    public double[] predict(double[] features) {
        InputChecks.checkFeatures(header, features);
        return predictions.removeFirst();
    }

    @Override
    public void learn(double[] features, double target, double weight) {
        InputChecks.checkFeatures(header, features);
        InputChecks.checkTarget(header, target, weight);
        learnt.add(target);
    }

    @Override
    public String kind() {
        return "scripted";
    }

    @Override
    public byte[] toBytes() {
        throw new UnsupportedOperationException();
    }
}

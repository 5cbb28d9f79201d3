package io.millrace.bench;

import io.millrace.learning.Header;
import io.millrace.learning.Learner;
import moa.classifiers.AbstractClassifier;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One of our learners and its MOA counterpart, each built fresh (and outside the timed loop) for every run.
 *
 * @param name    our learner's name (what {@code --only} takes)
 * @param moaName MOA's class and options
 * @param ours    builds our learner for a stream's header
 * @param moa     builds MOA's classifier with its options set, before its model context
 * @param note    what differs by design between the two, for the report; empty when nothing does
 */
record LearnerPair(String name, String moaName, Function<Header, Learner> ours, Supplier<AbstractClassifier> moa,
                   String note) {

    Prequential.Outcome runOurs(BenchStream stream, int count) {
        return Prequential.run(ours.apply(stream.header()), stream, count);
    }

    Prequential.Outcome runMoa(BenchStream stream, int count) {
        AbstractClassifier classifier = moa.get();
        classifier.setModelContext(stream.moaHeader());
        classifier.prepareForUse();
        return Prequential.run(classifier, stream, count);
    }
}

package io.millrace.cli.evaluate;

import java.util.Iterator;
import java.util.Map;

import io.millrace.learning.Header;
import io.millrace.learning.eval.Example;

/** Where a prequential evaluation's examples come from: a CSV file or a stream generator. */
public interface EvaluationData extends AutoCloseable {

    /** The shape of every example. */
    Header header();

    /** The examples, in order; call once. */
    Iterator<Example> examples();

    /** How many examples will come, for the progress bar; -1 when unknown. */
    long expected();

    /** Rows passed over so far because they cannot be scored (CSV rows without a label). */
    long skipped();

    /** What the data is, in a few words for people: {@code sea generator, seed 1, ...}. */
    String describe();

    /** The same for the JSON report, field by field. */
    Map<String, Object> fields();

    @Override
    void close();
}

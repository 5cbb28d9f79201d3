package io.millrace.cli.evaluate;

import java.util.Map;

import io.millrace.learning.Header;
import io.millrace.learning.eval.PrequentialResult;

/**
 * The outcome of one {@code millrace evaluate} run.
 *
 * @param learner    the learner's name as given on the command line, lower-cased
 * @param params     the learner parameters given (the others took their defaults)
 * @param header     the shape of the data: its task and classes
 * @param data       what the data was, in words
 * @param dataFields the same, field by field
 * @param windowSize size of the sliding window of the windowed scores
 * @param skipped    rows passed over because they could not be scored (CSV rows without a label)
 * @param result     the prequential scores, rejected rows and speed
 */
public record EvaluationReport(String learner, Map<String, String> params, Header header, String data,
                               Map<String, Object> dataFields, int windowSize, long skipped, PrequentialResult result) {

    public boolean classification() {
        return header.isClassification();
    }
}

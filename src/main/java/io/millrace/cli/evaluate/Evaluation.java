package io.millrace.cli.evaluate;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;

import io.millrace.learning.Learner;
import io.millrace.learning.Learners;
import io.millrace.learning.eval.Example;
import io.millrace.learning.eval.PrequentialEvaluator;
import io.millrace.learning.eval.PrequentialResult;

/**
 * One prequential evaluation (test, then train) of a learner built by name over some data, as
 * {@code millrace evaluate} runs it: {@link PrequentialEvaluator} does the work, rows it refuses as invalid
 * input are counted, not fatal.
 */
public final class Evaluation {

    /** How often, in examples, progress is reported. */
    static final int PROGRESS_STEP = 4096;

    private Evaluation() {
    }

    /**
     * Builds the learner {@code learnerName} with {@code params} for the data's header and evaluates it.
     *
     * @param progress told the number of examples done every {@value #PROGRESS_STEP} examples and at the end
     * @throws IllegalArgumentException for an unknown learner, a bad parameter, a target it cannot learn
     */
    public static EvaluationReport run(String learnerName, Map<String, String> params, EvaluationData data,
                                       int windowSize, LongConsumer progress) {
        if (windowSize < 1) {
            throw new IllegalArgumentException("--window must be at least 1, got " + windowSize);
        }
        Learner learner = Learners.create(learnerName, data.header(), params);
        PrequentialEvaluator evaluator = new PrequentialEvaluator(learner, windowSize);
        PrequentialResult result = evaluator.evaluate(withProgress(data.examples(), progress));
        return new EvaluationReport(learnerName.trim().toLowerCase(Locale.ROOT), Map.copyOf(params), data.header(),
            data.describe(), data.fields(), windowSize, data.skipped(), result);
    }

    private static Iterator<Example> withProgress(Iterator<Example> examples, LongConsumer progress) {
        return new Iterator<>() {
            private long done;

            @Override
            public boolean hasNext() {
                boolean more = examples.hasNext();
                if (!more) {
                    progress.accept(done);
                }
                return more;
            }

            @Override
            public Example next() {
                Example example = examples.next();
                if (++done % PROGRESS_STEP == 0) {
                    progress.accept(done);
                }
                return example;
            }
        };
    }
}

package io.millrace.bench;

import com.yahoo.labs.samoa.instances.Instance;
import io.millrace.learning.generators.InstanceStream;

/**
 * Checks that a benchmark stream drawn by Millrace's generators is MOA's stream, instance for instance
 * (features bit for bit, same class), so that MOA's learners see exactly what MOA would have generated.
 */
final class StreamCheck {

    private StreamCheck() {
    }

    /**
     * Compares the first {@code count} instances of both sides of {@code spec}.
     *
     * @throws IllegalStateException naming the first instance that differs
     */
    static void requireSameAsMoa(StreamSpec spec, int count) {
        InstanceStream ours = spec.ours().get();
        moa.streams.InstanceStream moa = spec.moa().get();
        for (int n = 0; n < count; n++) {
            io.millrace.learning.generators.Instance mine = ours.next();
            Instance theirs = moa.nextInstance().getData();
            if (!same(mine, theirs)) {
                throw new IllegalStateException("stream " + spec.name() + " is not MOA's " + spec.moaCommand()
                    + ": instance " + n + " is " + mine + " here and " + theirs + " in MOA");
            }
        }
    }

    private static boolean same(io.millrace.learning.generators.Instance mine, Instance theirs) {
        if (theirs.numAttributes() != mine.features().length + 1 || theirs.classIndex() != mine.features().length
            || theirs.classValue() != mine.target()) {
            return false;
        }
        for (int i = 0; i < mine.features().length; i++) {
            if (Double.doubleToLongBits(mine.feature(i)) != Double.doubleToLongBits(theirs.value(i))) {
                return false;
            }
        }
        return true;
    }
}

package io.millrace.learning.neural;

import io.millrace.learning.Attribute;
import io.millrace.learning.Header;

/**
 * Lays a row of {@link Header} features out as the network's input vector: a numeric feature takes one
 * slot and keeps its value, a nominal feature takes one slot per category and is one-hot encoded.
 *
 * <p>Missing values ({@code NaN}) are imputed as 0 after encoding: a missing number becomes 0 (the mean,
 * when features are standardised upstream) and a missing category sets none of its slots. The row must
 * have passed {@link io.millrace.learning.InputChecks#checkFeatures} first.
 */
final class InputEncoder {

    private final int[] offsets;
    private final boolean[] nominal;
    private final int width;

    InputEncoder(Header header) {
        offsets = new int[header.numFeatures()];
        nominal = new boolean[header.numFeatures()];
        int next = 0;
        for (int i = 0; i < header.numFeatures(); i++) {
            Attribute attribute = header.feature(i);
            offsets[i] = next;
            nominal[i] = attribute.isNominal();
            next += attribute.isNominal() ? attribute.cardinality() : 1;
        }
        width = next;
    }

    /** Number of network inputs: numeric features plus the categories of every nominal feature. */
    int width() {
        return width;
    }

    /** The encoded row, a new array of {@link #width()} values. */
    double[] encode(double[] features) {
        double[] encoded = new double[width];
        encodeInto(features, encoded, 0);
        return encoded;
    }

    /** Writes the encoded row into {@code target} from {@code start}; the slots must hold zeros. */
    void encodeInto(double[] features, double[] target, int start) {
        for (int i = 0; i < features.length; i++) {
            double value = features[i];
            if (Double.isNaN(value)) {
                continue;
            }
            if (nominal[i]) {
                target[start + offsets[i] + (int) value] = 1;
            } else {
                target[start + offsets[i]] = value;
            }
        }
    }
}

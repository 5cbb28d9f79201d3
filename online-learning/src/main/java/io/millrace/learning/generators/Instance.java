package io.millrace.learning.generators;

import io.millrace.learning.Header;
import java.util.Arrays;
import java.util.Objects;

/**
 * One generated example: the feature vector laid out as {@link Header#features()} (numeric values as
 * they are, nominal values as their category index), the target (a class index for classification),
 * and the header of the stream that produced it.
 *
 * <p>Each instance owns a fresh feature array; generators never reuse or touch it again, so a caller may
 * keep it. Equality compares the features and target by value (bitwise for doubles) and the header.
 */
public record Instance(double[] features, double target, Header header) {

    public Instance {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(header, "header");
        if (features.length != header.numFeatures()) {
            throw new IllegalArgumentException("expected " + header.numFeatures() + " features for '"
                + header.name() + "', got " + features.length);
        }
    }

    /** The target as a class index; only meaningful for classification streams. */
    public int label() {
        return (int) target;
    }

    /** The value of one feature. */
    public double feature(int index) {
        return features[index];
    }

    /** The same example re-labelled with another stream's header (used when streams are composed). */
    Instance withHeader(Header other) {
        return other == header ? this : new Instance(features, target, other);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Instance that
            && Double.compare(target, that.target) == 0
            && Arrays.equals(features, that.features)
            && header.equals(that.header);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(features) + Double.hashCode(target)) + header.hashCode();
    }

    @Override
    public String toString() {
        return "Instance" + Arrays.toString(features) + " -> " + target;
    }
}

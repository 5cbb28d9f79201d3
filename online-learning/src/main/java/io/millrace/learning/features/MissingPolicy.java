package io.millrace.learning.features;

/**
 * What a feature becomes when its value is absent, null or NaN.
 * <ul>
 *   <li>{@link ImputeMean} (numeric only): the running mean of the values observed so far (0 before
 *       the first), then scaled like any value; under {@link Scaling#STANDARD} that is exactly 0;</li>
 *   <li>{@link Constant} (numeric only): a raw value, then scaled like any value;</li>
 *   <li>{@link Category} (categorical only): a category name, then encoded like any category (an
 *       unlisted one goes to the "other" position);</li>
 *   <li>{@link AsMissing}: {@code NaN} in the encoded row, which every learner handles as missing in
 *       its own documented way (linear models: the feature adds nothing).</li>
 * </ul>
 */
public sealed interface MissingPolicy {

    /** The running mean. */
    record ImputeMean() implements MissingPolicy {
    }

    /** A fixed raw value. */
    record Constant(double value) implements MissingPolicy {
        public Constant {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("the imputed constant must be finite, got " + value);
            }
        }
    }

    /** A fixed category. */
    record Category(String value) implements MissingPolicy {
        public Category {
            if (value == null) {
                throw new IllegalArgumentException("the imputed category must not be null");
            }
        }
    }

    /** Left missing: NaN. */
    record AsMissing() implements MissingPolicy {
    }

    static MissingPolicy imputeMean() {
        return new ImputeMean();
    }

    static MissingPolicy constant(double value) {
        return new Constant(value);
    }

    static MissingPolicy category(String value) {
        return new Category(value);
    }

    static MissingPolicy asMissing() {
        return new AsMissing();
    }
}

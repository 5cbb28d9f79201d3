package io.millrace.learning;

/**
 * The one place that decides whether a row may reach a learner. Called before any state changes.
 */
public final class InputChecks {

    private InputChecks() {
    }

    /**
     * Checks dimension, finiteness (NaN is allowed: it means missing) and nominal indices.
     *
     * @throws InvalidInputException naming the first offending feature
     */
    public static void checkFeatures(Header header, double[] features) {
        if (features == null) {
            throw new InvalidInputException("feature vector is null");
        }
        if (features.length != header.numFeatures()) {
            throw new InvalidInputException("expected " + header.numFeatures() + " features for '"
                + header.name() + "', got " + features.length);
        }
        for (int i = 0; i < features.length; i++) {
            double value = features[i];
            if (Double.isNaN(value)) {
                continue;
            }
            Attribute attribute = header.feature(i);
            if (Double.isInfinite(value)) {
                throw new InvalidInputException("feature '" + attribute.name() + "' is infinite");
            }
            if (attribute.isNominal() && !isIndex(value, attribute.cardinality())) {
                throw new InvalidInputException("feature '" + attribute.name() + "' has no category " + value
                    + " (it has " + attribute.cardinality() + ")");
            }
        }
    }

    /** Checks a label: a class index for classification, a finite value for regression, a positive weight. */
    public static void checkTarget(Header header, double target, double weight) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new InvalidInputException("weight must be finite and >= 0, got " + weight);
        }
        if (header.isClassification()) {
            if (!isIndex(target, header.numClasses())) {
                throw new InvalidInputException("label " + target + " is not a class of '"
                    + header.target().name() + "' (it has " + header.numClasses() + ")");
            }
        } else if (!Double.isFinite(target)) {
            throw new InvalidInputException("regression target must be finite, got " + target);
        }
    }

    /** Checks one scalar observation for a detector or a statistic. */
    public static void checkFinite(String what, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidInputException(what + " must be finite, got " + value);
        }
    }

    private static boolean isIndex(double value, int size) {
        return value >= 0 && value < size && value == Math.rint(value);
    }
}

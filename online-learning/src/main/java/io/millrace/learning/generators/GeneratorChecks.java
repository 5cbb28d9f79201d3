package io.millrace.learning.generators;

/** Option checks shared by the generators' config records: each names the option and its bounds. */
final class GeneratorChecks {

    private GeneratorChecks() {
    }

    static void inRange(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must be in [" + min + ", " + max + "], got " + value);
        }
    }

    static void inRange(String option, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(option + " must be in [" + min + ", " + max + "], got " + value);
        }
    }

    static void atLeast(String option, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(option + " must be >= " + min + ", got " + value);
        }
    }

    static void finiteAtLeast(String option, double value, double min) {
        if (!(value >= min) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(option + " must be finite and >= " + min + ", got " + value);
        }
    }
}

package io.millrace.learning.generators;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code name=value} options given to {@link Generators#create}: typed reads with defaults, and a
 * final check that every given option was one the generator knows, so a typo is an error, never a
 * silently ignored option.
 */
final class GeneratorParams {

    private final String generator;
    private final Map<String, String> values;
    private final Set<String> known = new LinkedHashSet<>();

    GeneratorParams(String generator, Map<String, String> values) {
        this.generator = generator;
        this.values = values == null ? Map.of() : values;
    }

    int intValue(String name, int defaultValue) {
        String text = raw(name);
        if (text == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw invalid(name, text, "an integer");
        }
    }

    long longValue(String name, long defaultValue) {
        String text = raw(name);
        if (text == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw invalid(name, text, "an integer");
        }
    }

    double doubleValue(String name, double defaultValue) {
        String text = raw(name);
        if (text == null) {
            return defaultValue;
        }
        try {
            double value = Double.parseDouble(text.trim());
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(name, text, "a finite number");
    }

    boolean booleanValue(String name, boolean defaultValue) {
        String text = raw(name);
        if (text == null) {
            return defaultValue;
        }
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(name, text, "true or false");
        };
    }

    /** Whether the option was given at all (it is marked as known either way). */
    boolean has(String name) {
        return raw(name) != null;
    }

    /** Declares an option the generator accepts under a second name (MOA's spelling, say). */
    String alias(String name, String alternative) {
        known.add(alternative);
        if (raw(name) != null && values.containsKey(alternative)) {
            throw new IllegalArgumentException(generator + ": give '" + name + "' or '" + alternative + "', not both");
        }
        return values.containsKey(alternative) ? alternative : name;
    }

    /** Throws when an option was given that no read above asked for. */
    void requireAllKnown() {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(generator + " has no option " + String.join(", ", unknown)
                + "; its options are " + String.join(", ", known));
        }
    }

    private String raw(String name) {
        known.add(name);
        return values.get(name);
    }

    private IllegalArgumentException invalid(String name, String text, String expected) {
        return new IllegalArgumentException(generator + " option " + name + " must be " + expected + ", got '" + text + "'");
    }
}

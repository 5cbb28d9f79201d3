package io.millrace.learning.drift;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads the {@code name=value} parameters given for one detector on the command line, each with its
 * default, and refuses unknown names and malformed values with a message that names the detector, the
 * parameter and the value.
 */
final class DetectorParams {

    private final String detector;
    private final Map<String, String> given;
    private final Map<String, String> defaults = new LinkedHashMap<>();

    DetectorParams(String detector, Map<String, String> given) {
        this.detector = detector;
        this.given = given == null ? Map.of() : given;
        for (String name : this.given.keySet()) {
            if (name == null) {
                throw new IllegalArgumentException("detector '" + detector + "' got a parameter without a name");
            }
        }
    }

    double finiteDouble(String name, double defaultValue) {
        String text = raw(name, Double.toString(defaultValue));
        if (text == null) {
            return defaultValue;
        }
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw badValue(name, text, "a finite number");
    }

    int integer(String name, int defaultValue) {
        String text = raw(name, Integer.toString(defaultValue));
        if (text == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw badValue(name, text, "an integer");
        }
    }

    long longInteger(String name, long defaultValue) {
        String text = raw(name, Long.toString(defaultValue));
        if (text == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw badValue(name, text, "an integer");
        }
    }

    <E extends Enum<E>> E choice(String name, E defaultValue) {
        String text = raw(name, defaultValue.name().toLowerCase(Locale.ROOT));
        if (text == null) {
            return defaultValue;
        }
        List<String> names = new java.util.ArrayList<>();
        for (E constant : defaultValue.getDeclaringClass().getEnumConstants()) {
            String constantName = constant.name().toLowerCase(Locale.ROOT);
            if (constantName.equals(text.toLowerCase(Locale.ROOT))) {
                return constant;
            }
            names.add(constantName);
        }
        throw badValue(name, text, "one of " + String.join(", ", names));
    }

    /** The parameters read so far with their defaults, in the order they were read. */
    Map<String, String> defaults() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
    }

    /**
     * Builds the configuration, refusing names that no reader asked for and translating the
     * configuration's own range check into the parameters' names.
     */
    <T> T build(java.util.function.Supplier<T> config) {
        TreeSet<String> unknown = new TreeSet<>(given.keySet());
        unknown.removeAll(defaults.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("detector '" + detector + "' has no parameter "
                + String.join(", ", unknown.stream().map(n -> "'" + n + "'").toList())
                + "; its parameters are " + String.join(", ", defaults.keySet()));
        }
        try {
            return config.get();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            for (String name : defaults.keySet()) {
                message = message.replace(camelCase(name), name);
            }
            throw new IllegalArgumentException("detector '" + detector + "': " + message, e);
        }
    }

    private String raw(String name, String defaultText) {
        defaults.put(name, defaultText);
        String text = given.get(name);
        return text == null ? null : text.trim();
    }

    private IllegalArgumentException badValue(String name, String text, String expected) {
        return new IllegalArgumentException("parameter '" + name + "' of detector '" + detector
            + "' must be " + expected + ", got '" + text + "'");
    }

    private static String camelCase(String kebab) {
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }
}

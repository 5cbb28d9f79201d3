package io.millrace.learning;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Reads the kebab-case {@code name=value} parameters given for one learner (what
 * {@code millrace evaluate --learner NAME --param name=value} passes), each with its default, and refuses
 * unknown names, malformed values and parameters that do not apply, with a message that names the learner,
 * the parameter and the value.
 */
final class LearnerParams {

    private final String learner;
    private final Map<String, String> given;
    private final Map<String, String> defaults = new LinkedHashMap<>();

    LearnerParams(String learner, Map<String, String> given) {
        this.learner = learner;
        this.given = given == null ? Map.of() : given;
        for (String name : this.given.keySet()) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("learner '" + learner + "' got a parameter without a name");
            }
        }
    }

    double finiteDouble(String name, double defaultValue) {
        return finiteDouble(name, defaultValue, format(defaultValue));
    }

    /** A number whose default is described by {@code defaultText} (a default that depends on another parameter). */
    double finiteDouble(String name, double defaultValue, String defaultText) {
        String text = raw(name, defaultText);
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

    /** A comma-separated list of integers, such as {@code 32,16}; {@code none} or nothing for an empty list. */
    List<Integer> integers(String name, List<Integer> defaultValue) {
        String defaultText = defaultValue.isEmpty() ? "none"
            : String.join(",", defaultValue.stream().map(String::valueOf).toList());
        String text = raw(name, defaultText);
        if (text == null) {
            return defaultValue;
        }
        if (text.isEmpty() || text.equalsIgnoreCase("none")) {
            return List.of();
        }
        List<Integer> values = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            try {
                values.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw badValue(name, text, "integers separated by commas (or none)");
            }
        }
        return List.copyOf(values);
    }

    boolean bool(String name, boolean defaultValue) {
        String text = raw(name, Boolean.toString(defaultValue));
        if (text == null) {
            return defaultValue;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw badValue(name, text, "true or false");
        };
    }

    /** One of an enum's constants, written in kebab case ({@code NAIVE_BAYES_ADAPTIVE} is {@code naive-bayes-adaptive}). */
    <E extends Enum<E>> E choice(String name, E defaultValue) {
        String text = raw(name, kebab(defaultValue));
        if (text == null) {
            return defaultValue;
        }
        List<String> names = new ArrayList<>();
        for (E constant : defaultValue.getDeclaringClass().getEnumConstants()) {
            if (kebab(constant).equals(text.toLowerCase(Locale.ROOT))) {
                return constant;
            }
            names.add(kebab(constant));
        }
        throw badValue(name, text, "one of " + String.join(", ", names));
    }

    /** One of a fixed list of names. */
    String choice(String name, String defaultValue, List<String> allowed) {
        String text = raw(name, defaultValue);
        if (text == null) {
            return defaultValue;
        }
        String key = text.toLowerCase(Locale.ROOT);
        if (!allowed.contains(key)) {
            throw badValue(name, text, "one of " + String.join(", ", allowed));
        }
        return key;
    }

    /**
     * Refuses {@code name} when it was given although {@code setting} of {@code owner} is not
     * {@code required}: a parameter that would be silently ignored is an error.
     */
    void onlyWith(String name, String owner, String required, String setting) {
        if (given.containsKey(name) && !required.equals(setting)) {
            throw new IllegalArgumentException("parameter '" + name + "' of learner '" + learner + "' applies only with "
                + owner + "=" + required + ", not " + owner + "=" + setting);
        }
    }

    /** The parameters read so far with their defaults, in the order they were read. */
    Map<String, String> defaults() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
    }

    /**
     * Builds the configuration, refusing names that no reader asked for and translating the
     * configuration's own range checks (which name its camelCase fields) into the parameters' names.
     */
    <T> T build(Supplier<T> config) {
        TreeSet<String> unknown = new TreeSet<>(given.keySet());
        unknown.removeAll(defaults.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("learner '" + learner + "' has no parameter "
                + String.join(", ", unknown.stream().map(n -> "'" + n + "'").toList()) + "; "
                + (defaults.isEmpty() ? "it takes none" : "its parameters are " + String.join(", ", defaults.keySet())));
        }
        try {
            return config.get();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            for (String name : defaults.keySet()) {
                message = message.replace(camelCase(name), name);
            }
            // no cause: the message already says it all, in the parameters' names
            throw new IllegalArgumentException("learner '" + learner + "': " + message);
        }
    }

    private String raw(String name, String defaultText) {
        defaults.put(name, defaultText);
        String text = given.get(name);
        return text == null ? null : text.trim();
    }

    private IllegalArgumentException badValue(String name, String text, String expected) {
        return new IllegalArgumentException("parameter '" + name + "' of learner '" + learner
            + "' must be " + expected + ", got '" + text + "'");
    }

    /** A default as a user would type it: {@code 0.01}, {@code 1e-7}, {@code 200}. */
    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e7) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toString().toLowerCase(Locale.ROOT).replace("e+", "e");
    }

    static String kebab(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
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

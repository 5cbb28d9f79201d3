package io.millrace.learning;

import java.util.List;
import java.util.Objects;

/**
 * One column of a stream: numeric, or nominal with a fixed list of values. A nominal value travels
 * through learners as its index in {@link #values()}, stored as a double.
 */
public record Attribute(String name, Kind kind, List<String> values) {

    /** Whether a column holds numbers or categories. */
    public enum Kind { NUMERIC, NOMINAL }

    public Attribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        values = values == null ? List.of() : List.copyOf(values);
        if (kind == Kind.NOMINAL && values.isEmpty()) {
            throw new IllegalArgumentException("nominal attribute '" + name + "' needs at least one value");
        }
        if (kind == Kind.NUMERIC && !values.isEmpty()) {
            throw new IllegalArgumentException("numeric attribute '" + name + "' cannot list values");
        }
    }

    public static Attribute numeric(String name) {
        return new Attribute(name, Kind.NUMERIC, List.of());
    }

    public static Attribute nominal(String name, String... values) {
        return new Attribute(name, Kind.NOMINAL, List.of(values));
    }

    public static Attribute nominal(String name, List<String> values) {
        return new Attribute(name, Kind.NOMINAL, values);
    }

    public boolean isNominal() {
        return kind == Kind.NOMINAL;
    }

    /** Number of categories of a nominal attribute; 0 for a numeric one. */
    public int cardinality() {
        return values.size();
    }

    /** Index of a category, or -1 when the attribute has no such value. */
    public int indexOf(String value) {
        return values.indexOf(value);
    }
}

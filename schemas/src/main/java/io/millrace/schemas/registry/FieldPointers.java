package io.millrace.schemas.registry;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;

/**
 * Names the fields behind the JSON pointers ({@code /fields/2/type}) that some registries (Apicurio) put in
 * their incompatibility messages instead of field names, by walking the schema that was refused.
 */
final class FieldPointers {
    private static final Pattern POINTER = Pattern.compile("(/fields/\\d+)(/(fields|type|items|values|\\d+))*");

    private FieldPointers() {
    }

    /** "/fields/2 = event_time, ..." for each pointer in {@code message} that resolves in {@code schema}; empty if none. */
    static String describe(Schema schema, String message) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = POINTER.matcher(message);
        while (matcher.find()) {
            String pointer = matcher.group();
            String path = resolve(schema, pointer);
            if (path != null) {
                names.add(pointer + " = " + path);
            }
        }
        return String.join(", ", names);
    }

    /** The dotted field path {@code pointer} leads to, or null when it does not resolve. */
    static String resolve(Schema schema, String pointer) {
        String[] steps = pointer.substring(1).split("/");
        List<String> path = new ArrayList<>();
        Schema current = schema;
        for (int i = 0; i < steps.length; i++) {
            switch (steps[i]) {
                case "fields" -> {
                    Schema record = record(current);
                    if (record == null || i + 1 >= steps.length) {
                        return path.isEmpty() ? null : String.join(".", path);
                    }
                    int index = Integer.parseInt(steps[++i]);
                    if (index >= record.getFields().size()) {
                        return path.isEmpty() ? null : String.join(".", path);
                    }
                    Schema.Field field = record.getFields().get(index);
                    path.add(field.name());
                    current = field.schema();
                }
                case "items" -> current = current.getType() == Schema.Type.ARRAY ? current.getElementType() : current;
                case "values" -> current = current.getType() == Schema.Type.MAP ? current.getValueType() : current;
                default -> {
                    // "type" and union branch numbers keep the current schema
                }
            }
        }
        return path.isEmpty() ? null : String.join(".", path);
    }

    private static Schema record(Schema schema) {
        if (schema.getType() == Schema.Type.RECORD) {
            return schema;
        }
        if (schema.getType() == Schema.Type.UNION) {
            return schema.getTypes().stream().filter(t -> t.getType() == Schema.Type.RECORD).findFirst().orElse(null);
        }
        return null;
    }
}

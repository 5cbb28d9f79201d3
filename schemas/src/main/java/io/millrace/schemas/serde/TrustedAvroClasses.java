package io.millrace.schemas.serde;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Since 1.11.4 Avro refuses to load a class by the name a schema gives unless the class is trusted
 * (system properties {@code org.apache.avro.SERIALIZABLE_PACKAGES}/{@code _CLASSES}, or the
 * {@link ClassSecurityValidator} API): a writer schema from a registry must not make the reader
 * instantiate an arbitrary class. Reading nested generated records loads their classes by name, so a
 * specific deserializer trusts exactly the generated classes of its own reader schema: the types the
 * caller asked for, nothing a writer schema names. Added to, never replacing, Avro's global predicate.
 */
final class TrustedAvroClasses {
    private static final Set<String> TRUSTED = ConcurrentHashMap.newKeySet();
    private static boolean installed;

    private TrustedAvroClasses() {
    }

    /** Trusts the classes generated for the named types (records, enums, fixed) that {@code readerSchema} contains. */
    static void trustTypesOf(Schema readerSchema) {
        collect(readerSchema, TRUSTED, new java.util.HashSet<>());
        install();
    }

    private static synchronized void install() {
        if (!installed) {
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
                    ClassSecurityValidator.getGlobal(), type -> TRUSTED.contains(type.getName())));
            installed = true;
        }
    }

    private static void collect(Schema schema, Set<String> names, Set<String> visited) {
        switch (schema.getType()) {
            case RECORD -> {
                if (visited.add(schema.getFullName())) {
                    names.add(SpecificData.getClassName(schema));
                    schema.getFields().forEach(f -> collect(f.schema(), names, visited));
                }
            }
            case ENUM, FIXED -> names.add(SpecificData.getClassName(schema));
            case ARRAY -> collect(schema.getElementType(), names, visited);
            case MAP -> collect(schema.getValueType(), names, visited);
            case UNION -> schema.getTypes().forEach(t -> collect(t, names, visited));
            default -> {
            }
        }
    }
}

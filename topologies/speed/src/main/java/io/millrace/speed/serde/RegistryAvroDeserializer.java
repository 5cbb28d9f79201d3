package io.millrace.speed.serde;

import io.millrace.schemas.registry.SchemaRegistry;
import io.millrace.schemas.serde.AvroWireDeserializer;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka {@link Deserializer} reading Confluent wire-format Avro through the schema registry
 * ({@link AvroWireDeserializer}): into a generated class when {@code specific.avro.value.type} (or
 * {@code .key.type}) names one, or when constructed with one; into {@link GenericRecord}s otherwise.
 *
 * <p>Failures are {@link io.millrace.schemas.serde.WireFormatException}s. The consumer wraps them in a
 * {@code RecordDeserializationException} that knows the partition and offset, and Kafka Streams hands
 * them to its deserialization exception handler with the record; {@link WireFormatFailures} attaches the
 * position to the typed exception. Null bytes are a tombstone and give null.
 */
public class RegistryAvroDeserializer<T> implements Deserializer<T> {
    private final SchemaRegistry injected;
    private final Class<?> fixedType;
    private AvroWireDeserializer<T> delegate;

    /** For Kafka to instantiate by class name; {@link #configure} must be called before use. */
    public RegistryAvroDeserializer() {
        this(null, null);
    }

    private RegistryAvroDeserializer(SchemaRegistry registry, Class<?> type) {
        this.injected = registry;
        this.fixedType = type;
    }

    /** Reads into {@code type}; the registry comes from {@link #configure}. */
    public static <T extends SpecificRecord> RegistryAvroDeserializer<T> specific(Class<T> type) {
        return new RegistryAvroDeserializer<>(null, type);
    }

    /** Ready to use: reads into {@code type} with this registry. */
    public static <T extends SpecificRecord> RegistryAvroDeserializer<T> specific(SchemaRegistry registry, Class<T> type, boolean isKey) {
        RegistryAvroDeserializer<T> deserializer = new RegistryAvroDeserializer<>(registry, type);
        deserializer.delegate = AvroWireDeserializer.specific(registry, type, isKey);
        return deserializer;
    }

    /** Ready to use: reads generic records with this registry. */
    public static RegistryAvroDeserializer<GenericRecord> generic(SchemaRegistry registry, boolean isKey) {
        RegistryAvroDeserializer<GenericRecord> deserializer = new RegistryAvroDeserializer<>(registry, null);
        deserializer.delegate = AvroWireDeserializer.generic(registry, isKey);
        return deserializer;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void configure(Map<String, ?> configs, boolean isKey) {
        SchemaRegistry registry = injected != null ? injected : RegistrySerdeConfig.registry(configs);
        Class<?> type = fixedType != null ? fixedType : RegistrySerdeConfig.recordType(configs, isKey);
        delegate = type == null
                ? (AvroWireDeserializer<T>) AvroWireDeserializer.generic(registry, isKey)
                : (AvroWireDeserializer<T>) AvroWireDeserializer.specific(registry, (Class) type, isKey);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (delegate == null) {
            throw new IllegalStateException("RegistryAvroDeserializer used before configure()");
        }
        return delegate.deserialize(topic, data);
    }
}

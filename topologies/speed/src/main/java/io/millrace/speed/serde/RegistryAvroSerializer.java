package io.millrace.speed.serde;

import io.millrace.schemas.registry.SchemaRegistry;
import io.millrace.schemas.serde.AvroSerdeConfig;
import io.millrace.schemas.serde.AvroWireSerializer;
import java.util.Map;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka {@link Serializer} writing Avro records in the Confluent wire format through the schema registry
 * ({@link AvroWireSerializer}). Give the class name to a producer ({@code value.serializer}) with
 * {@code schema.registry.url} in its configuration (see {@link RegistrySerdeConfig} for the other keys),
 * or construct it ready to use with a registry for Kafka Streams' {@code Produced.with}.
 *
 * <p>Failures are {@link io.millrace.schemas.serde.WireFormatException}s, thrown as they are. A null
 * record is a tombstone and gives null bytes.
 */
public class RegistryAvroSerializer<T extends GenericContainer> implements Serializer<T> {
    private final SchemaRegistry injected;
    private AvroWireSerializer<T> delegate;

    /** For Kafka to instantiate by class name; {@link #configure} must be called before use. */
    public RegistryAvroSerializer() {
        this.injected = null;
    }

    /** Ready to use, with this registry and these settings; a later {@link #configure} keeps the registry. */
    public RegistryAvroSerializer(SchemaRegistry registry, AvroSerdeConfig config) {
        this.injected = registry;
        this.delegate = new AvroWireSerializer<>(registry, config);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        SchemaRegistry registry = injected != null ? injected : RegistrySerdeConfig.registry(configs);
        delegate = new AvroWireSerializer<>(registry, RegistrySerdeConfig.serdeConfig(configs, isKey));
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (delegate == null) {
            throw new IllegalStateException("RegistryAvroSerializer used before configure()");
        }
        return delegate.serialize(topic, data);
    }
}

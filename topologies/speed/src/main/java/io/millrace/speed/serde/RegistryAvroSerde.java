package io.millrace.speed.serde;

import io.millrace.schemas.registry.SchemaRegistry;
import io.millrace.schemas.serde.AvroSerdeConfig;
import java.util.Map;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka {@link Serde} over {@link RegistryAvroSerializer} and {@link RegistryAvroDeserializer}, for Kafka
 * Streams. Built ready to use ({@link #specific(SchemaRegistry, Class, boolean)}), which is what topology
 * builders pass to {@code Consumed.with} and {@code Produced.with} since Streams does not configure serdes
 * given to it that way; or by class name as {@code default.value.serde}, configured from the Streams
 * configuration (see {@link RegistrySerdeConfig}).
 */
public class RegistryAvroSerde<T extends GenericContainer> implements Serde<T> {
    private final RegistryAvroSerializer<T> serializer;
    private final RegistryAvroDeserializer<T> deserializer;

    /** For Kafka Streams to instantiate by class name: generic records unless a specific type is configured. */
    public RegistryAvroSerde() {
        this(new RegistryAvroSerializer<>(), new RegistryAvroDeserializer<>());
    }

    private RegistryAvroSerde(RegistryAvroSerializer<T> serializer, RegistryAvroDeserializer<T> deserializer) {
        this.serializer = serializer;
        this.deserializer = deserializer;
    }

    /** Generated class {@code type}; registry and settings come from {@link #configure}. */
    public static <T extends SpecificRecord> RegistryAvroSerde<T> specific(Class<T> type) {
        return new RegistryAvroSerde<>(new RegistryAvroSerializer<>(), RegistryAvroDeserializer.specific(type));
    }

    /** Ready to use: generated class {@code type} through {@code registry}, auto-registering under TopicNameStrategy. */
    public static <T extends SpecificRecord> RegistryAvroSerde<T> specific(SchemaRegistry registry, Class<T> type, boolean isKey) {
        AvroSerdeConfig config = isKey ? AvroSerdeConfig.forKeys() : AvroSerdeConfig.forValues();
        return new RegistryAvroSerde<>(new RegistryAvroSerializer<>(registry, config),
                RegistryAvroDeserializer.specific(registry, type, isKey));
    }

    /** Ready to use: generic records through {@code registry}. */
    public static RegistryAvroSerde<GenericRecord> generic(SchemaRegistry registry, boolean isKey) {
        AvroSerdeConfig config = isKey ? AvroSerdeConfig.forKeys() : AvroSerdeConfig.forValues();
        return new RegistryAvroSerde<>(new RegistryAvroSerializer<>(registry, config),
                RegistryAvroDeserializer.generic(registry, isKey));
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}

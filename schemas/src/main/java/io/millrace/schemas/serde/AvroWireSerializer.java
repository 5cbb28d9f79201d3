package io.millrace.schemas.serde;

import io.millrace.schemas.registry.SchemaRegistry;
import io.millrace.schemas.registry.SchemaRegistryException;
import io.millrace.schemas.registry.SchemaRegistryUnavailableException;
import io.millrace.schemas.serde.WireFormatException.Operation;
import io.millrace.schemas.serde.WireFormatException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes Avro records (the generated {@link SpecificRecord} classes or {@code GenericRecord}s) in the
 * Confluent wire format: magic byte, the id of the record's schema in the registry, Avro binary body.
 *
 * <p>On the first record of each schema for a topic, the schema is registered under the subject the
 * {@link SubjectNameStrategy} names ({@code <topic>-value} by default), or only looked up when
 * auto-registration is off; the id is then cached, so later records cost no registry request.
 * Thread-safe: one instance may serve every producer thread.
 */
public final class AvroWireSerializer<T extends GenericContainer> {
    private static final int INITIAL_BUFFER = 128;
    /**
     * Buffered encoders with a small buffer: they write the body to the stream in a few bulk writes, where the direct
     * encoder wrote a varint a byte at a time, each write a lock of {@code ByteArrayOutputStream}.
     */
    private static final EncoderFactory ENCODERS = new EncoderFactory().configureBufferSize(256);

    private final SchemaRegistry registry;
    private final AvroSerdeConfig config;
    private final Map<TopicSchema, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<Object>> specificWriters = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<Object>> genericWriters = new ConcurrentHashMap<>();

    public AvroWireSerializer(SchemaRegistry registry, AvroSerdeConfig config) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** A value serializer with auto-registration under {@code <topic>-value}. */
    public static <T extends GenericContainer> AvroWireSerializer<T> forValues(SchemaRegistry registry) {
        return new AvroWireSerializer<>(registry, AvroSerdeConfig.forValues());
    }

    public AvroSerdeConfig config() {
        return config;
    }

    /**
     * The wire-format bytes of {@code record} for {@code topic}. A null record is a tombstone (a delete on
     * a compacted topic) and gives null bytes; nothing else gives null.
     *
     * @throws WireFormatException when the registry refuses or cannot be reached, or the record does not fit its schema
     */
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        Schema schema = record.getSchema();
        int id = schemaId(topic, schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream(INITIAL_BUFFER);
        out.write(WireFormat.header(id), 0, WireFormat.HEADER_SIZE);
        try {
            BinaryEncoder encoder = ENCODERS.binaryEncoder(out, null);
            writer(record, schema).write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw failure(Reason.INVALID_RECORD, topic, id,
                    "record does not fit its schema " + schema.getFullName() + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** The id that {@code schema} has, or gets, under the subject of {@code topic}. */
    public int schemaId(String topic, Schema schema) {
        TopicSchema key = new TopicSchema(topic, schema);
        Integer cached = ids.get(key);
        if (cached != null) {
            return cached;
        }
        int id = resolve(topic, schema);
        ids.put(key, id);
        return id;
    }

    private int resolve(String topic, Schema schema) {
        String subject = config.subjectNameStrategy().subject(topic, config.key(), schema);
        try {
            return config.autoRegister() ? registry.register(subject, schema) : registry.lookup(subject, schema).id();
        } catch (SchemaRegistryUnavailableException e) {
            throw failure(Reason.REGISTRY_UNAVAILABLE, topic, -1, e.getMessage(), e);
        } catch (SchemaRegistryException e) {
            if (e.isIncompatible()) {
                throw failure(Reason.INCOMPATIBLE_SCHEMA, topic, -1, "the registry refused schema "
                        + schema.getFullName() + " under subject '" + subject + "': " + e.registryMessage(), e);
            }
            if (!config.autoRegister() && e.isNotFound()) {
                throw failure(Reason.SCHEMA_NOT_REGISTERED, topic, -1, "schema " + schema.getFullName()
                        + " is not registered under subject '" + subject + "' and auto-registration is off: "
                        + e.registryMessage(), e);
            }
            throw failure(Reason.REGISTRY_ERROR, topic, -1, e.getMessage(), e);
        }
    }

    /**
     * Generated classes need their own model, which carries the logical-type conversions; taking it from the class
     * (not from the schema's name) also keeps clear of Avro's check on classes loaded by name.
     */
    private DatumWriter<Object> writer(T record, Schema schema) {
        return record instanceof SpecificRecord
                ? specificWriters.computeIfAbsent(schema, s -> new SpecificDatumWriter<>(s, SpecificData.getForClass(record.getClass())))
                : genericWriters.computeIfAbsent(schema, GenericDatumWriter::new);
    }

    private WireFormatException failure(Reason reason, String topic, int id, String detail, Throwable cause) {
        return new WireFormatException(reason, Operation.SERIALIZE, topic, config.key(), id, detail, cause);
    }

    private record TopicSchema(String topic, Schema schema) {
    }
}

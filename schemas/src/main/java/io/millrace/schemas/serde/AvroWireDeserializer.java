package io.millrace.schemas.serde;

import io.millrace.schemas.registry.SchemaRegistry;
import io.millrace.schemas.registry.SchemaRegistryException;
import io.millrace.schemas.registry.SchemaRegistryUnavailableException;
import io.millrace.schemas.serde.WireFormatException.Operation;
import io.millrace.schemas.serde.WireFormatException.Reason;
import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads Confluent wire-format bytes back into Avro records. The writer schema comes from the registry by
 * the id in the header (cached after the first record) and is resolved against the reader schema by
 * Avro's schema-resolution rules, so data written with an older or newer compatible schema reads with
 * this one: fields the reader added take their defaults, fields it dropped are skipped.
 *
 * <p>{@link #specific} reads into a generated class (its schema is the reader schema); {@link #generic}
 * reads into {@link GenericRecord}s with the writer schema, or with a given reader schema.
 *
 * <p>Every failure is a {@link WireFormatException} with a {@link WireFormatException.Reason}: bytes not
 * in the wire format, an unknown schema id, a truncated or corrupt body (bytes left over after the record
 * count as corrupt), a writer schema the reader schema cannot resolve, an unavailable registry. Null bytes
 * are a tombstone and give null; nothing else does. Thread-safe.
 */
public final class AvroWireDeserializer<T> {
    private final SchemaRegistry registry;
    private final boolean key;
    private final Schema readerSchema;
    private final SpecificData specificModel;
    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();
    private final Map<Integer, String> unreadable = new ConcurrentHashMap<>();

    private AvroWireDeserializer(SchemaRegistry registry, boolean key, Schema readerSchema, SpecificData specificModel) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.key = key;
        this.readerSchema = readerSchema;
        this.specificModel = specificModel;
    }

    /** Reads into the generated class {@code type}, whose schema is the reader schema. */
    public static <T extends SpecificRecord> AvroWireDeserializer<T> specific(SchemaRegistry registry, Class<T> type, boolean key) {
        SpecificData model = SpecificData.getForClass(type);
        Schema readerSchema = model.getSchema(type);
        TrustedAvroClasses.trustTypesOf(readerSchema);
        return new AvroWireDeserializer<>(registry, key, readerSchema, model);
    }

    /** Reads into generic records with each record's own writer schema. */
    public static AvroWireDeserializer<GenericRecord> generic(SchemaRegistry registry, boolean key) {
        return new AvroWireDeserializer<>(registry, key, null, null);
    }

    /** Reads into generic records shaped by {@code readerSchema}, whatever compatible schema wrote them. */
    public static AvroWireDeserializer<GenericRecord> generic(SchemaRegistry registry, Schema readerSchema, boolean key) {
        return new AvroWireDeserializer<>(registry, key, Objects.requireNonNull(readerSchema, "readerSchema"), null);
    }

    /** The reader schema, or null when each record is read with its writer schema. */
    public Schema readerSchema() {
        return readerSchema;
    }

    /**
     * The record in {@code bytes}, read from {@code topic}. Null bytes are a tombstone and give null.
     *
     * @throws WireFormatException for anything that is not a well-formed record of a known, readable schema
     */
    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        int id = WireFormat.schemaId(bytes, topic, key);
        DatumReader<T> reader = reader(topic, id);
        BinaryDecoder decoder = DecoderFactory.get()
                .binaryDecoder(bytes, WireFormat.HEADER_SIZE, bytes.length - WireFormat.HEADER_SIZE, null);
        T record;
        try {
            record = reader.read(null, decoder);
        } catch (EOFException e) {
            throw failure(Reason.TRUNCATED_BODY, topic, id, "the Avro body ends before the record does ("
                    + (bytes.length - WireFormat.HEADER_SIZE) + " body bytes): " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw failure(Reason.CORRUPT_BODY, topic, id, "the Avro body is not a valid record of its writer schema: "
                    + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        int left = remaining(decoder);
        if (left != 0) {
            throw failure(Reason.CORRUPT_BODY, topic, id, left + " byte(s) left after the record: the body is not "
                    + "a single record of its writer schema", null);
        }
        return record;
    }

    private DatumReader<T> reader(String topic, int id) {
        DatumReader<T> cached = readers.get(id);
        if (cached != null) {
            return cached;
        }
        String known = unreadable.get(id);
        if (known != null) {
            throw failure(Reason.INCOMPATIBLE_SCHEMA, topic, id, known, null);
        }
        Schema writer = writerSchema(topic, id);
        String problem = incompatibility(writer);
        if (problem != null) {
            unreadable.put(id, problem);
            throw failure(Reason.INCOMPATIBLE_SCHEMA, topic, id, problem, null);
        }
        DatumReader<T> reader = newReader(writer);
        readers.put(id, reader);
        return reader;
    }

    private Schema writerSchema(String topic, int id) {
        try {
            return registry.schemaById(id);
        } catch (SchemaRegistryUnavailableException e) {
            throw failure(Reason.REGISTRY_UNAVAILABLE, topic, id, e.getMessage(), e);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                throw failure(Reason.UNKNOWN_SCHEMA_ID, topic, id, "the registry has no schema with id " + id
                        + ": " + e.registryMessage(), e);
            }
            if (e.status() >= 200 && e.status() < 300) {
                throw failure(Reason.INCOMPATIBLE_SCHEMA, topic, id, "schema " + id + " is not usable: "
                        + e.registryMessage(), e);
            }
            throw failure(Reason.REGISTRY_ERROR, topic, id, e.getMessage(), e);
        }
    }

    /** Why {@code writer} cannot be read with the reader schema, or null when it can. */
    private String incompatibility(Schema writer) {
        if (readerSchema == null) {
            return writer.getType() == Schema.Type.RECORD ? null
                    : "writer schema is a " + writer.getType() + ", not a record: " + writer;
        }
        SchemaPairCompatibility check = SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writer);
        if (check.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return null;
        }
        StringBuilder why = new StringBuilder("writer schema ").append(writer.getFullName())
                .append(" cannot be read as ").append(readerSchema.getFullName()).append(':');
        check.getResult().getIncompatibilities().forEach(i -> why.append(' ').append(i.getType())
                .append(" at ").append(i.getLocation()).append(" (").append(i.getMessage()).append(')'));
        return why.toString();
    }

    @SuppressWarnings("unchecked")
    private DatumReader<T> newReader(Schema writer) {
        if (specificModel != null) {
            return new SpecificDatumReader<>(writer, readerSchema, specificModel);
        }
        Schema reader = readerSchema == null ? writer : readerSchema;
        return (DatumReader<T>) new GenericDatumReader<GenericRecord>(writer, reader, GenericData.get());
    }

    private static int remaining(BinaryDecoder decoder) {
        try {
            return decoder.isEnd() ? 0 : Math.max(1, decoder.inputStream().available());
        } catch (IOException e) {
            return 1;
        }
    }

    private WireFormatException failure(Reason reason, String topic, int id, String detail, Throwable cause) {
        return new WireFormatException(reason, Operation.DESERIALIZE, topic, key, id, detail, cause);
    }
}

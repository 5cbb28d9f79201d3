package io.millrace.speed.model;

import io.millrace.learning.StateFormatException;
import io.millrace.schemas.ModelVersion;
import io.millrace.schemas.registry.SchemaRegistry;
import io.millrace.schemas.serde.AvroWireDeserializer;
import io.millrace.schemas.serde.WireFormatException;
import io.millrace.speed.StoreNames;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the registry store ({@link StoreNames#MODEL_VERSIONS}, a global store: every instance holds all of it)
 * from the {@code models} topic: each version's record bytes under {@code <name>/<version>}, and each model's
 * {@link RoutingTable} under {@code <name>}. Kafka Streams runs this processor on restore too, so the routing
 * tables are rebuilt from the topic.
 *
 * <p>A version enters the routing table only once its state decodes as a {@link ModelBundle}: a damaged
 * version never serves. A record that is not a readable model version is logged and counted
 * ({@link ModelCounter#MODEL_RECORD_UNREADABLE}) and changes nothing; a global processor has nowhere else to send
 * it. A tombstone under a version key removes that version. A registry outage fails the global thread. Each write
 * advances the {@link RegistryGeneration}, which tells the scoring and training views to read the routing again.
 */
final class RecordModelVersions implements Processor<String, byte[], Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(RecordModelVersions.class);

    private final AvroWireDeserializer<ModelVersion> reader;
    private final RegistryGeneration generation;
    private KeyValueStore<String, byte[]> store;
    private ModelMetrics metrics;

    RecordModelVersions(SchemaRegistry registry, RegistryGeneration generation) {
        this.reader = AvroWireDeserializer.specific(registry, ModelVersion.class, false);
        this.generation = generation;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.store = context.getStateStore(StoreNames.MODEL_VERSIONS);
        this.metrics = ModelMetrics.register(context.metrics());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null) {
            remove(record.key());
            return;
        }
        ModelVersion version = read(record);
        if (version == null) {
            return;
        }
        String model = version.getModelName();
        if (!model.matches("[a-zA-Z0-9._-]+")) {
            unreadable(record.key(), "model name '" + model + "' holds characters a model name may not");
            return;
        }
        store.put(ModelKeys.version(model, version.getVersion()), record.value());
        RoutingTable table = routing(model).with(new RoutingTable.Entry(version.getVersion(), version.getStage(),
                version.getCanaryShare(), version.getCreatedAt().toEpochMilli()));
        store.put(model, table.toBytes());
        generation.advance();
    }

    private ModelVersion read(Record<String, byte[]> record) {
        try {
            ModelVersion version = reader.deserialize("models", record.value());
            ModelBundle.fromBytes(ModelBundle.bytesOf(version.getState()));
            return version;
        } catch (WireFormatException e) {
            if (e.isRetryable() || e.reason() == WireFormatException.Reason.REGISTRY_ERROR) {
                throw e;
            }
            unreadable(record.key(), e.getMessage());
        } catch (StateFormatException e) {
            unreadable(record.key(), "its state is not a model bundle: " + e.getMessage());
        }
        return null;
    }

    private void remove(String key) {
        String model = ModelKeys.modelOf(key);
        int version = ModelKeys.versionOf(key);
        if (model == null || version < 0) {
            unreadable(key, "a tombstone must be keyed <model>/<version>");
            return;
        }
        store.delete(key);
        store.put(model, routing(model).without(version).toBytes());
        generation.advance();
    }

    private RoutingTable routing(String model) {
        byte[] bytes = store.get(model);
        return bytes == null ? RoutingTable.empty() : RoutingTable.fromBytes(bytes);
    }

    private void unreadable(String key, String why) {
        LOG.warn("models record with key '{}' ignored: {}", key, why);
        metrics.count(ModelCounter.MODEL_RECORD_UNREADABLE);
    }
}

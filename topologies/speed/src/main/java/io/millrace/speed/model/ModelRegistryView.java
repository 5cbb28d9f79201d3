package io.millrace.speed.model;

import io.millrace.learning.StateFormatException;
import io.millrace.schemas.ModelVersion;
import io.millrace.schemas.registry.SchemaRegistry;
import io.millrace.schemas.serde.AvroWireDeserializer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Answers, for a model name, which versions serve (production, canary with its share, shadows) and hands out
 * their decoded {@link ModelBundle}s, from the registry store the {@code models} topic fills. One per processor
 * (not thread-safe); it reads the global store, so a version published on {@code models} serves the next event on
 * every instance once the global thread has read it.
 *
 * <p>Routing is decoded once per model and kept until the {@link RegistryGeneration} shows a write to the store,
 * so the common lookup reads no store at all. Bundles are cached by (name, version), up to
 * {@value #CACHED_BUNDLES}, with the version each model last served at hand, so switching versions costs one
 * decode; a version's state is taken as fixed once published (a stage change republishes the same state).
 */
public final class ModelRegistryView {
    static final int CACHED_BUNDLES = 32;

    private final ReadOnlyKeyValueStore<String, byte[]> store;
    private final AvroWireDeserializer<ModelVersion> reader;
    private final RegistryGeneration generation;
    private final Map<String, Routes> routes = new HashMap<>();
    private final Map<String, Served> lastServed = new HashMap<>();
    private final Map<String, ModelBundle> bundles = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ModelBundle> eldest) {
            return size() > CACHED_BUNDLES;
        }
    };
    private long seen = -1;

    /** The bundle a model served last, so the next event of the same version skips the key and the LRU. */
    private record Served(int version, ModelBundle bundle) {
    }

    ModelRegistryView(ReadOnlyKeyValueStore<String, byte[]> store, SchemaRegistry registry, RegistryGeneration generation) {
        this.store = store;
        this.reader = AvroWireDeserializer.specific(registry, ModelVersion.class, false);
        this.generation = generation;
    }

    /** The versions of {@code model} and their stages; empty when the registry has none. */
    public RoutingTable routing(String model) {
        return routes(model).table();
    }

    /** The production, canary and shadow versions of {@code model}; none when the registry has none. */
    Routes routes(String model) {
        long now = generation.current();
        if (now != seen) {
            routes.clear();
            seen = now;
        }
        Routes known = routes.get(model);
        if (known == null) {
            byte[] bytes = store.get(model);
            known = bytes == null ? Routes.NONE : Routes.of(RoutingTable.fromBytes(bytes));
            routes.put(model, known);
        }
        return known;
    }

    /** The record of one version, as published. */
    public Optional<ModelVersion> version(String model, int version) {
        byte[] bytes = store.get(ModelKeys.version(model, version));
        return bytes == null ? Optional.empty() : Optional.of(reader.deserialize("models", bytes));
    }

    /**
     * The decoded bundle of one version, from the cache or decoded once.
     *
     * @throws IllegalStateException when the registry does not hold that version
     */
    public ModelBundle bundle(String model, int version) {
        Served last = lastServed.get(model);
        if (last != null && last.version() == version) {
            return last.bundle();
        }
        String key = ModelKeys.version(model, version);
        ModelBundle bundle = bundles.get(key);
        if (bundle == null) {
            ModelVersion record = version(model, version).orElseThrow(() ->
                    new IllegalStateException("the registry holds no version " + key));
            try {
                bundle = ModelBundle.fromBytes(ModelBundle.bytesOf(record.getState()));
            } catch (StateFormatException e) {
                throw new IllegalStateException("version " + key + " has damaged state", e);
            }
            bundles.put(key, bundle);
        }
        lastServed.put(model, new Served(version, bundle));
        return bundle;
    }
}

package io.millrace.speed.model;

import io.millrace.speed.serde.SourceOffset;
import io.millrace.learning.Attribute;
import io.millrace.learning.InvalidInputException;
import io.millrace.learning.Votes;
import io.millrace.learning.features.RollingFeature;
import io.millrace.schemas.DeadLetter;
import io.millrace.schemas.Event;
import io.millrace.schemas.Prediction;
import io.millrace.schemas.Route;
import io.millrace.schemas.registry.SchemaRegistry;
import io.millrace.schemas.serde.WireFormat;
import io.millrace.speed.StoreNames;
import io.millrace.speed.config.ModelDefinition;
import io.millrace.speed.config.ModelSettings;
import io.millrace.speed.serde.ValidEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Scores every valid event with each configured model, on the route the registry gives it:
 * <ol>
 *   <li>the production version answers, unless the event's entity falls in the canary share
 *       ({@link CanarySplit}), in which case the canary version answers instead (route CANARY);</li>
 *   <li>every shadow version answers too, route SHADOW: written to {@code predictions} only, never kept as the
 *       answer and never evaluated against the label;</li>
 *   <li>the answer (version, route, probabilities) is kept with the features: on {@code training-examples} at
 *       once when the event carries its label, else on {@code scored-events} to wait for it.</li>
 * </ol>
 * A model with no production version yet cannot answer: the event is counted
 * ({@link ModelCounter#EVENT_UNSCORED_NO_VERSION}) and the model's trainer is asked, at most every
 * {@value #VERSION_REQUEST_BACKOFF_MS} ms per task, to publish its first version. Features a model's spec
 * refuses dead-letter the event for that model (reason {@code INVALID_FEATURES}); the other models still score it.
 */
final class ScoreEvents implements Processor<byte[], ValidEvent, Object, Object> {
    static final long VERSION_REQUEST_BACKOFF_MS = 10_000;

    private final ModelSettings settings;
    private final SchemaRegistry registry;
    private final RollingFeatureSource rollingSource;
    private final RegistryGeneration generation;
    private final List<RollingFeature> rollingFeatures;
    private final Map<String, Long> lastVersionRequest = new HashMap<>();
    private ProcessorContext<Object, Object> context;
    private ModelRegistryView view;
    private RollingFeatureSource.Lookup rolling;
    private ModelMetrics metrics;

    ScoreEvents(ModelSettings settings, SchemaRegistry registry, RollingFeatureSource rollingSource,
                RegistryGeneration generation) {
        this.settings = settings;
        this.registry = registry;
        this.rollingSource = rollingSource;
        this.generation = generation;
        this.rollingFeatures = rollingFeatures(settings);
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        ReadOnlyKeyValueStore<String, byte[]> versions = context.getStateStore(StoreNames.MODEL_VERSIONS);
        this.view = new ModelRegistryView(versions, registry, generation);
        this.rolling = rollingSource.open(context, rollingFeatures);
        this.metrics = ModelMetrics.register(context.metrics());
    }

    @Override
    public void process(Record<byte[], ValidEvent> record) {
        SourceOffset source = source(record.value());
        Event event = record.value().event();
        if (event == null) {
            throw new IllegalStateException("scoring runs after the rolling statistics, which dead-letter unreadable records");
        }
        Map<String, Object> raw = rawFeatures(event);
        Map<String, Double> rollingValues = rolling.featuresFor(event.getEntity(), event.getEventTime().toEpochMilli());
        List<ServedPrediction> served = new ArrayList<>(settings.models().size());
        List<String> learnable = new ArrayList<>(settings.models().size());
        for (ModelDefinition model : settings.models()) {
            try {
                scoreWith(model.name(), event, raw, rollingValues, record).ifPresent(served::add);
                learnable.add(model.name());
            } catch (InvalidInputException e) {
                rejectForModel(model.name(), e, record, source);
            }
        }
        if (!served.isEmpty()) {
            metrics.count(ModelCounter.EVENT_SCORED);
        }
        int schemaId = WireFormat.schemaId(record.value().bytes(), source.topic(), false);
        Object label = labelOf(event.getLabel());
        if (learnable.isEmpty()) {
            return;
        }
        byte[] scored = InternalCodec.scoredEvent(new ScoredEvent(event.getId(), event.getEntity(),
                event.getEventTime().toEpochMilli(), raw, rollingValues, source, schemaId, served));
        if (label != null) {
            for (String model : learnable) {
                context.forward(record.withKey(model).withValue(InternalCodec.example(model, scored, label, null, -1)),
                        ModelTopology.WRITE_EXAMPLES_FROM_SCORING);
            }
        } else {
            context.forward(record.withKey(event.getId()).withValue(scored), ModelTopology.WRITE_SCORED_EVENTS);
        }
    }

    /** The answer on the production or canary route (null when the model has no version), after the shadows'. */
    private Optional<ServedPrediction> scoreWith(String model, Event event, Map<String, Object> raw,
                                                 Map<String, Double> rollingValues, Record<byte[], ValidEvent> record) {
        Routes routes = view.routes(model);
        Optional<RoutingTable.Entry> production = routes.production();
        if (production.isEmpty()) {
            metrics.count(ModelCounter.EVENT_UNSCORED_NO_VERSION);
            requestVersion(model, record);
            return Optional.empty();
        }
        RoutingTable.Entry chosen = production.get();
        Route route = Route.PRODUCTION;
        Optional<RoutingTable.Entry> canary = routes.canary();
        if (canary.isPresent()) {
            double share = canary.get().canaryShare() > 0 ? canary.get().canaryShare() : settings.defaultCanaryShare();
            if (CanarySplit.inCanary(model, event.getEntity(), share)) {
                chosen = canary.get();
                route = Route.CANARY;
            }
        }
        ServedPrediction answer = predict(model, chosen.version(), route, event, raw, rollingValues, record);
        for (RoutingTable.Entry shadow : routes.shadows()) {
            predict(model, shadow.version(), Route.SHADOW, event, raw, rollingValues, record);
        }
        return Optional.of(answer);
    }

    private ServedPrediction predict(String model, int version, Route route, Event event, Map<String, Object> raw,
                                     Map<String, Double> rollingValues, Record<byte[], ValidEvent> record) {
        ModelBundle bundle = view.bundle(model, version);
        long started = System.nanoTime();
        double[] row = bundle.encode(raw, rollingValues);
        double[] prediction = bundle.learner().predict(row);
        long latencyMicros = (System.nanoTime() - started) / 1000;
        Prediction out = prediction(model, version, route, event, bundle.encoder().header().target(), prediction,
                FeaturesHash.of(row), latencyMicros);
        context.forward(record.withKey(event.getId()).withValue(out), ModelTopology.WRITE_PREDICTIONS);
        metrics.count(ModelCounter.PREDICTION);
        return new ServedPrediction(model, version, route, prediction);
    }

    private Prediction prediction(String model, int version, Route route, Event event, Attribute target,
                                  double[] prediction, String featuresHash, long latencyMicros) {
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        if (!target.isNominal()) {
            return new Prediction(event.getId(), event.getEntity(), model, version, route, prediction[0], null, Map.of(),
                    featuresHash, latencyMicros, now);
        }
        int best = Votes.argMax(prediction);
        List<String> classes = target.values();
        Map<String, Double> probabilities = new LinkedHashMap<>(2 * prediction.length);
        for (int c = 0; c < prediction.length; c++) {
            probabilities.put(classes.get(c), prediction[c]);
        }
        return new Prediction(event.getId(), event.getEntity(), model, version, route, prediction[best], classes.get(best),
                probabilities, featuresHash, latencyMicros, now);
    }

    private void requestVersion(String model, Record<byte[], ValidEvent> record) {
        long now = context.currentSystemTimeMs();
        Long last = lastVersionRequest.get(model);
        if (last == null || now - last >= VERSION_REQUEST_BACKOFF_MS) {
            lastVersionRequest.put(model, now);
            context.forward(record.withKey(model).withValue(InternalCodec.versionRequest(model)),
                    ModelTopology.WRITE_EXAMPLES_FROM_SCORING);
        }
    }

    private void rejectForModel(String model, InvalidInputException e, Record<byte[], ValidEvent> record, SourceOffset source) {
        DeadLetter letter = ModelDeadLetters.of(ModelDeadLetters.INVALID_FEATURES,
                "model '" + model + "' refuses the event's features: " + e.getMessage(), e.getClass().getName(),
                record.key(), record.value().bytes(), source, Instant.ofEpochMilli(context.currentSystemTimeMs()));
        context.forward(record.withValue(letter), ModelTopology.WRITE_SCORING_DEAD_LETTERS);
        metrics.count(ModelCounter.EVENT_REJECTED_BY_MODEL);
    }

    /** The rolling features of every model, looked up once per event for all of them. */
    private static List<RollingFeature> rollingFeatures(ModelSettings settings) {
        List<RollingFeature> features = new ArrayList<>();
        for (ModelDefinition model : settings.models()) {
            features.addAll(model.features().rollingFeatures());
        }
        return List.copyOf(features);
    }

    /**
     * Where the event entered the speed layer: every path to scoring (ingest in place, or the statistics' entry
     * processor) gives the event its source.
     */
    private static SourceOffset source(ValidEvent valid) {
        if (valid.source() == null) {
            throw new IllegalStateException("scoring runs after the rolling statistics, which give every event its source");
        }
        return valid.source();
    }

    /** The Event's feature map with plain String keys and values, as the encoder and the codec take them. */
    static Map<String, Object> rawFeatures(Event event) {
        Map<String, Object> raw = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : event.getFeatures().entrySet()) {
            Object value = entry.getValue();
            raw.put(entry.getKey(), value instanceof CharSequence text ? text.toString() : value);
        }
        return raw;
    }

    static Object labelOf(Object label) {
        return label instanceof CharSequence text ? text.toString() : label;
    }

    static String utf8(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}

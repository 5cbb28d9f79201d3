package io.millrace.speed.model;

import io.millrace.speed.serde.SourceOffset;
import java.util.Map;
import java.util.Objects;

/** What reaches a model's trainer on {@code training-examples}, keyed by model name. */
public sealed interface TrainerInput permits TrainerInput.Example, TrainerInput.VersionRequest {

    /** The model this input is for (the record key). */
    String model();

    /**
     * One labelled example: the features as the model saw them, the label, the answer served then (null
     * when the model had no version to answer with), and where the event and the label were read.
     *
     * @param labelSource   null for a label inline on the event
     * @param labelSchemaId -1 for a label inline on the event
     */
    record Example(String model, String eventId, Map<String, Object> features, Map<String, Double> rolling,
                   Object label, ServedPrediction served, SourceOffset eventSource, int eventSchemaId,
                   SourceOffset labelSource, int labelSchemaId) implements TrainerInput {

        public Example {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(features, "features");
            Objects.requireNonNull(rolling, "rolling");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(eventSource, "eventSource");
        }
    }

    /**
     * Scoring found no version of the model: the trainer publishes version 1 (untrained) if the registry
     * still has none. Sent at most once per scoring task and back-off interval.
     */
    record VersionRequest(String model) implements TrainerInput {

        public VersionRequest {
            Objects.requireNonNull(model, "model");
        }
    }
}

package io.millrace.speed.model;

import io.millrace.speed.serde.SourceOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A valid event as the models saw it, waiting on {@code scored-events} and in the pending-labels store for its
 * label: the raw and rolling features, where it was read, the schema it was written with, and each model's
 * answer on the production or canary route.
 *
 * @param eventId   the event id (the record key; labels refer to it)
 * @param entity    the entity
 * @param eventTime event time, epoch milliseconds
 * @param features  the raw features as the Event carried them (Double, String or null values)
 * @param rolling   the rolling features joined before scoring (empty until online features plug in)
 * @param source    where the event was read (valid-events topic, partition, offset)
 * @param schemaId  registry id of the schema the event was written with; -1 when unknown
 * @param served    each model's answer
 */
public record ScoredEvent(String eventId, String entity, long eventTime, Map<String, Object> features,
                          Map<String, Double> rolling, SourceOffset source, int schemaId, List<ServedPrediction> served) {

    public ScoredEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(rolling, "rolling");
        Objects.requireNonNull(source, "source");
        served = List.copyOf(served);
    }

    /** The answer of {@code model}, or null when it gave none. */
    public ServedPrediction servedBy(String model) {
        for (ServedPrediction prediction : served) {
            if (prediction.model().equals(model)) {
                return prediction;
            }
        }
        return null;
    }
}

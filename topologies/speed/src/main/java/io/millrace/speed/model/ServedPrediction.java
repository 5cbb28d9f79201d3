package io.millrace.speed.model;

import io.millrace.schemas.Route;
import java.util.Objects;

/**
 * The answer one model version gave for an event, kept until the label arrives so that the error recorded
 * is the error of the prediction made then, before any learning from that label.
 *
 * @param model      model name
 * @param version    the version that answered
 * @param route      the route it answered on
 * @param prediction class probabilities, or the one regression value
 */
public record ServedPrediction(String model, int version, Route route, double[] prediction) {

    public ServedPrediction {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(prediction, "prediction");
    }
}

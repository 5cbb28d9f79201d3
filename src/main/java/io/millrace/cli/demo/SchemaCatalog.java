package io.millrace.cli.demo;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.avro.Schema;

import io.millrace.schemas.BatchView;
import io.millrace.schemas.DeadLetter;
import io.millrace.schemas.DriftAlert;
import io.millrace.schemas.Event;
import io.millrace.schemas.Label;
import io.millrace.schemas.ModelVersion;
import io.millrace.schemas.Prediction;
import io.millrace.schemas.registry.SchemaRegistry;
import io.millrace.speed.TopicNames;

/** Which record each Millrace topic carries, and their registration under TopicNameStrategy subjects. */
public final class SchemaCatalog {

    private SchemaCatalog() {
    }

    /** Value schema of every topic, in data-flow order. */
    static Map<String, Schema> valueSchemas(TopicNames topics) {
        Map<String, Schema> schemas = new LinkedHashMap<>();
        schemas.put(topics.events(), Event.getClassSchema());
        schemas.put(topics.labels(), Label.getClassSchema());
        schemas.put(topics.validEvents(), Event.getClassSchema());
        schemas.put(topics.deadLetters(), DeadLetter.getClassSchema());
        schemas.put(topics.predictions(), Prediction.getClassSchema());
        schemas.put(topics.models(), ModelVersion.getClassSchema());
        schemas.put(topics.driftAlerts(), DriftAlert.getClassSchema());
        schemas.put(topics.batchViews(), BatchView.getClassSchema());
        return schemas;
    }

    /** Registers each topic's value schema under {@code <topic>-value}; returns subject to schema id. */
    public static Map<String, Integer> registerAll(SchemaRegistry registry, TopicNames topics) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        valueSchemas(topics).forEach((topic, schema) -> {
            String subject = topic + "-value";
            ids.put(subject, registry.register(subject, schema));
        });
        return ids;
    }
}

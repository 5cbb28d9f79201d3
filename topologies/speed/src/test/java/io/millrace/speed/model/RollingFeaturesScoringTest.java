package io.millrace.speed.model;

import static io.millrace.speed.model.ModelDriver.NOW;
import static io.millrace.speed.model.ModelDriver.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.learning.Learners;
import io.millrace.learning.features.FeatureDefinition;
import io.millrace.learning.features.FeatureEncoder;
import io.millrace.learning.features.FeatureSpec;
import io.millrace.learning.features.MissingPolicy;
import io.millrace.learning.features.RollingFeature;
import io.millrace.learning.features.Scaling;
import io.millrace.schemas.Event;
import io.millrace.schemas.Prediction;
import io.millrace.schemas.Stage;
import io.millrace.schemas.registry.InMemorySchemaRegistry;
import io.millrace.speed.config.ModelDefinition;
import io.millrace.speed.config.ModelSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scoring reads each event's online features from the rolling-statistics stores of its task, after they took the
 * event in: the row a model scores (told by the prediction's features hash) holds the entity's count and mean of
 * {@code attrib1} over the last hour, this event included, and nothing of other entities or of older events.
 */
class RollingFeaturesScoringTest {
    private static final String TREE = "hoeffding-tree";
    private static final FeatureSpec SPEC = withRolling(ModelDriver.SEA);

    @TempDir
    Path stateDir;

    private static FeatureSpec withRolling(FeatureSpec base) {
        List<FeatureDefinition> features = new ArrayList<>(base.features());
        features.add(new RollingFeature("count_1h", "attrib1", RollingFeature.Aggregate.COUNT, Duration.ofHours(1),
                Scaling.NONE, MissingPolicy.asMissing()));
        features.add(new RollingFeature("mean_1h", "attrib1", RollingFeature.Aggregate.MEAN, Duration.ofHours(1),
                Scaling.NONE, MissingPolicy.asMissing()));
        return new FeatureSpec(base.name(), features, base.target());
    }

    @Test
    void eachEventIsScoredWithItsEntitysLastHourIncludingItself() {
        ModelSettings settings = ModelSettings.defaults().withModel(ModelDefinition.of(ModelDriver.MODEL, TREE, SPEC));
        try (ModelDriver driver = new ModelDriver(stateDir, settings, null, new InMemorySchemaRegistry())) {
            FeatureEncoder encoder = new FeatureEncoder(SPEC);
            driver.publish(1, Stage.PRODUCTION, 0, new ModelBundle(encoder, Learners.create(TREE, encoder.header(), Map.of())),
                    NOW.minusSeconds(60));
            Instant t0 = NOW.minus(Duration.ofHours(3));
            List<Event> events = List.of(
                    at(event("e1", "acct-1", 10, 0, 0, null), t0),
                    at(event("e2", "acct-2", 99, 0, 0, null), t0.plusSeconds(60)),
                    at(event("e3", "acct-1", 20, 0, 0, null), t0.plusSeconds(600)),
                    at(event("e4", "acct-1", 60, 0, 0, null), t0.plusSeconds(1200)),
                    // two hours later the hour holds this event only
                    at(event("e5", "acct-1", 5, 0, 0, null), t0.plus(Duration.ofHours(2))));
            events.forEach(e -> driver.send(e, NOW));

            List<String> hashes = driver.predictions.readValuesToList().stream().map(Prediction::getFeaturesHash).toList();
            assertThat(hashes).containsExactly(
                    hashOf(encoder, 10, 1, 10),
                    hashOf(encoder, 99, 1, 99),
                    hashOf(encoder, 20, 2, 15),
                    hashOf(encoder, 60, 3, 30),
                    hashOf(encoder, 5, 1, 5));
        }
    }

    private static Event at(Event event, Instant eventTime) {
        return Event.newBuilder(event).setEventTime(eventTime).build();
    }

    private static String hashOf(FeatureEncoder encoder, double attrib1, double count, double mean) {
        Map<String, Object> raw = Map.of("attrib1", attrib1, "attrib2", 0.0, "attrib3", 0.0);
        return FeaturesHash.of(encoder.encode(raw, Map.of("count_1h", count, "mean_1h", mean)));
    }
}

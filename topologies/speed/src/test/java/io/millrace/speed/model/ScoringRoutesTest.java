package io.millrace.speed.model;

import static io.millrace.speed.model.ModelDriver.NOW;
import static io.millrace.speed.model.ModelDriver.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.millrace.schemas.Prediction;
import io.millrace.schemas.Route;
import io.millrace.schemas.Stage;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoringRoutesTest {
    private static final String TREE = "hoeffding-tree";

    @TempDir
    Path stateDir;

    @Test
    void aNewProductionVersionScoresTheNextEvent() {
        try (ModelDriver driver = new ModelDriver(stateDir, ModelDriver.seaSettings(TREE))) {
            driver.publish(1, Stage.PRODUCTION, 0, TREE, NOW.minusSeconds(60));
            driver.send(event("e1", "acct-1", 1, 2, 3, null), NOW);
            driver.publish(2, Stage.PRODUCTION, 0, TREE, NOW.minusSeconds(30));
            driver.send(event("e2", "acct-1", 1, 2, 3, null), NOW);

            List<Prediction> predictions = driver.predictions.readValuesToList();
            assertThat(predictions).extracting(Prediction::getEventId, Prediction::getModelVersion, Prediction::getRoute)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("e1", 1, Route.PRODUCTION),
                            org.assertj.core.groups.Tuple.tuple("e2", 2, Route.PRODUCTION));
        }
    }

    @Test
    void aRollbackIsTheOlderVersionRepublishedLater() {
        try (ModelDriver driver = new ModelDriver(stateDir, ModelDriver.seaSettings(TREE))) {
            driver.publish(1, Stage.PRODUCTION, 0, TREE, NOW.minusSeconds(60));
            driver.publish(2, Stage.PRODUCTION, 0, TREE, NOW.minusSeconds(30));
            driver.publish(1, Stage.PRODUCTION, 0, TREE, NOW.minusSeconds(10));
            driver.send(event("e1", "acct-1", 1, 2, 3, null), NOW);

            assertThat(driver.predictions.readValue().getModelVersion()).isEqualTo(1);
        }
    }

    @Test
    void predictionsCarryTheClassItsProbabilitiesAndTheHashOfTheRow() {
        try (ModelDriver driver = new ModelDriver(stateDir, ModelDriver.seaSettings(TREE))) {
            driver.publish(1, Stage.PRODUCTION, 0, TREE, NOW.minusSeconds(60));
            driver.send(event("e1", "acct-1", 1, 2, 3, null), NOW);
            driver.send(event("e2", "acct-2", 1, 2, 3, null), NOW);
            driver.send(event("e3", "acct-3", 1, 2, 4, null), NOW);

            List<Prediction> predictions = driver.predictions.readValuesToList();
            Prediction first = predictions.get(0);
            assertThat(first.getModelName()).isEqualTo("sea");
            assertThat(first.getEntity()).isEqualTo("acct-1");
            assertThat(first.getProbabilities()).containsOnlyKeys("groupA", "groupB");
            assertThat(first.getScore()).isEqualTo(first.getProbabilities().get(first.getPredictedClass()));
            assertThat(first.getLatencyMicros()).isNotNegative();
            assertThat(first.getFeaturesHash()).hasSize(16).isEqualTo(predictions.get(1).getFeaturesHash())
                    .isNotEqualTo(predictions.get(2).getFeaturesHash());
        }
    }

    @Test
    void shadowVersionsScoreOnTheirOwnRouteAndNeverReplaceProduction() {
        try (ModelDriver driver = new ModelDriver(stateDir, ModelDriver.seaSettings(TREE))) {
            driver.publish(1, Stage.PRODUCTION, 0, TREE, NOW.minusSeconds(60));
            driver.publish(2, Stage.SHADOW, 0, TREE, NOW.minusSeconds(30));
            driver.publish(3, Stage.SHADOW, 0, "naive-bayes", NOW.minusSeconds(20));
            for (int i = 0; i < 50; i++) {
                driver.send(event("e" + i, "acct-" + i, 1, 2, 3, null), NOW);
            }

            List<Prediction> predictions = driver.predictions.readValuesToList();
            assertThat(predictions).hasSize(150);
            assertThat(predictions).filteredOn(p -> p.getRoute() != Route.SHADOW)
                    .hasSize(50).allSatisfy(p -> assertThat(p.getModelVersion()).isEqualTo(1));
            assertThat(predictions).filteredOn(p -> p.getRoute() == Route.SHADOW)
                    .extracting(Prediction::getModelVersion).containsOnly(2, 3).hasSize(100);
        }
    }

    @Test
    void theCanaryTakesItsShareOfEntitiesDeterministically() {
        try (ModelDriver driver = new ModelDriver(stateDir, ModelDriver.seaSettings(TREE))) {
            driver.publish(1, Stage.PRODUCTION, 0, TREE, NOW.minusSeconds(60));
            driver.publish(2, Stage.CANARY, 0.2, TREE, NOW.minusSeconds(30));
            int entities = 2000;
            for (int i = 0; i < entities; i++) {
                driver.send(event("a" + i, "acct-" + i, 1, 2, 3, null), NOW);
            }
            for (int i = 0; i < entities; i++) {
                driver.send(event("b" + i, "acct-" + i, 4, 5, 6, null), NOW);
            }

            Map<String, Route> firstRoute = new HashMap<>();
            int canary = 0;
            for (Prediction prediction : driver.predictions.readValuesToList()) {
                assertThat(prediction.getRoute()).isNotEqualTo(Route.SHADOW);
                assertThat(prediction.getModelVersion()).isEqualTo(prediction.getRoute() == Route.CANARY ? 2 : 1);
                Route earlier = firstRoute.putIfAbsent(prediction.getEntity(), prediction.getRoute());
                if (earlier != null) {
                    assertThat(prediction.getRoute()).as("entity %s", prediction.getEntity()).isEqualTo(earlier);
                } else if (prediction.getRoute() == Route.CANARY) {
                    canary++;
                }
            }
            assertThat(firstRoute).hasSize(entities);
            assertThat(canary / (double) entities).isCloseTo(0.2, within(0.03));
        }
    }

    @Test
    void aCanaryWithoutAShareTakesTheConfiguredDefault() {
        try (ModelDriver driver = new ModelDriver(stateDir, ModelDriver.seaSettings(TREE).withDefaultCanaryShare(0.5))) {
            driver.publish(1, Stage.PRODUCTION, 0, TREE, NOW.minusSeconds(60));
            driver.publish(2, Stage.CANARY, 0, TREE, NOW.minusSeconds(30));
            for (int i = 0; i < 1000; i++) {
                driver.send(event("a" + i, "acct-" + i, 1, 2, 3, null), NOW);
            }
            long canary = driver.predictions.readValuesToList().stream().filter(p -> p.getRoute() == Route.CANARY).count();
            assertThat(canary / 1000.0).isCloseTo(0.5, within(0.05));
        }
    }

    @Test
    void raisingTheShareKeepsEveryCanaryEntityInTheCanary() {
        for (int i = 0; i < 10_000; i++) {
            String entity = "acct-" + i;
            if (CanarySplit.inCanary("fraud", entity, 0.1)) {
                assertThat(CanarySplit.inCanary("fraud", entity, 0.3)).isTrue();
            }
            assertThat(CanarySplit.inCanary("fraud", entity, 0.0)).isFalse();
            assertThat(CanarySplit.inCanary("fraud", entity, 1.0)).isTrue();
        }
    }
}

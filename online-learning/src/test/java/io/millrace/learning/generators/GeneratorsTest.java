package io.millrace.learning.generators;

import static io.millrace.learning.generators.MoaStreams.assertSameInstances;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeneratorsTest {

    @ParameterizedTest
    @ValueSource(strings = {"sea", "hyperplane", "agrawal", "rbf", "payments", "SEA", " Rbf "})
    void everyNameBuildsADeterministicStream(String name) {
        InstanceStream a = Generators.create(name, Map.of(), 17, null);
        InstanceStream b = Generators.create(name, Map.of(), 17, null);
        InstanceStream other = Generators.create(name, Map.of(), 18, null);

        assertThat(a.take(500)).isEqualTo(b.take(500)).isNotEqualTo(other.take(500));
        assertThat(a.header().numClasses()).isEqualTo(2);
    }

    @Test
    void withoutDriftTheSeedIsTheInstanceSeed() {
        assertThat(Generators.create("sea", Map.of("function", "3", "noisePercentage", "0"), 9, null).take(1_000))
            .isEqualTo(new SeaGenerator(new SeaGenerator.Config(3, 0, false, 9)).take(1_000));
        assertThat(Generators.create("agrawal", Map.of("function", "7", "peturbFraction", "0.2", "balanceClasses", "true"),
            9, null).take(1_000))
            .isEqualTo(new AgrawalGenerator(new AgrawalGenerator.Config(7, 0.2, true, 9)).take(1_000));
        assertThat(Generators.create("hyperplane", Map.of("numAtts", "4", "magChange", "0.001"), 9, null).take(1_000))
            .isEqualTo(new HyperplaneGenerator(HyperplaneGenerator.Config.DEFAULT.withNumAtts(4).withMagChange(0.001)
                .withSeed(9)).take(1_000));
        assertThat(Generators.create("rbf", Map.of("numCentroids", "7", "speedChange", "0.001"), 9, null).take(1_000))
            .isEqualTo(new RandomRbfDriftGenerator(RandomRbfDriftGenerator.Config.DEFAULT.withSpeedChange(0.001)
                .withBase(RandomRbfGenerator.Config.DEFAULT.withNumCentroids(7).withModelSeed(9).withSeed(9))).take(1_000));
    }

    @Test
    void seaDriftAtKSwitchesFromFunctionOneToFourAtK() {
        List<Instance> drawn = Generators.create("sea", Map.of(), 5, 2_000L).take(4_000);

        assertThat(drawn.subList(0, 2_000)).isEqualTo(new SeaGenerator(SeaGenerator.Config.DEFAULT.withSeed(5)).take(2_000));
        assertThat(drawn.subList(2_000, 4_000)).isEqualTo(new SeaGenerator(SeaGenerator.Config.DEFAULT.withFunction(4)
            .withSeed(6)).take(2_000));
    }

    @Test
    void seaDriftAtKIsMoasConceptDriftStreamWithWidthZeroAtKPlusOne() {
        long k = 5_000;
        moa.streams.ConceptDriftStream moa = new moa.streams.ConceptDriftStream();
        moa.streamOption.setCurrentObject(MoaStreams.sea(SeaGenerator.Config.DEFAULT.withSeed(21)));
        moa.driftstreamOption.setCurrentObject(MoaStreams.sea(SeaGenerator.Config.DEFAULT.withFunction(4).withSeed(22)));
        moa.positionOption.setValue((int) k + 1);
        moa.widthOption.setValue(0);
        moa.randomSeedOption.setValue(21);
        moa.prepareForUse();

        assertSameInstances(moa, Generators.create("sea", Map.of(), 21, k), 10_000);
    }

    @Test
    void agrawalDriftGoesToTheDriftFunction() {
        List<Instance> drawn = Generators.create("agrawal", Map.of("function", "2", "driftFunction", "9"), 3, 1_000L)
            .take(2_000);

        AgrawalGenerator.Config before = AgrawalGenerator.Config.DEFAULT.withFunction(2).withSeed(3);
        assertThat(drawn.subList(0, 1_000)).isEqualTo(new AgrawalGenerator(before).take(1_000));
        assertThat(drawn.subList(1_000, 2_000)).isEqualTo(new AgrawalGenerator(before.withFunction(9).withSeed(4)).take(1_000));
    }

    @Test
    void defaultDriftFunctionIsFourOrOneFromFour() {
        List<Instance> fromFour = Generators.create("sea", Map.of("function", "4"), 3, 0L).take(100);
        assertThat(fromFour).isEqualTo(new SeaGenerator(SeaGenerator.Config.DEFAULT.withFunction(1).withSeed(4)).take(100));
        List<Instance> agrawal = Generators.create("agrawal", Map.of(), 3, 0L).take(100);
        assertThat(agrawal).isEqualTo(new AgrawalGenerator(AgrawalGenerator.Config.DEFAULT.withFunction(4).withSeed(4)).take(100));
    }

    @Test
    void hyperplaneDriftIsANewHyperplaneThatRelabelsAboutOneInFive() {
        Map<String, String> noNoise = Map.of("noisePercentage", "0");
        HyperplaneGenerator old = new HyperplaneGenerator(HyperplaneGenerator.Config.DEFAULT.withNoisePercentage(0).withSeed(7));
        double[] w = old.weights();
        List<Instance> drawn = Generators.create("hyperplane", noNoise, 7, 5_000L).take(25_000);

        assertThat(disagreement(drawn.subList(0, 5_000), w)).isZero();
        assertThat(disagreement(drawn.subList(5_000, 25_000), w)).isBetween(0.05, 0.45);
    }

    @Test
    void rbfDriftMovesEveryCentroid() {
        List<Instance> drawn = Generators.create("rbf", Map.of("modelRandomSeed", "40"), 3, 500L).take(1_000);

        RandomRbfGenerator.Config base = RandomRbfGenerator.Config.DEFAULT.withModelSeed(40).withSeed(3);
        assertThat(drawn.subList(0, 500)).isEqualTo(new RandomRbfGenerator(base).take(500));
        assertThat(drawn.subList(500, 1_000)).isEqualTo(new RandomRbfGenerator(base.withModelSeed(41).withSeed(4)).take(500));
    }

    @Test
    void driftWidthMakesTheDriftGradual() {
        InstanceStream gradual = Generators.create("sea", Map.of("driftWidth", "200"), 2, 3_000L);
        InstanceStream abrupt = Generators.create("sea", Map.of(), 2, 3_000L);

        assertThat(gradual.take(2_000)).isEqualTo(abrupt.take(2_000));
        assertThat(gradual.take(2_000)).isNotEqualTo(abrupt.take(2_000));
    }

    @Test
    void paymentsDriftAtIsTheFraudPatternChange() {
        InstanceStream stream = Generators.create("payments", Map.of("accounts", "50"), 4, 100L);

        assertThat(stream.header()).isEqualTo(PaymentsGenerator.HEADER);
        assertThat(stream.take(300)).isEqualTo(new PaymentsGenerator(PaymentsGenerator.Config.DEFAULT.withAccounts(50)
            .withChangeAt(100).withSeed(4)).asInstanceStream().take(300));
    }

    @Test
    void errorsNameTheProblem() {
        assertThatThrownBy(() -> Generators.create("led", Map.of(), 1, null))
            .hasMessageContaining("unknown generator 'led'").hasMessageContaining("sea, hyperplane, agrawal, rbf");
        assertThatThrownBy(() -> Generators.create(null, Map.of(), 1, null)).hasMessageContaining("no generator name");
        assertThatThrownBy(() -> Generators.create("sea", Map.of("fuction", "2"), 1, null))
            .hasMessageContaining("sea has no option fuction").hasMessageContaining("function");
        assertThatThrownBy(() -> Generators.create("sea", Map.of("function", "two"), 1, null))
            .hasMessageContaining("function must be an integer, got 'two'");
        assertThatThrownBy(() -> Generators.create("sea", Map.of("function", "5"), 1, null))
            .hasMessageContaining("sea: function must be in [1, 4], got 5");
        assertThatThrownBy(() -> Generators.create("sea", Map.of("balanceClasses", "yes"), 1, null))
            .hasMessageContaining("true or false");
        assertThatThrownBy(() -> Generators.create("hyperplane", Map.of("magChange", "NaN"), 1, null))
            .hasMessageContaining("magChange must be a finite number");
        assertThatThrownBy(() -> Generators.create("sea", Map.of("driftFunction", "2"), 1, null))
            .hasMessageContaining("driftFunction needs a drift position");
        assertThatThrownBy(() -> Generators.create("sea", Map.of("driftFunction", "1"), 1, 10L))
            .hasMessageContaining("no drift");
        assertThatThrownBy(() -> Generators.create("agrawal", Map.of("driftFunction", "11"), 1, 10L))
            .hasMessageContaining("function must be in [1, 10], got 11");
        assertThatThrownBy(() -> Generators.create("sea", Map.of("driftWidth", "-5"), 1, 10L))
            .hasMessageContaining("driftWidth must be >= 0");
        assertThatThrownBy(() -> Generators.create("sea", Map.of(), 1, -1L)).hasMessageContaining("drift position must be >= 0");
        assertThatThrownBy(() -> Generators.create("agrawal", Map.of("perturbFraction", "0.1", "peturbFraction", "0.1"), 1, null))
            .hasMessageContaining("not both");
        assertThatThrownBy(() -> Generators.create("payments", Map.of("fraudRate", "0.9"), 1, null))
            .hasMessageContaining("payments: fraudRate");
    }

    private static double disagreement(List<Instance> instances, double[] weights) {
        int disagree = 0;
        for (Instance instance : instances) {
            double sum = 0;
            double sumWeights = 0;
            for (int i = 0; i < weights.length; i++) {
                sum += weights[i] * instance.feature(i);
                sumWeights += weights[i];
            }
            disagree += (sum >= 0.5 * sumWeights ? 1 : 0) != instance.label() ? 1 : 0;
        }
        return disagree / (double) instances.size();
    }
}

package io.millrace.learning.generators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.yahoo.labs.samoa.instances.InstancesHeader;
import io.millrace.learning.Attribute;
import io.millrace.learning.Header;
import io.millrace.learning.InputChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GeneratorBehaviourTest {

    static Stream<Arguments> generators() {
        return Stream.of(
            Arguments.of("sea", (Supplier<InstanceStream>) () -> new SeaGenerator(SeaGenerator.Config.DEFAULT.withSeed(3))),
            Arguments.of("hyperplane", (Supplier<InstanceStream>) () -> new HyperplaneGenerator(
                HyperplaneGenerator.Config.DEFAULT.withMagChange(0.01).withSeed(3))),
            Arguments.of("agrawal", (Supplier<InstanceStream>) () -> new AgrawalGenerator(
                AgrawalGenerator.Config.DEFAULT.withBalanceClasses(true).withSeed(3))),
            Arguments.of("rbf", (Supplier<InstanceStream>) () -> new RandomRbfGenerator(RandomRbfGenerator.Config.DEFAULT)),
            Arguments.of("rbf drift", (Supplier<InstanceStream>) () -> new RandomRbfDriftGenerator(
                RandomRbfDriftGenerator.Config.DEFAULT.withSpeedChange(0.01))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generators")
    void restartReplaysTheStreamFromTheFirstInstance(String name, Supplier<InstanceStream> factory) {
        InstanceStream stream = factory.get();
        List<Instance> first = stream.take(3_000);

        stream.restart();

        assertThat(stream.take(3_000)).isEqualTo(first);
        assertThat(factory.get().take(3_000)).as("a fresh stream").isEqualTo(first);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generators")
    void everyInstancePassesTheLearnersInputChecks(String name, Supplier<InstanceStream> factory) {
        InstanceStream stream = factory.get();
        for (Instance instance : stream.take(5_000)) {
            InputChecks.checkFeatures(stream.header(), instance.features());
            InputChecks.checkTarget(stream.header(), instance.target(), 1.0);
        }
        assertThat(stream.hasNext()).isTrue();
    }

    @Test
    void headersDeclareTheAttributesMoaDeclares() {
        assertSameShape(SeaGenerator.HEADER, MoaStreams.sea(SeaGenerator.Config.DEFAULT).getHeader());
        assertSameShape(AgrawalGenerator.HEADER, MoaStreams.agrawal(AgrawalGenerator.Config.DEFAULT).getHeader());
        HyperplaneGenerator.Config hyperplane = HyperplaneGenerator.Config.DEFAULT.withNumAtts(4).withNumDriftAtts(1);
        assertSameShape(new HyperplaneGenerator(hyperplane).header(), MoaStreams.hyperplane(hyperplane).getHeader());
        RandomRbfGenerator.Config rbf = RandomRbfGenerator.Config.DEFAULT.withNumAtts(3).withNumClasses(4);
        assertSameShape(new RandomRbfGenerator(rbf).header(), MoaStreams.rbf(rbf).getHeader());
    }

    @Test
    void agrawalNominalAttributesAreTheCategoryIndicesMoaUses() {
        Header header = AgrawalGenerator.HEADER;
        assertThat(header.feature(3)).isEqualTo(Attribute.nominal("elevel", "level0", "level1", "level2", "level3", "level4"));
        assertThat(header.feature(4).cardinality()).isEqualTo(20);
        assertThat(header.feature(4).values().get(0)).isEqualTo("car1");
        assertThat(header.feature(5).cardinality()).isEqualTo(9);
        assertThat(header.feature(5).values().get(8)).isEqualTo("zipcode9");
    }

    @Test
    void balancedClassesAlternateStartingWithClassB() {
        List<Instance> sea = new SeaGenerator(SeaGenerator.Config.DEFAULT.withBalanceClasses(true).withNoisePercentage(0))
            .take(1_000);
        for (int i = 0; i < sea.size(); i++) {
            assertThat(sea.get(i).label()).as("instance %d", i).isEqualTo(i % 2 == 0 ? 1 : 0);
        }
    }

    @Test
    void seaLabelsFollowTheFunctionThresholdWithoutNoise() {
        double[] thresholds = {8, 9, 7, 9.5};
        for (int function = 1; function <= 4; function++) {
            SeaGenerator.Config config = SeaGenerator.Config.DEFAULT.withFunction(function).withNoisePercentage(0);
            double threshold = thresholds[function - 1];
            assertThat(new SeaGenerator(config).take(2_000)).allSatisfy(instance ->
                assertThat(instance.label()).isEqualTo(instance.feature(0) + instance.feature(1) <= threshold ? 0 : 1));
        }
    }

    @Test
    void noiseFlipsAboutItsPercentageOfLabels() {
        List<Instance> clean = new SeaGenerator(SeaGenerator.Config.DEFAULT.withNoisePercentage(0)).take(20_000);
        List<Instance> noisy = new SeaGenerator(SeaGenerator.Config.DEFAULT.withNoisePercentage(10)).take(20_000);
        int flipped = 0;
        for (int i = 0; i < clean.size(); i++) {
            assertThat(noisy.get(i).features()).isEqualTo(clean.get(i).features());
            flipped += noisy.get(i).label() != clean.get(i).label() ? 1 : 0;
        }
        assertThat(flipped / 20_000.0).isBetween(0.09, 0.11);
    }

    @Test
    void hyperplaneRotatesOnlyItsDriftingWeights() {
        HyperplaneGenerator stream = new HyperplaneGenerator(
            HyperplaneGenerator.Config.DEFAULT.withNumDriftAtts(3).withMagChange(0.001));
        double[] before = stream.weights();
        stream.take(1_000);
        double[] after = stream.weights();

        for (int i = 0; i < 3; i++) {
            assertThat(after[i]).isNotEqualTo(before[i]);
            assertThat(Math.abs(after[i] - before[i])).isLessThanOrEqualTo(1.0 + 1e-9);
        }
        for (int i = 3; i < before.length; i++) {
            assertThat(after[i]).isEqualTo(before[i]);
        }
    }

    @Test
    void rbfDriftMovesOnlyItsDriftingCentroidsAndKeepsThemInTheUnitCube() {
        RandomRbfDriftGenerator stream = new RandomRbfDriftGenerator(RandomRbfDriftGenerator.Config.DEFAULT
            .withSpeedChange(0.05).withNumDriftCentroids(2));
        double[] moving = stream.centre(0);
        double[] still = stream.centre(2);
        stream.take(500);

        assertThat(stream.centre(0)).isNotEqualTo(moving);
        assertThat(stream.centre(2)).isEqualTo(still);
        for (double coordinate : stream.centre(1)) {
            assertThat(coordinate).isBetween(0.0, 1.0);
        }
    }

    @Test
    void rbfDriftAtSpeedZeroIsThePlainRbfStream() {
        RandomRbfGenerator.Config base = RandomRbfGenerator.Config.DEFAULT.withSeed(8).withModelSeed(9);
        assertThat(new RandomRbfDriftGenerator(RandomRbfDriftGenerator.Config.DEFAULT.withBase(base)).take(2_000))
            .isEqualTo(new RandomRbfGenerator(base).take(2_000));
    }

    @Test
    void agrawalPerturbationStaysInMoasBounds() {
        for (Instance instance : new AgrawalGenerator(AgrawalGenerator.Config.DEFAULT.withPerturbFraction(0.3)).take(5_000)) {
            assertThat(instance.feature(0)).isBetween(20_000.0, 150_000.0);
            assertThat(instance.feature(2)).isBetween(20.0, 80.0).isEqualTo(Math.rint(instance.feature(2)));
            assertThat(instance.feature(6)).isBetween(0.0, 135_000.0);
            assertThat(instance.feature(7)).isBetween(1.0, 30.0);
            assertThat(instance.feature(8)).isBetween(0.0, 500_000.0);
        }
    }

    @Test
    void configsRefuseOutOfRangeOptionsNamingThem() {
        assertThatThrownBy(() -> SeaGenerator.Config.DEFAULT.withFunction(5)).hasMessageContaining("function");
        assertThatThrownBy(() -> SeaGenerator.Config.DEFAULT.withNoisePercentage(101)).hasMessageContaining("noisePercentage");
        assertThatThrownBy(() -> HyperplaneGenerator.Config.DEFAULT.withNumDriftAtts(11)).hasMessageContaining("numDriftAtts");
        assertThatThrownBy(() -> HyperplaneGenerator.Config.DEFAULT.withMagChange(Double.NaN)).hasMessageContaining("magChange");
        assertThatThrownBy(() -> AgrawalGenerator.Config.DEFAULT.withFunction(0)).hasMessageContaining("function");
        assertThatThrownBy(() -> AgrawalGenerator.Config.DEFAULT.withPerturbFraction(1.5)).hasMessageContaining("perturbFraction");
        assertThatThrownBy(() -> RandomRbfGenerator.Config.DEFAULT.withNumClasses(1)).hasMessageContaining("numClasses");
        assertThatThrownBy(() -> RandomRbfDriftGenerator.Config.DEFAULT.withSpeedChange(-1)).hasMessageContaining("speedChange");
        assertThatThrownBy(() -> RandomRbfDriftGenerator.Config.DEFAULT.withSpeedChange(Double.POSITIVE_INFINITY))
            .hasMessageContaining("speedChange");
    }

    @Test
    void instancesCompareByValueAndOwnTheirArrays() {
        Instance a = new SeaGenerator(SeaGenerator.Config.DEFAULT).next();
        Instance b = new SeaGenerator(SeaGenerator.Config.DEFAULT).next();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotSameAs(b);
        assertThat(a.features()).isNotSameAs(b.features());
        assertThatThrownBy(() -> new Instance(new double[2], 0, SeaGenerator.HEADER))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 3 features");
    }

    @Test
    void takeDrawsInOrder() {
        InstanceStream stream = new SeaGenerator(SeaGenerator.Config.DEFAULT);
        List<Instance> one = new ArrayList<>(stream.take(5));
        one.addAll(stream.take(5));
        assertThat(new SeaGenerator(SeaGenerator.Config.DEFAULT).take(10)).isEqualTo(one);
        assertThatThrownBy(() -> stream.take(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertSameShape(Header ours, InstancesHeader moa) {
        assertThat(ours.numFeatures()).isEqualTo(moa.numAttributes() - 1);
        assertThat(moa.classIndex()).isEqualTo(moa.numAttributes() - 1);
        for (int i = 0; i < moa.numAttributes(); i++) {
            Attribute attribute = i < ours.numFeatures() ? ours.feature(i) : ours.target();
            com.yahoo.labs.samoa.instances.Attribute expected = moa.attribute(i);
            assertThat(attribute.name()).isEqualTo(expected.name());
            assertThat(attribute.isNominal()).as(attribute.name()).isEqualTo(expected.isNominal());
            if (expected.isNominal()) {
                List<String> values = new ArrayList<>();
                for (int v = 0; v < expected.numValues(); v++) {
                    values.add(expected.value(v));
                }
                assertThat(attribute.values()).isEqualTo(values);
            }
        }
    }
}

package io.millrace.learning.generators;

import static io.millrace.learning.generators.MoaStreams.INSTANCES;
import static io.millrace.learning.generators.MoaStreams.assertSameInstances;

import java.util.stream.Stream;
import moa.streams.ConceptDriftStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our generators against MOA 2024.07.0's, instance for instance: the first 10,000 instances of each,
 * for several seeds and options, features equal bit for bit and classes equal.
 */
class MoaEquivalenceTest {

    static Stream<SeaGenerator.Config> seaConfigs() {
        SeaGenerator.Config d = SeaGenerator.Config.DEFAULT;
        return Stream.of(d, d.withSeed(42), d.withFunction(2).withSeed(7), d.withFunction(3).withNoisePercentage(0),
            d.withFunction(4).withBalanceClasses(true).withSeed(12345), d.withNoisePercentage(100).withSeed(-3));
    }

    @ParameterizedTest
    @MethodSource("seaConfigs")
    void seaMatchesMoa(SeaGenerator.Config config) {
        assertSameInstances(MoaStreams.sea(config), new SeaGenerator(config), INSTANCES);
    }

    static Stream<HyperplaneGenerator.Config> hyperplaneConfigs() {
        HyperplaneGenerator.Config d = HyperplaneGenerator.Config.DEFAULT;
        return Stream.of(d, d.withSeed(42).withMagChange(0.001), d.withNumAtts(5).withNumDriftAtts(5).withMagChange(0.1)
                .withSigmaPercentage(50).withSeed(3),
            d.withNumAtts(30).withNumDriftAtts(0).withNoisePercentage(0).withSeed(99),
            d.withMagChange(1.0).withNoisePercentage(20).withSigmaPercentage(0).withSeed(2024));
    }

    @ParameterizedTest
    @MethodSource("hyperplaneConfigs")
    void hyperplaneMatchesMoa(HyperplaneGenerator.Config config) {
        assertSameInstances(MoaStreams.hyperplane(config), new HyperplaneGenerator(config), INSTANCES);
    }

    static Stream<AgrawalGenerator.Config> agrawalConfigs() {
        Stream.Builder<AgrawalGenerator.Config> configs = Stream.builder();
        AgrawalGenerator.Config d = AgrawalGenerator.Config.DEFAULT;
        for (int function = 1; function <= 10; function++) {
            configs.add(d.withFunction(function).withSeed(function * 11L));
        }
        configs.add(d.withFunction(3).withBalanceClasses(true).withSeed(5));
        configs.add(d.withFunction(10).withPerturbFraction(0.0).withSeed(8));
        configs.add(d.withFunction(7).withPerturbFraction(0.5).withBalanceClasses(true).withSeed(1));
        return configs.build();
    }

    @ParameterizedTest
    @MethodSource("agrawalConfigs")
    void agrawalMatchesMoa(AgrawalGenerator.Config config) {
        assertSameInstances(MoaStreams.agrawal(config), new AgrawalGenerator(config), INSTANCES);
    }

    static Stream<RandomRbfGenerator.Config> rbfConfigs() {
        RandomRbfGenerator.Config d = RandomRbfGenerator.Config.DEFAULT;
        return Stream.of(d, d.withSeed(42).withModelSeed(7), d.withNumClasses(5).withNumAtts(3).withNumCentroids(4),
            d.withNumCentroids(1).withSeed(13));
    }

    @ParameterizedTest
    @MethodSource("rbfConfigs")
    void randomRbfMatchesMoa(RandomRbfGenerator.Config config) {
        assertSameInstances(MoaStreams.rbf(config), new RandomRbfGenerator(config), INSTANCES);
    }

    static Stream<RandomRbfDriftGenerator.Config> rbfDriftConfigs() {
        RandomRbfDriftGenerator.Config d = RandomRbfDriftGenerator.Config.DEFAULT;
        RandomRbfGenerator.Config base = RandomRbfGenerator.Config.DEFAULT;
        return Stream.of(d, d.withSpeedChange(0.0001), d.withSpeedChange(0.01).withNumDriftCentroids(10)
                .withBase(base.withSeed(3).withModelSeed(4)),
            d.withSpeedChange(0.5).withNumDriftCentroids(500).withBase(base.withNumAtts(2).withNumCentroids(5)));
    }

    @ParameterizedTest
    @MethodSource("rbfDriftConfigs")
    void randomRbfDriftMatchesMoa(RandomRbfDriftGenerator.Config config) {
        assertSameInstances(MoaStreams.rbfDrift(config), new RandomRbfDriftGenerator(config), INSTANCES);
    }

    static Stream<Arguments> driftConfigs() {
        return Stream.of(
            Arguments.of(5_000L, 1_000L, 1L),
            Arguments.of(2_000L, 1L, 42L),
            Arguments.of(4_000L, 0L, 7L),
            Arguments.of(0L, 1_000L, 3L),
            Arguments.of(20_000L, 10_000L, 11L));
    }

    @ParameterizedTest
    @MethodSource("driftConfigs")
    void conceptDriftStreamPicksTheSameStreamAsMoa(long position, long width, long seed) {
        SeaGenerator.Config before = SeaGenerator.Config.DEFAULT.withSeed(seed);
        SeaGenerator.Config after = before.withFunction(4).withSeed(seed + 1);
        ConceptDriftStream moa = new ConceptDriftStream();
        moa.streamOption.setCurrentObject(MoaStreams.sea(before));
        moa.driftstreamOption.setCurrentObject(MoaStreams.sea(after));
        moa.positionOption.setValue((int) position);
        moa.widthOption.setValue((int) width);
        moa.randomSeedOption.setValue((int) seed);
        moa.prepareForUse();
        io.millrace.learning.generators.ConceptDriftStream ours = new io.millrace.learning.generators.ConceptDriftStream(
            new SeaGenerator(before), new SeaGenerator(after),
            new io.millrace.learning.generators.ConceptDriftStream.Config(position, width, seed));

        assertSameInstances(moa, ours, INSTANCES);
    }
}

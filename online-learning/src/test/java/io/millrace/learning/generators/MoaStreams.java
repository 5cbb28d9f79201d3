package io.millrace.learning.generators;

import static org.assertj.core.api.Assertions.assertThat;

import com.yahoo.labs.samoa.instances.Instance;
import moa.streams.ExampleStream;
import moa.streams.generators.AgrawalGenerator;
import moa.streams.generators.HyperplaneGenerator;
import moa.streams.generators.RandomRBFGenerator;
import moa.streams.generators.RandomRBFGeneratorDrift;
import moa.streams.generators.SEAGenerator;

/** Builds MOA's generators (the test oracle) with the options of ours, and compares the two streams. */
final class MoaStreams {

    static final int INSTANCES = 10_000;

    private MoaStreams() {
    }

    static SEAGenerator sea(SeaGenerator.Config c) {
        SEAGenerator moa = new SEAGenerator();
        moa.functionOption.setValue(c.function());
        moa.noisePercentageOption.setValue(c.noisePercentage());
        moa.balanceClassesOption.setValue(c.balanceClasses());
        moa.instanceRandomSeedOption.setValue(Math.toIntExact(c.seed()));
        moa.prepareForUse();
        return moa;
    }

    static HyperplaneGenerator hyperplane(io.millrace.learning.generators.HyperplaneGenerator.Config c) {
        HyperplaneGenerator moa = new HyperplaneGenerator();
        moa.numAttsOption.setValue(c.numAtts());
        moa.numDriftAttsOption.setValue(c.numDriftAtts());
        moa.magChangeOption.setValue(c.magChange());
        moa.noisePercentageOption.setValue(c.noisePercentage());
        moa.sigmaPercentageOption.setValue(c.sigmaPercentage());
        moa.instanceRandomSeedOption.setValue(Math.toIntExact(c.seed()));
        moa.prepareForUse();
        return moa;
    }

    static AgrawalGenerator agrawal(io.millrace.learning.generators.AgrawalGenerator.Config c) {
        AgrawalGenerator moa = new AgrawalGenerator();
        moa.functionOption.setValue(c.function());
        moa.peturbFractionOption.setValue(c.perturbFraction());
        moa.balanceClassesOption.setValue(c.balanceClasses());
        moa.instanceRandomSeedOption.setValue(Math.toIntExact(c.seed()));
        moa.prepareForUse();
        return moa;
    }

    static RandomRBFGenerator rbf(RandomRbfGenerator.Config c) {
        RandomRBFGenerator moa = new RandomRBFGenerator();
        setRbfOptions(moa, c);
        moa.prepareForUse();
        return moa;
    }

    static RandomRBFGeneratorDrift rbfDrift(RandomRbfDriftGenerator.Config c) {
        RandomRBFGeneratorDrift moa = new RandomRBFGeneratorDrift();
        setRbfOptions(moa, c.base());
        moa.speedChangeOption.setValue(c.speedChange());
        moa.numDriftCentroidsOption.setValue(c.numDriftCentroids());
        moa.prepareForUse();
        return moa;
    }

    private static void setRbfOptions(RandomRBFGenerator moa, RandomRbfGenerator.Config c) {
        moa.numClassesOption.setValue(c.numClasses());
        moa.numAttsOption.setValue(c.numAtts());
        moa.numCentroidsOption.setValue(c.numCentroids());
        moa.modelRandomSeedOption.setValue(Math.toIntExact(c.modelSeed()));
        moa.instanceRandomSeedOption.setValue(Math.toIntExact(c.seed()));
    }

    /** Asserts that the next {@code count} instances of both streams are equal, features bit for bit. */
    static void assertSameInstances(ExampleStream<?> moa, InstanceStream ours, int count) {
        for (int n = 0; n < count; n++) {
            Instance expected = (Instance) moa.nextInstance().getData();
            io.millrace.learning.generators.Instance actual = ours.next();
            assertThat(actual.features()).as("number of features").hasSize(expected.numAttributes() - 1);
            for (int i = 0; i < actual.features().length; i++) {
                if (Double.doubleToLongBits(actual.feature(i)) != Double.doubleToLongBits(expected.value(i))) {
                    throw new AssertionError("instance " + n + ", feature " + i + ": expected " + expected.value(i)
                        + " but was " + actual.feature(i));
                }
            }
            if (actual.target() != expected.classValue()) {
                throw new AssertionError("instance " + n + ": expected class " + expected.classValue()
                    + " but was " + actual.target());
            }
        }
    }
}

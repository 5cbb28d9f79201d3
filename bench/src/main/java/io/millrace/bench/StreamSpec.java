package io.millrace.bench;

import io.millrace.learning.generators.Generators;
import io.millrace.learning.generators.InstanceStream;
import moa.streams.ConceptDriftStream;
import moa.streams.generators.AgrawalGenerator;
import moa.streams.generators.HyperplaneGenerator;
import moa.streams.generators.SEAGenerator;

import java.util.Map;
import java.util.function.Supplier;

/**
 * One benchmark stream: how Millrace's generators draw it and which MOA stream gives the same
 * instances (checked at the start of every run, see {@link StreamCheck}).
 *
 * @param name        the stream's name in the report
 * @param description what it is, for the report
 * @param moaCommand  the equivalent MOA stream on MOA's command line
 * @param ours        Millrace's stream
 * @param moa         MOA's stream
 * @param count       instances to draw
 */
record StreamSpec(String name, String description, String moaCommand, Supplier<InstanceStream> ours,
                  Supplier<moa.streams.InstanceStream> moa, int count) {

    String fullDescription() {
        return description + "; MOA: " + moaCommand;
    }

    BenchStream draw() {
        return BenchStream.draw(name, fullDescription(), ours.get(), count);
    }

    /** SEA function 1 (noise 10%) switching abruptly to function 4 at the middle of the stream. */
    static StreamSpec sea(long seed, int count) {
        int position = count / 2;
        int s = Math.toIntExact(seed);
        return new StreamSpec("sea", "SEA f1 -> f4, abrupt drift at " + position,
            "ConceptDriftStream -s (SEAGenerator -f 1 -i " + s + ") -d (SEAGenerator -f 4 -i " + (s + 1) + ") -p "
                + (position + 1) + " -w 0 -r " + s,
            () -> Generators.create("sea", Map.of(), seed, (long) position),
            () -> {
                ConceptDriftStream stream = new ConceptDriftStream();
                stream.streamOption.setCurrentObject(moaSea(1, s));
                stream.driftstreamOption.setCurrentObject(moaSea(4, s + 1));
                stream.positionOption.setValue(position + 1);
                stream.widthOption.setValue(0);
                stream.randomSeedOption.setValue(s);
                stream.prepareForUse();
                return stream;
            }, count);
    }

    /**
     * Rotating hyperplane (Hulten et al., KDD 2001), MOA's gradual drift: 10 attributes, 2 of them
     * drifting by 0.001 per instance, 10% chance of reversing direction, 5% label noise.
     */
    static StreamSpec rotatingHyperplane(long seed, int count) {
        int s = Math.toIntExact(seed);
        return new StreamSpec("hyperplane", "rotating hyperplane, gradual drift (magChange 0.001 on 2 of 10 attributes)",
            "HyperplaneGenerator -k 2 -t 0.001 -i " + s,
            () -> Generators.create("hyperplane", Map.of("magChange", "0.001"), seed, null),
            () -> moaHyperplane(0.001, s), count);
    }

    /** Agrawal's loan function 1 with MOA's defaults (5% perturbation), no drift. */
    static StreamSpec agrawal(long seed, int count) {
        int s = Math.toIntExact(seed);
        return new StreamSpec("agrawal", "Agrawal function 1, 6 numeric and 3 nominal attributes, no drift",
            "AgrawalGenerator -f 1 -i " + s,
            () -> Generators.create("agrawal", Map.of(), seed, null),
            () -> {
                AgrawalGenerator generator = new AgrawalGenerator();
                generator.instanceRandomSeedOption.setValue(s);
                generator.prepareForUse();
                return generator;
            }, count);
    }

    /** A still hyperplane over 10 dense numeric attributes: the logistic-regression throughput run. */
    static StreamSpec denseHyperplane(long seed, int count) {
        int s = Math.toIntExact(seed);
        return new StreamSpec("hyperplane-10", "still hyperplane, 10 dense numeric attributes, no drift",
            "HyperplaneGenerator -i " + s,
            () -> Generators.create("hyperplane", Map.of(), seed, null),
            () -> moaHyperplane(0.0, s), count);
    }

    private static SEAGenerator moaSea(int function, int seed) {
        SEAGenerator generator = new SEAGenerator();
        generator.functionOption.setValue(function);
        generator.instanceRandomSeedOption.setValue(seed);
        generator.prepareForUse();
        return generator;
    }

    private static HyperplaneGenerator moaHyperplane(double magChange, int seed) {
        HyperplaneGenerator generator = new HyperplaneGenerator();
        generator.magChangeOption.setValue(magChange);
        generator.instanceRandomSeedOption.setValue(seed);
        generator.prepareForUse();
        return generator;
    }
}

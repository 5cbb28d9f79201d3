package io.millrace.learning.tree;

import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import io.millrace.learning.Attribute;
import io.millrace.learning.Header;
import io.millrace.learning.Learner;
import moa.classifiers.AbstractClassifier;
import moa.core.Utils;
import moa.streams.ConceptDriftStream;
import moa.streams.InstanceStream;
import moa.streams.generators.AgrawalGenerator;
import moa.streams.generators.HyperplaneGenerator;
import moa.streams.generators.RandomRBFGenerator;
import moa.streams.generators.RandomTreeGenerator;
import moa.streams.generators.SEAGenerator;

import java.util.ArrayList;
import java.util.List;

/**
 * MOA as the oracle: its generators (SEA, SEA with an abrupt drift, Agrawal), its headers and instances
 * converted to Millrace headers and feature vectors, and prequential loops (test, then train) for a
 * MOA classifier and a Millrace learner over the same instances.
 */
public final class MoaStreams {

    private MoaStreams() {
    }

    /** A stream materialised twice: as MOA instances and as Millrace rows. */
    public record Sample(Header header, InstancesHeader moaHeader, List<Instance> instances, double[][] features,
                         int[] labels) {
        public int size() {
            return labels.length;
        }
    }

    public static SEAGenerator sea(int function, int seed) {
        SEAGenerator generator = new SEAGenerator();
        generator.functionOption.setValue(function);
        generator.instanceRandomSeedOption.setValue(seed);
        generator.prepareForUse();
        return generator;
    }

    /** SEA function 1, switching abruptly to function 4 at {@code position}. */
    public static ConceptDriftStream seaWithDrift(int seed, int position) {
        return abruptDrift(sea(1, seed), sea(4, seed + 1), position, seed);
    }

    /** {@code before} until {@code position}, then {@code after}. */
    public static ConceptDriftStream abruptDrift(InstanceStream before, InstanceStream after, int position, int seed) {
        ConceptDriftStream stream = new ConceptDriftStream();
        stream.streamOption.setCurrentObject(before);
        stream.driftstreamOption.setCurrentObject(after);
        stream.positionOption.setValue(position);
        stream.widthOption.setValue(1);
        stream.randomSeedOption.setValue(seed);
        stream.prepareForUse();
        return stream;
    }

    public static AgrawalGenerator agrawal(int function, int seed) {
        AgrawalGenerator generator = new AgrawalGenerator();
        generator.functionOption.setValue(function);
        generator.instanceRandomSeedOption.setValue(seed);
        generator.prepareForUse();
        return generator;
    }

    /** Rotating hyperplane: gradual drift of {@code magnitude} per instance, 5% label noise. */
    public static HyperplaneGenerator hyperplane(double magnitude, int seed) {
        HyperplaneGenerator generator = new HyperplaneGenerator();
        generator.magChangeOption.setValue(magnitude);
        generator.instanceRandomSeedOption.setValue(seed);
        generator.prepareForUse();
        return generator;
    }

    /** Random tree concept with nominal and numeric attributes and {@code classes} classes. */
    public static RandomTreeGenerator randomTree(int classes, int seed) {
        RandomTreeGenerator generator = new RandomTreeGenerator();
        generator.numClassesOption.setValue(classes);
        generator.treeRandomSeedOption.setValue(seed);
        generator.instanceRandomSeedOption.setValue(seed);
        generator.prepareForUse();
        return generator;
    }

    /** Random radial basis functions: numeric attributes, {@code classes} classes. */
    public static RandomRBFGenerator randomRbf(int classes, int seed) {
        RandomRBFGenerator generator = new RandomRBFGenerator();
        generator.numClassesOption.setValue(classes);
        generator.modelRandomSeedOption.setValue(seed);
        generator.instanceRandomSeedOption.setValue(seed);
        generator.prepareForUse();
        return generator;
    }

    /** The same sample with each feature value missing (MOA: missing, ours: NaN) with probability {@code rate}. */
    public static Sample withMissing(Sample sample, double rate, long seed) {
        java.util.Random random = new java.util.Random(seed);
        List<Instance> instances = new ArrayList<>(sample.size());
        double[][] features = new double[sample.size()][];
        for (int i = 0; i < sample.size(); i++) {
            Instance instance = sample.instances().get(i).copy();
            double[] row = sample.features()[i].clone();
            int k = 0;
            for (int a = 0; a < instance.numAttributes(); a++) {
                if (a == instance.classIndex()) {
                    continue;
                }
                if (random.nextDouble() < rate) {
                    instance.setMissing(a);
                    row[k] = Double.NaN;
                }
                k++;
            }
            instances.add(instance);
            features[i] = row;
        }
        return new Sample(sample.header(), sample.moaHeader(), instances, features, sample.labels());
    }

    public static Sample take(InstanceStream stream, int count) {
        InstancesHeader moaHeader = stream.getHeader();
        Header header = header(moaHeader);
        List<Instance> instances = new ArrayList<>(count);
        double[][] features = new double[count][];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            Instance instance = stream.nextInstance().getData();
            instances.add(instance);
            features[i] = features(instance);
            labels[i] = (int) instance.classValue();
        }
        return new Sample(header, moaHeader, instances, features, labels);
    }

    public static Header header(InstancesHeader moaHeader) {
        List<Attribute> features = new ArrayList<>();
        Attribute target = null;
        for (int i = 0; i < moaHeader.numAttributes(); i++) {
            Attribute attribute = attribute(moaHeader.attribute(i));
            if (i == moaHeader.classIndex()) {
                target = attribute;
            } else {
                features.add(attribute);
            }
        }
        return new Header(moaHeader.getRelationName(), features, target);
    }

    private static Attribute attribute(com.yahoo.labs.samoa.instances.Attribute moa) {
        if (!moa.isNominal()) {
            return Attribute.numeric(moa.name());
        }
        List<String> values = new ArrayList<>();
        for (int v = 0; v < moa.numValues(); v++) {
            values.add(moa.value(v));
        }
        return Attribute.nominal(moa.name(), values);
    }

    public static double[] features(Instance instance) {
        double[] row = new double[instance.numAttributes() - 1];
        int k = 0;
        for (int i = 0; i < instance.numAttributes(); i++) {
            if (i != instance.classIndex()) {
                row[k++] = instance.value(i);
            }
        }
        return row;
    }

    /** Predictions of a MOA classifier, tested then trained on each instance. */
    public static int[] prequential(AbstractClassifier classifier, Sample sample) {
        classifier.setModelContext(sample.moaHeader());
        classifier.prepareForUse();
        int[] predictions = new int[sample.size()];
        for (int i = 0; i < sample.size(); i++) {
            Instance instance = sample.instances().get(i);
            predictions[i] = Utils.maxIndex(classifier.getVotesForInstance(instance));
            classifier.trainOnInstance(instance);
        }
        return predictions;
    }

    /** Predictions of a Millrace learner, tested then trained on each row. */
    public static int[] prequential(Learner learner, Sample sample) {
        return prequential(learner, sample, 0, sample.size());
    }

    public static int[] prequential(Learner learner, Sample sample, int from, int to) {
        int[] predictions = new int[to - from];
        for (int i = from; i < to; i++) {
            predictions[i - from] = learner.predictClass(sample.features()[i]);
            learner.learn(sample.features()[i], sample.labels()[i]);
        }
        return predictions;
    }

    public static double accuracy(int[] predictions, Sample sample) {
        int correct = 0;
        for (int i = 0; i < predictions.length; i++) {
            if (predictions[i] == sample.labels()[i]) {
                correct++;
            }
        }
        return (double) correct / predictions.length;
    }

    /** Index of the first position where two prediction sequences differ, or -1. */
    public static int firstDifference(int[] ours, int[] theirs) {
        for (int i = 0; i < ours.length; i++) {
            if (ours[i] != theirs[i]) {
                return i;
            }
        }
        return -1;
    }

    public static int differences(int[] ours, int[] theirs) {
        int count = 0;
        for (int i = 0; i < ours.length; i++) {
            if (ours[i] != theirs[i]) {
                count++;
            }
        }
        return count;
    }
}

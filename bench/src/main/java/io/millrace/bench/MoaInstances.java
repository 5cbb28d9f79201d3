package io.millrace.bench;

import com.yahoo.labs.samoa.instances.DenseInstance;
import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.Instances;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import io.millrace.learning.Attribute;
import io.millrace.learning.Header;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns Millrace headers and rows into MOA's: the features in the same order, the class last, nominal
 * values as their category index (which is how MOA stores them too).
 */
final class MoaInstances {

    private MoaInstances() {
    }

    /** MOA's header for a Millrace header: the same attributes, then the target as the class attribute. */
    static InstancesHeader header(Header header) {
        List<com.yahoo.labs.samoa.instances.Attribute> attributes = new ArrayList<>(header.numFeatures() + 1);
        for (Attribute feature : header.features()) {
            attributes.add(attribute(feature));
        }
        attributes.add(attribute(header.target()));
        Instances instances = new Instances(header.name(), attributes, 0);
        instances.setClassIndex(attributes.size() - 1);
        return new InstancesHeader(instances);
    }

    /** One MOA instance of weight 1 holding {@code features} and then {@code target}. */
    static Instance instance(InstancesHeader header, double[] features, double target) {
        double[] values = new double[features.length + 1];
        System.arraycopy(features, 0, values, 0, features.length);
        values[features.length] = target;
        DenseInstance instance = new DenseInstance(1.0, values);
        instance.setDataset(header);
        return instance;
    }

    private static com.yahoo.labs.samoa.instances.Attribute attribute(Attribute attribute) {
        return attribute.isNominal()
            ? new com.yahoo.labs.samoa.instances.Attribute(attribute.name(), attribute.values())
            : new com.yahoo.labs.samoa.instances.Attribute(attribute.name());
    }
}

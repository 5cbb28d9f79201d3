package io.millrace.bench;

import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import io.millrace.learning.Header;
import io.millrace.learning.generators.InstanceStream;

/**
 * A stream drawn once and held in memory in both forms, so that every timed loop reads the same
 * instances and none pays for generating or converting them: Millrace rows ({@code features},
 * {@code labels}) and the equal MOA instances.
 *
 * @param name         the stream's name in the report
 * @param description  what the stream is and its MOA command-line equivalent
 * @param header       the Millrace header
 * @param features     one row per instance
 * @param labels       the class index of each instance
 * @param moaHeader    MOA's header for the same attributes
 * @param moaInstances the same instances as MOA's
 */
record BenchStream(String name, String description, Header header, double[][] features, int[] labels,
                   InstancesHeader moaHeader, Instance[] moaInstances) {

    int size() {
        return labels.length;
    }

    /** Draws {@code count} instances from {@code stream} and converts each to MOA's form once. */
    static BenchStream draw(String name, String description, InstanceStream stream, int count) {
        Header header = stream.header();
        InstancesHeader moaHeader = MoaInstances.header(header);
        double[][] features = new double[count][];
        int[] labels = new int[count];
        Instance[] moaInstances = new Instance[count];
        for (int i = 0; i < count; i++) {
            io.millrace.learning.generators.Instance instance = stream.next();
            features[i] = instance.features();
            labels[i] = instance.label();
            moaInstances[i] = MoaInstances.instance(moaHeader, instance.features(), instance.target());
        }
        return new BenchStream(name, description, header, features, labels, moaHeader, moaInstances);
    }
}

package io.millrace.learning;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The shape of a stream: its feature attributes and its target. A nominal target makes a
 * classification task (the label is the class index), a numeric one a regression task.
 */
public record Header(String name, List<Attribute> features, Attribute target) {

    public Header {
        Objects.requireNonNull(name, "name");
        features = List.copyOf(features);
        Objects.requireNonNull(target, "target");
    }

    public int numFeatures() {
        return features.size();
    }

    public Attribute feature(int index) {
        return features.get(index);
    }

    public boolean isClassification() {
        return target.isNominal();
    }

    /** Number of classes of a classification task; 1 for regression (one predicted value). */
    public int numClasses() {
        return isClassification() ? target.cardinality() : 1;
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeUTF(name);
        out.writeInt(features.size());
        for (Attribute attribute : features) {
            writeAttribute(out, attribute);
        }
        writeAttribute(out, target);
    }

    public static Header readFrom(DataInput in) throws IOException {
        String name = in.readUTF();
        int count = checkedCount(in.readInt(), "features");
        List<Attribute> features = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            features.add(readAttribute(in));
        }
        return new Header(name, features, readAttribute(in));
    }

    /** A count read from bytes; lists grow as entries are read, so a corrupt count fails at end of input, not in memory. */
    private static int checkedCount(int count, String what) throws IOException {
        if (count < 0) {
            throw new IOException("header claims " + count + " " + what);
        }
        return count;
    }

    private static void writeAttribute(DataOutput out, Attribute attribute) throws IOException {
        out.writeUTF(attribute.name());
        out.writeByte(attribute.kind().ordinal());
        out.writeInt(attribute.values().size());
        for (String value : attribute.values()) {
            out.writeUTF(value);
        }
    }

    private static Attribute readAttribute(DataInput in) throws IOException {
        String name = in.readUTF();
        Attribute.Kind kind = Attribute.Kind.values()[in.readByte()];
        int count = checkedCount(in.readInt(), "values of '" + name + "'");
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(in.readUTF());
        }
        return new Attribute(name, kind, values);
    }
}

package io.millrace.learning.features;

import io.millrace.learning.Attribute;
import io.millrace.learning.Header;
import io.millrace.learning.StateCodec;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one definition of a model's features, shared by the speed layer, the batch layer and serving so
 * that training and serving never compute a feature differently: the ordered feature definitions (one
 * encoded column each) and the target. A spec is pure data; the running scaler statistics live in the
 * {@link FeatureEncoder} built from it. Both travel with a model version as bytes.
 *
 * @param name     the stream or model name, also the header's name
 * @param features the definitions, in column order; names are unique
 * @param target   the label attribute: nominal for classification, numeric for regression
 */
public record FeatureSpec(String name, List<FeatureDefinition> features, Attribute target) {

    /** Kind name in the byte envelope. */
    public static final String KIND = "feature-spec";
    private static final int FORMAT_VERSION = 1;

    public FeatureSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        features = List.copyOf(features);
        Map<String, FeatureDefinition> byName = new HashMap<>();
        for (FeatureDefinition feature : features) {
            if (byName.put(feature.name(), feature) != null) {
                throw new IllegalArgumentException("feature '" + feature.name() + "' is defined twice");
            }
        }
        for (FeatureDefinition feature : features) {
            if (feature instanceof RollingFeature rolling) {
                checkBase(rolling, byName.get(rolling.base()));
            }
        }
    }

    private static void checkBase(RollingFeature rolling, FeatureDefinition base) {
        if (base == null || base instanceof RollingFeature) {
            throw new IllegalArgumentException("rolling feature '" + rolling.name() + "' names base '" + rolling.base()
                + "', which is not a raw feature of the spec");
        }
        if (base instanceof CategoricalFeature && rolling.aggregate() != RollingFeature.Aggregate.COUNT) {
            throw new IllegalArgumentException("rolling feature '" + rolling.name() + "' takes the "
                + rolling.aggregate() + " of categorical '" + rolling.base() + "': only COUNT applies");
        }
    }

    /** The header of the rows a {@link FeatureEncoder} of this spec produces. */
    public Header header() {
        List<Attribute> attributes = new ArrayList<>(features.size());
        for (FeatureDefinition feature : features) {
            attributes.add(feature instanceof CategoricalFeature categorical
                ? Attribute.nominal(feature.name(), categorical.positions())
                : Attribute.numeric(feature.name()));
        }
        return new Header(name, attributes, target);
    }

    /** The rolling features, which the caller computes from its stores and passes to the encoder. */
    public List<RollingFeature> rollingFeatures() {
        return features.stream().filter(RollingFeature.class::isInstance).map(RollingFeature.class::cast).toList();
    }

    public byte[] toBytes() {
        return StateCodec.encode(KIND, FORMAT_VERSION, this::writeTo);
    }

    public static FeatureSpec fromBytes(byte[] bytes) {
        return StateCodec.decode(bytes, KIND, FORMAT_VERSION, (in, version) -> readFrom(in));
    }

    void writeTo(DataOutputStream out) throws IOException {
        new Header(name, List.of(), target).writeTo(out);
        out.writeInt(features.size());
        for (FeatureDefinition feature : features) {
            writeFeature(out, feature);
        }
    }

    static FeatureSpec readFrom(DataInputStream in) throws IOException {
        try {
            Header shell = Header.readFrom(in);
            int count = in.readInt();
            if (count < 0 || count > in.available()) {
                throw new IOException("feature count " + count + " exceeds the remaining bytes");
            }
            List<FeatureDefinition> features = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                features.add(readFeature(in));
            }
            return new FeatureSpec(shell.name(), features, shell.target());
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IOException("invalid feature spec: " + e.getMessage(), e);
        }
    }

    private static void writeFeature(DataOutputStream out, FeatureDefinition feature) throws IOException {
        if (feature instanceof NumericFeature numeric) {
            out.writeByte(0);
            out.writeUTF(numeric.name());
            out.writeByte(numeric.scaling().ordinal());
        } else if (feature instanceof CategoricalFeature categorical) {
            out.writeByte(1);
            out.writeUTF(categorical.name());
            out.writeByte(categorical.encoding().ordinal());
            out.writeInt(categorical.categories().size());
            for (String category : categorical.categories()) {
                out.writeUTF(category);
            }
            out.writeInt(categorical.buckets());
            out.writeInt(categorical.seed());
        } else {
            RollingFeature rolling = (RollingFeature) feature;
            out.writeByte(2);
            out.writeUTF(rolling.name());
            out.writeUTF(rolling.base());
            out.writeByte(rolling.aggregate().ordinal());
            out.writeLong(rolling.window().toMillis());
            out.writeByte(rolling.scaling().ordinal());
        }
        writeMissing(out, feature.missing());
    }

    private static FeatureDefinition readFeature(DataInputStream in) throws IOException {
        int tag = in.readByte();
        switch (tag) {
            case 0 -> {
                String name = in.readUTF();
                Scaling scaling = Scaling.values()[in.readByte()];
                return new NumericFeature(name, scaling, readMissing(in));
            }
            case 1 -> {
                String name = in.readUTF();
                CategoricalFeature.Encoding encoding = CategoricalFeature.Encoding.values()[in.readByte()];
                int count = in.readInt();
                if (count < 0 || count > in.available()) {
                    throw new IOException("category count " + count + " exceeds the remaining bytes");
                }
                List<String> categories = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    categories.add(in.readUTF());
                }
                int buckets = in.readInt();
                int seed = in.readInt();
                return new CategoricalFeature(name, encoding, categories, buckets, seed, readMissing(in));
            }
            case 2 -> {
                String name = in.readUTF();
                String base = in.readUTF();
                RollingFeature.Aggregate aggregate = RollingFeature.Aggregate.values()[in.readByte()];
                Duration window = Duration.ofMillis(in.readLong());
                Scaling scaling = Scaling.values()[in.readByte()];
                return new RollingFeature(name, base, aggregate, window, scaling, readMissing(in));
            }
            default -> throw new IOException("unknown feature tag " + tag);
        }
    }

    private static void writeMissing(DataOutputStream out, MissingPolicy missing) throws IOException {
        if (missing instanceof MissingPolicy.ImputeMean) {
            out.writeByte(0);
        } else if (missing instanceof MissingPolicy.Constant constant) {
            out.writeByte(1);
            out.writeDouble(constant.value());
        } else if (missing instanceof MissingPolicy.Category category) {
            out.writeByte(2);
            out.writeUTF(category.value());
        } else {
            out.writeByte(3);
        }
    }

    private static MissingPolicy readMissing(DataInputStream in) throws IOException {
        int tag = in.readByte();
        return switch (tag) {
            case 0 -> MissingPolicy.imputeMean();
            case 1 -> MissingPolicy.constant(in.readDouble());
            case 2 -> MissingPolicy.category(in.readUTF());
            case 3 -> MissingPolicy.asMissing();
            default -> throw new IOException("unknown missing-value policy tag " + tag);
        };
    }
}

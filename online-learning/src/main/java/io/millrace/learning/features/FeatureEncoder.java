package io.millrace.learning.features;

import io.millrace.learning.Header;
import io.millrace.learning.InvalidInputException;
import io.millrace.learning.StateCodec;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns raw feature values into the row a learner takes, exactly as its {@link FeatureSpec} defines,
 * with the running scaler statistics of every numeric and rolling feature. Speed layer, batch layer and
 * serving each hold one (restored from the same bytes where they must agree), so a feature is never
 * computed two ways.
 *
 * <p>Inputs: the raw map as an Avro {@code Event} carries it (feature name to {@link Number} for numeric,
 * {@link CharSequence} for categorical, null or absent for missing; other keys are ignored), and the
 * rolling map (rolling feature name to its {@link Number} value, computed by the caller's stores).
 * Outcomes: a missing or NaN value follows the feature's {@link MissingPolicy}; an unseen category
 * takes the "other" position (one-hot) or its hash bucket (hashing); a value of the wrong type, or an
 * infinite number, throws {@link InvalidInputException} naming the feature.
 *
 * <p>{@link #encode} is pure: it reads the statistics and changes nothing. {@link #observe} adds a
 * row's values to the statistics after checking the whole row, so a bad row changes nothing. The
 * prequential order is {@link #encodeThenObserve}: a value never scales itself. Not thread-safe for
 * {@code observe}; {@code encode} may run concurrently with other {@code encode} calls.
 */
public final class FeatureEncoder {

    /** Kind name in the byte envelope. */
    public static final String KIND = "feature-encoder";
    private static final int FORMAT_VERSION = 1;

    private final FeatureSpec spec;
    private final Header header;
    private final FeatureDefinition[] definitions;
    /** Per column: the scaler of a numeric or rolling feature; null for a categorical one. */
    private final RunningScaler[] scalers;
    /** Per column: category to position of a one-hot feature; null otherwise. */
    private final Map<String, Integer>[] vocabularies;
    private final double[] pending;

    public FeatureEncoder(FeatureSpec spec) {
        this(spec, null);
    }

    @SuppressWarnings("unchecked")
    private FeatureEncoder(FeatureSpec spec, RunningScaler[] restored) {
        this.spec = spec;
        this.header = spec.header();
        List<FeatureDefinition> features = spec.features();
        this.definitions = features.toArray(new FeatureDefinition[0]);
        this.scalers = new RunningScaler[definitions.length];
        this.vocabularies = new Map[definitions.length];
        for (int i = 0; i < definitions.length; i++) {
            if (definitions[i] instanceof CategoricalFeature categorical) {
                vocabularies[i] = categorical.encoding() == CategoricalFeature.Encoding.ONE_HOT ? vocabulary(categorical) : null;
            } else {
                scalers[i] = restored == null ? new RunningScaler() : restored[i];
            }
        }
        this.pending = new double[definitions.length];
    }

    private static Map<String, Integer> vocabulary(CategoricalFeature feature) {
        Map<String, Integer> positions = new HashMap<>();
        for (int c = 0; c < feature.categories().size(); c++) {
            positions.put(feature.categories().get(c), c);
        }
        return positions;
    }

    public FeatureSpec spec() {
        return spec;
    }

    /** The header of the encoded rows: one column per feature, in the spec's order. */
    public Header header() {
        return header;
    }

    /** The encoded row. Pure: the statistics do not change. */
    public double[] encode(Map<String, ?> raw, Map<String, ?> rolling) {
        double[] row = new double[definitions.length];
        encode(raw, rolling, row);
        return row;
    }

    /**
     * Writes the encoded row into {@code into} (length {@link Header#numFeatures()}), allocating nothing
     * for numeric features. On an exception {@code into} may be partly written.
     */
    public void encode(Map<String, ?> raw, Map<String, ?> rolling, double[] into) {
        if (into.length != definitions.length) {
            throw new IllegalArgumentException("row buffer has " + into.length + " slots, the spec " + definitions.length);
        }
        for (int i = 0; i < definitions.length; i++) {
            FeatureDefinition definition = definitions[i];
            if (definition instanceof CategoricalFeature categorical) {
                into[i] = position(i, categorical, readCategory(raw, categorical.name()));
            } else {
                Map<String, ?> source = definition instanceof RollingFeature ? rolling : raw;
                into[i] = scaled(i, definition, readNumber(source, definition.name()));
            }
        }
    }

    /** Adds the row's numeric and rolling values to the running statistics, after checking the whole row. */
    public void observe(Map<String, ?> raw, Map<String, ?> rolling) {
        for (int i = 0; i < definitions.length; i++) {
            FeatureDefinition definition = definitions[i];
            if (definition instanceof CategoricalFeature) {
                readCategory(raw, definition.name());
            } else {
                pending[i] = readNumber(definition instanceof RollingFeature ? rolling : raw, definition.name());
            }
        }
        for (int i = 0; i < definitions.length; i++) {
            if (scalers[i] == null) {
                continue;
            }
            if (Double.isNaN(pending[i])) {
                scalers[i].observeMissing();
            } else {
                scalers[i].observe(pending[i]);
            }
        }
    }

    /** Encodes the row with the statistics as they were, then adds it to them: test, then train. */
    public double[] encodeThenObserve(Map<String, ?> raw, Map<String, ?> rolling) {
        double[] row = encode(raw, rolling);
        observe(raw, rolling);
        return row;
    }

    /**
     * The label as a learner takes it: for a nominal target the class index of a class name (a numeric
     * label must be an integral class index), for a numeric target the number.
     *
     * @throws InvalidInputException for a null, unknown, non-finite or wrongly typed label
     */
    public double encodeLabel(Object label) {
        var target = spec.target();
        if (label == null) {
            throw new InvalidInputException("label of '" + target.name() + "' is missing");
        }
        if (target.isNominal()) {
            if (label instanceof CharSequence name) {
                int index = target.indexOf(name.toString());
                if (index < 0) {
                    throw new InvalidInputException("label '" + name + "' is not a class of '" + target.name()
                        + "' " + target.values());
                }
                return index;
            }
            if (label instanceof Number number) {
                double index = number.doubleValue();
                if (index >= 0 && index < target.cardinality() && index == Math.rint(index)) {
                    return index;
                }
                throw new InvalidInputException("label " + label + " is not a class index of '" + target.name()
                    + "' (it has " + target.cardinality() + ")");
            }
        } else if (label instanceof Number number && Double.isFinite(number.doubleValue())) {
            return number.doubleValue();
        }
        throw new InvalidInputException("label of '" + target.name() + "' has the wrong type or value: "
            + label.getClass().getSimpleName() + " " + label);
    }

    /** Values observed for a numeric or rolling feature. */
    public long count(String feature) {
        return scaler(feature).count();
    }

    /** Missing values seen by {@link #observe} for a numeric or rolling feature. */
    public long missingCount(String feature) {
        return scaler(feature).missing();
    }

    /** The running mean of a numeric or rolling feature; 0 before the first value. */
    public double mean(String feature) {
        return scaler(feature).mean();
    }

    /** The running population standard deviation of a numeric or rolling feature. */
    public double standardDeviation(String feature) {
        return scaler(feature).standardDeviation();
    }

    /** The spec and the scaler statistics. */
    public byte[] toBytes() {
        return StateCodec.encode(KIND, FORMAT_VERSION, out -> {
            spec.writeTo(out);
            for (RunningScaler scaler : scalers) {
                if (scaler != null) {
                    scaler.writeTo(out);
                }
            }
        });
    }

    /** Restores an encoder written by {@link #toBytes}: it encodes exactly as the original. */
    public static FeatureEncoder fromBytes(byte[] bytes) {
        return StateCodec.decode(bytes, KIND, FORMAT_VERSION, (in, version) -> read(in));
    }

    private static FeatureEncoder read(DataInputStream in) throws IOException {
        FeatureSpec spec = FeatureSpec.readFrom(in);
        RunningScaler[] scalers = new RunningScaler[spec.features().size()];
        for (int i = 0; i < scalers.length; i++) {
            if (!(spec.features().get(i) instanceof CategoricalFeature)) {
                scalers[i] = RunningScaler.readFrom(in);
            }
        }
        return new FeatureEncoder(spec, scalers);
    }

    private RunningScaler scaler(String feature) {
        for (int i = 0; i < definitions.length; i++) {
            if (definitions[i].name().equals(feature) && scalers[i] != null) {
                return scalers[i];
            }
        }
        throw new IllegalArgumentException("no numeric or rolling feature '" + feature + "' in spec '" + spec.name() + "'");
    }

    private double scaled(int column, FeatureDefinition definition, double value) {
        Scaling scaling = definition instanceof NumericFeature numeric ? numeric.scaling() : ((RollingFeature) definition).scaling();
        RunningScaler scaler = scalers[column];
        if (Double.isNaN(value)) {
            MissingPolicy missing = definition.missing();
            if (missing instanceof MissingPolicy.AsMissing) {
                return Double.NaN;
            }
            value = missing instanceof MissingPolicy.Constant constant ? constant.value() : scaler.mean();
        }
        return scaler.scale(value, scaling);
    }

    private double position(int column, CategoricalFeature feature, String category) {
        if (category == null) {
            if (!(feature.missing() instanceof MissingPolicy.Category imputed)) {
                return Double.NaN;
            }
            category = imputed.value();
        }
        if (feature.encoding() == CategoricalFeature.Encoding.HASHING) {
            return Murmur3.bucket(category, feature.seed(), feature.buckets());
        }
        Integer position = vocabularies[column].get(category);
        return position != null ? position : feature.categories().size();
    }

    /** A present number, or NaN when absent, null or NaN. */
    private static double readNumber(Map<String, ?> source, String name) {
        Object value = source == null ? null : source.get(name);
        if (value == null) {
            return Double.NaN;
        }
        if (!(value instanceof Number number)) {
            throw new InvalidInputException("feature '" + name + "' is numeric but got " + describe(value));
        }
        double x = number.doubleValue();
        if (Double.isInfinite(x)) {
            throw new InvalidInputException("feature '" + name + "' is infinite");
        }
        return x;
    }

    /** A present category, or null when absent or null. */
    private static String readCategory(Map<String, ?> raw, String name) {
        Object value = raw == null ? null : raw.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof CharSequence text)) {
            throw new InvalidInputException("feature '" + name + "' is categorical but got " + describe(value));
        }
        return text.toString();
    }

    private static String describe(Object value) {
        String text = String.valueOf(value);
        return "a " + value.getClass().getSimpleName() + " (" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + ")";
    }
}

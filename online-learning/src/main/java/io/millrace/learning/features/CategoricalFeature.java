package io.millrace.learning.features;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A categorical feature read from the raw map (a string; a number is a wrong type). It becomes one
 * nominal column whose value is the index of the category's position, which a learner turns into its
 * one-hot input (linear models, the MLP) or splits on (trees):
 * <ul>
 *   <li>{@link Encoding#ONE_HOT}: the listed categories, then {@link #OTHER}; an unseen category takes
 *       the {@code OTHER} position;</li>
 *   <li>{@link Encoding#HASHING}: {@code buckets} positions named {@code "0"} to {@code "buckets-1"};
 *       a category goes to {@code murmur3_32(utf8(category), seed) mod buckets}
 *       ({@link Murmur3}), so unseen categories need no vocabulary and collisions share a position.
 *       At most {@link #MAX_BUCKETS} buckets, because the header lists every position.</li>
 * </ul>
 */
public record CategoricalFeature(String name, Encoding encoding, List<String> categories, int buckets, int seed,
                                 MissingPolicy missing) implements FeatureDefinition {

    /** The name of the position that every unlisted category of a one-hot feature takes. */
    public static final String OTHER = "__other__";
    /** The largest number of hash buckets. */
    public static final int MAX_BUCKETS = 1 << 16;

    /** How categories become positions. */
    public enum Encoding { ONE_HOT, HASHING }

    public CategoricalFeature {
        FeatureDefinition.requireName(name);
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(missing, "missing");
        categories = categories == null ? List.of() : List.copyOf(categories);
        if (missing instanceof MissingPolicy.ImputeMean || missing instanceof MissingPolicy.Constant) {
            throw new IllegalArgumentException("categorical feature '" + name + "' imputes a category or leaves it missing");
        }
        if (encoding == Encoding.ONE_HOT) {
            if (categories.isEmpty() || new HashSet<>(categories).size() != categories.size() || categories.contains(OTHER)) {
                throw new IllegalArgumentException("one-hot feature '" + name + "' needs distinct categories other than "
                    + OTHER + ", got " + categories);
            }
        } else if (!categories.isEmpty() || buckets < 1 || buckets > MAX_BUCKETS) {
            throw new IllegalArgumentException("hashed feature '" + name + "' needs 1 to " + MAX_BUCKETS
                + " buckets and no category list, got " + buckets + " buckets and " + categories);
        }
    }

    /** One-hot over {@code categories} plus "other"; missing values left missing. */
    public static CategoricalFeature oneHot(String name, String... categories) {
        return new CategoricalFeature(name, Encoding.ONE_HOT, List.of(categories), 0, 0, MissingPolicy.asMissing());
    }

    /** Hashed into {@code buckets}; missing values left missing. */
    public static CategoricalFeature hashing(String name, int buckets, int seed) {
        return new CategoricalFeature(name, Encoding.HASHING, List.of(), buckets, seed, MissingPolicy.asMissing());
    }

    /** A copy with another missing-value policy. */
    public CategoricalFeature withMissing(MissingPolicy policy) {
        return new CategoricalFeature(name, encoding, categories, buckets, seed, policy);
    }

    /** The names of the column's positions, in index order. */
    public List<String> positions() {
        List<String> positions = new ArrayList<>();
        if (encoding == Encoding.ONE_HOT) {
            positions.addAll(categories);
            positions.add(OTHER);
        } else {
            for (int b = 0; b < buckets; b++) {
                positions.add(Integer.toString(b));
            }
        }
        return positions;
    }
}

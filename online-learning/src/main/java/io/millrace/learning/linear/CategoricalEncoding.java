package io.millrace.learning.linear;

/**
 * How a linear learner expands a nominal attribute into weights. An attribute with at most
 * {@code maxOneHotCardinality} categories gets one weight per category (one-hot); a larger one is
 * hashed: the key {@code "name=value"} goes through {@link io.millrace.learning.features.Murmur3} with
 * {@code hashSeed} into one of {@code hashBuckets} weights shared by every hashed attribute (Weinberger
 * et al. 2009, "Feature hashing for large scale multitask learning"), so memory stays bounded whatever
 * the cardinality. Two categories that collide share a weight.
 */
public record CategoricalEncoding(int maxOneHotCardinality, int hashBuckets, int hashSeed) {

    /** Upper bound on hash buckets: 16 M weights (128 MB per class) is already more than a stream model should hold. */
    public static final int MAX_HASH_BUCKETS = 1 << 24;

    public CategoricalEncoding {
        if (maxOneHotCardinality < 0) {
            throw new IllegalArgumentException("maxOneHotCardinality must be >= 0, got " + maxOneHotCardinality);
        }
        if (hashBuckets < 1 || hashBuckets > MAX_HASH_BUCKETS) {
            throw new IllegalArgumentException("hashBuckets must be in [1, " + MAX_HASH_BUCKETS + "], got " + hashBuckets);
        }
    }

    /** One-hot up to 64 categories, otherwise 2^16 shared buckets, seed 0. */
    public static CategoricalEncoding defaults() {
        return new CategoricalEncoding(64, 1 << 16, 0);
    }

    /** Every nominal attribute hashed into {@code buckets}. */
    public static CategoricalEncoding hashing(int buckets, int seed) {
        return new CategoricalEncoding(0, buckets, seed);
    }
}

package io.millrace.learning.features;

import java.nio.charset.StandardCharsets;

/**
 * MurmurHash3, the x86 32-bit variant (Austin Appleby, public domain), over the UTF-8 bytes of a string.
 * It is the hash that feature hashing uses everywhere in Millrace, so a category lands in the same
 * bucket in the speed layer, the batch layer and serving. The output equals Guava's
 * {@code Hashing.murmur3_32_fixed(seed)} and scikit-learn's {@code murmurhash3_32} for the same bytes.
 */
public final class Murmur3 {

    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;

    private Murmur3() {
    }

    /** Hash of the UTF-8 bytes of {@code text}. */
    public static int hash32(String text, int seed) {
        return hash32(text.getBytes(StandardCharsets.UTF_8), seed);
    }

    /** Hash of {@code bytes}. */
    public static int hash32(byte[] bytes, int seed) {
        int h = seed;
        int blocks = bytes.length / 4;
        for (int i = 0; i < blocks; i++) {
            int at = i * 4;
            int k = (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16 | (bytes[at + 3] & 0xff) << 24;
            h ^= mixK(k);
            h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
        }
        int tail = blocks * 4;
        int k = 0;
        switch (bytes.length & 3) {
            case 3:
                k ^= (bytes[tail + 2] & 0xff) << 16;
                // fall through
            case 2:
                k ^= (bytes[tail + 1] & 0xff) << 8;
                // fall through
            case 1:
                k ^= bytes[tail] & 0xff;
                h ^= mixK(k);
                break;
            default:
                break;
        }
        return finalMix(h ^ bytes.length);
    }

    /** The bucket in {@code [0, buckets)} of {@code text}: the hash taken modulo the bucket count, never negative. */
    public static int bucket(String text, int seed, int buckets) {
        return Math.floorMod(hash32(text, seed), buckets);
    }

    private static int mixK(int k) {
        return Integer.rotateLeft(k * C1, 15) * C2;
    }

    private static int finalMix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}

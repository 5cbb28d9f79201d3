package io.millrace.speed.model;

import java.nio.charset.StandardCharsets;

/**
 * The {@code features_hash} of a prediction: 16 hex digits of a 64-bit hash (FNV-1a over the IEEE-754 bits,
 * finished with SplitMix64's mixer) of the encoded row the model was given, so two predictions made from the same
 * row carry the same hash and a changed feature shows.
 */
public final class FeaturesHash {
    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private FeaturesHash() {
    }

    public static String of(double[] row) {
        long hash = 0xcbf29ce484222325L;
        for (double value : row) {
            long bits = Double.doubleToLongBits(value);
            for (int shift = 0; shift < 64; shift += 8) {
                hash = (hash ^ ((bits >>> shift) & 0xff)) * 0x100000001b3L;
            }
        }
        hash = (hash ^ (hash >>> 30)) * 0xbf58476d1ce4e5b9L;
        hash = (hash ^ (hash >>> 27)) * 0x94d049bb133111ebL;
        hash ^= hash >>> 31;
        return hex(hash);
    }

    /** 16 lower-case hex digits, zero-padded, as {@code String.format("%016x", value)} writes them (per event: no formatter). */
    static String hex(long value) {
        byte[] out = new byte[16];
        long rest = value;
        for (int i = 15; i >= 0; i--) {
            out[i] = DIGITS[(int) (rest & 0xf)];
            rest >>>= 4;
        }
        return new String(out, StandardCharsets.US_ASCII);
    }
}

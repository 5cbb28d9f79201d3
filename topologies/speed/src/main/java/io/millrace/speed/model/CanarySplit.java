package io.millrace.speed.model;

import java.nio.charset.StandardCharsets;

/**
 * Decides which events a canary version takes: an entity is in the canary share of a model when a 64-bit hash
 * of (model name, entity id), read as a number in [0, 1), is below the share.
 *
 * <p>By entity, not by event: all events of one account see the same version (a consistent experience, and
 * per-entity comparisons stay clean), and every instance decides alike without coordination. Salting with the
 * model name gives each model its own canary population. Raising the share keeps every entity already in the
 * canary there (the threshold only grows). The cost: the share of events follows the share of entities, so a few
 * very busy entities can move it; over many entities it is close to the configured share.
 */
public final class CanarySplit {

    private CanarySplit() {
    }

    /** Whether {@code entity}'s events go to {@code model}'s canary at this {@code share}. */
    public static boolean inCanary(String model, String entity, double share) {
        if (share <= 0) {
            return false;
        }
        return position(model, entity) < share;
    }

    /** Where the entity falls in [0, 1) for this model. */
    static double position(String model, String entity) {
        long hash = 0xcbf29ce484222325L;
        hash = fnv(hash, model.getBytes(StandardCharsets.UTF_8));
        hash = (hash ^ 0xff) * 0x100000001b3L;
        hash = fnv(hash, entity.getBytes(StandardCharsets.UTF_8));
        return (mix(hash) >>> 11) * 0x1.0p-53;
    }

    private static long fnv(long hash, byte[] bytes) {
        for (byte b : bytes) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return hash;
    }

    /** SplitMix64's finaliser: spreads FNV's weak low bits over the whole word. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}

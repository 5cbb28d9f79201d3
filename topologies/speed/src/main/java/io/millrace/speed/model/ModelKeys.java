package io.millrace.speed.model;

/**
 * Keys of the {@code models} topic and of the registry store. A version's record is keyed
 * {@code <name>/<version>}: the topic is compacted, and one key per version is what keeps every version (and
 * its latest stage) after compaction; a key per model name would keep only its newest record, and a new
 * CANDIDATE would erase the PRODUCTION version. Model names hold no '/', so {@code <name>} alone is free for
 * the routing table of the registry store.
 */
public final class ModelKeys {
    private static final char SEPARATOR = '/';

    private ModelKeys() {
    }

    /** The record key of one version. */
    public static String version(String model, int version) {
        return model + SEPARATOR + version;
    }

    /** The model name of a version key, or null when the key is not one. */
    public static String modelOf(String key) {
        int at = key == null ? -1 : key.lastIndexOf(SEPARATOR);
        return at <= 0 ? null : key.substring(0, at);
    }

    /** The version number of a version key, or -1 when the key is not one. */
    public static int versionOf(String key) {
        int at = key == null ? -1 : key.lastIndexOf(SEPARATOR);
        if (at <= 0) {
            return -1;
        }
        try {
            return Integer.parseInt(key.substring(at + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

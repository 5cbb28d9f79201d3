package io.millrace.learning.stats;

import java.lang.reflect.Field;
import java.util.Random;
import org.apache.datasketches.kll.KllSketch;

/**
 * Seeds the one JVM-wide {@code Random} that DataSketches 6.2.0 KLL compaction draws from, so that
 * tests of approximate answers are reproducible. Test-only: production sketches stay randomised.
 */
public final class KllSeed {

    private KllSeed() {
    }

    public static void seed(long seed) {
        try {
            Field field = KllSketch.class.getDeclaredField("random");
            field.setAccessible(true);
            ((Random) field.get(null)).setSeed(seed);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("DataSketches KLL no longer has a static 'random' field: " + e, e);
        }
    }
}

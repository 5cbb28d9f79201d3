package io.millrace.speed.drift;

import io.millrace.learning.StateCodec;
import java.io.IOException;

/**
 * Where one feature stands with one detector: whether the last window judged found it drifted, which window that
 * was, and its statistic. An alert is raised only when a judged window turns the flag from not drifted to drifted,
 * so a feature that stays drifted raises one alert, and one that recovers and drifts again raises another.
 *
 * <p>Stored in {@link io.millrace.speed.StoreNames#FEATURE_DRIFT_STATE} under {@code <detector>:<feature>} in the
 * transaction of the record that closed the window, so a restart neither repeats nor misses an alert. Bytes: a
 * {@link StateCodec} envelope of kind {@value #KIND}.
 *
 * @param drifted     whether the last judged window was drifted
 * @param windowStart start of the last judged window, epoch milliseconds ({@link Long#MIN_VALUE}: none yet)
 * @param statistic   that window's statistic ({@code NaN}: none yet)
 */
record DriftFlag(boolean drifted, long windowStart, double statistic) {

    static final String KIND = "feature-drift-flag";
    private static final int FORMAT_VERSION = 1;

    /** No window judged yet. */
    static final DriftFlag NONE = new DriftFlag(false, Long.MIN_VALUE, Double.NaN);

    /** The store key of {@code feature}'s flag for {@code detector}: detector names hold no ':'. */
    static String key(String detector, String feature) {
        return detector + ":" + feature;
    }

    /** True when {@code key} is a flag's key rather than the progress record's. */
    static boolean isFlagKey(String key) {
        return key.indexOf(':') > 0;
    }

    byte[] toBytes() {
        return StateCodec.encode(KIND, FORMAT_VERSION, out -> {
            out.writeBoolean(drifted);
            out.writeLong(windowStart);
            out.writeDouble(statistic);
        });
    }

    static DriftFlag fromBytes(byte[] bytes) {
        if (bytes == null) {
            return NONE;
        }
        return StateCodec.decode(bytes, KIND, FORMAT_VERSION, (in, version) -> {
            boolean drifted = in.readBoolean();
            long windowStart = in.readLong();
            double statistic = in.readDouble();
            if (drifted && windowStart == Long.MIN_VALUE) {
                throw new IOException("a drifted flag without a window");
            }
            return new DriftFlag(drifted, windowStart, statistic);
        });
    }
}

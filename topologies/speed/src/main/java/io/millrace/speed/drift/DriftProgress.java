package io.millrace.speed.drift;

import io.millrace.learning.StateCodec;
import java.io.IOException;

/**
 * How far one task's drift watch has come: the event-time range of its reference, whether the reference is built
 * (or installed), and the start of the next hopping window to judge. Stored in
 * {@link io.millrace.speed.StoreNames#FEATURE_DRIFT_STATE} under {@value #KEY} in the transaction of the record
 * that moved it, so a restarted task judges exactly the windows its predecessor had not. Bytes: a
 * {@link StateCodec} envelope of kind {@value #KIND}.
 *
 * @param referenceFrom   start of the reference, epoch milliseconds, inclusive
 * @param referenceTo     end of the reference, exclusive
 * @param referenceReady  whether the reference is in {@link io.millrace.speed.StoreNames#FEATURE_DRIFT_REFERENCES}
 * @param nextWindowStart start of the next hopping window to judge (meaningful once the reference is ready)
 */
record DriftProgress(long referenceFrom, long referenceTo, boolean referenceReady, long nextWindowStart) {

    /** The key of the progress record; it holds no ':', unlike every {@link DriftFlag#key flag's}. */
    static final String KEY = "@progress";
    static final String KIND = "feature-drift-progress";
    private static final int FORMAT_VERSION = 1;

    DriftProgress {
        if (referenceFrom >= referenceTo) {
            throw new IllegalArgumentException("reference [" + referenceFrom + ", " + referenceTo + ") is empty");
        }
    }

    /** A reference still to be built from {@code [from, to)}. */
    static DriftProgress awaiting(long from, long to) {
        return new DriftProgress(from, to, false, to);
    }

    /** The reference {@code [from, to)} is ready; windows from {@code nextWindowStart} on are judged. */
    static DriftProgress ready(long from, long to, long nextWindowStart) {
        return new DriftProgress(from, to, true, nextWindowStart);
    }

    DriftProgress withNextWindowStart(long value) {
        return new DriftProgress(referenceFrom, referenceTo, referenceReady, value);
    }

    byte[] toBytes() {
        return StateCodec.encode(KIND, FORMAT_VERSION, out -> {
            out.writeLong(referenceFrom);
            out.writeLong(referenceTo);
            out.writeBoolean(referenceReady);
            out.writeLong(nextWindowStart);
        });
    }

    /** The progress in {@code bytes}; null for null. */
    static DriftProgress fromBytes(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        return StateCodec.decode(bytes, KIND, FORMAT_VERSION, (in, version) -> {
            long from = in.readLong();
            long to = in.readLong();
            boolean ready = in.readBoolean();
            long next = in.readLong();
            if (from >= to) {
                throw new IOException("reference [" + from + ", " + to + ") is empty");
            }
            return new DriftProgress(from, to, ready, next);
        });
    }
}

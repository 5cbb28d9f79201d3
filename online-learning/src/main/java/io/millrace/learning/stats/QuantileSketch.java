package io.millrace.learning.stats;

import io.millrace.learning.InputChecks;
import io.millrace.learning.StateCodec;
import io.millrace.learning.StateFormatException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.DoublesSortedView;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * Approximate quantiles, ranks and CDF of one numeric series, held as an Apache DataSketches KLL
 * sketch (Karnin, Lang and Liberty 2016, "Optimal Quantile Approximation in Streams").
 *
 * <p>With parameter {@code k} (default 200) the normalised rank error is about 1.33% with 99%
 * confidence ({@link #normalizedRankError()}), in a few kilobytes, whatever the stream length. While
 * the sketch holds fewer than {@code k} values it is exact. Sketches merge, so speed-layer windows and
 * batch-layer partitions combine; merging in a sketch of smaller {@code k} brings its larger error.
 *
 * <p>KLL compaction is randomised: DataSketches 6.2.0 draws from one JVM-wide unseeded
 * {@code java.util.Random}, so two sketches fed the same values agree within the rank error, not bit
 * for bit, once they leave exact mode. A restored sketch holds exactly the state that was saved.
 *
 * <p>Input: only finite values. {@code NaN} and infinity are refused with
 * {@link io.millrace.learning.InvalidInputException} (count missing values with {@link Moments} or
 * {@link FeatureStatistics}); DataSketches itself would drop a {@code NaN} silently.
 *
 * <p>All rank and CDF queries use the inclusive criterion: the rank of {@code x} is the fraction of
 * values {@code <= x}.
 */
public final class QuantileSketch {

    /** DataSketches' default and the size used throughout Millrace. */
    public static final int DEFAULT_K = 200;

    static final String KIND = "kll-doubles";
    private static final int MIN_K = 8;
    private static final int FORMAT_VERSION = 1;
    private static final QuantileSearchCriteria CRITERIA = QuantileSearchCriteria.INCLUSIVE;

    private final KllDoublesSketch sketch;

    /** An empty sketch with {@link #DEFAULT_K}. */
    public QuantileSketch() {
        this(DEFAULT_K);
    }

    /** An empty sketch with the given {@code k} (8 to 65535; larger is more accurate and bigger). */
    public QuantileSketch(int k) {
        this.sketch = KllDoublesSketch.newHeapInstance(checkK(k));
    }

    static int checkK(int k) {
        if (k < MIN_K || k > KllDoublesSketch.MAX_K) {
            throw new IllegalArgumentException("KLL k must be in [" + MIN_K + ", " + KllDoublesSketch.MAX_K + "], got " + k);
        }
        return k;
    }

    private QuantileSketch(KllDoublesSketch sketch) {
        this.sketch = sketch;
    }

    /** Adds one finite value. */
    public QuantileSketch update(double value) {
        InputChecks.checkFinite("quantile sketch value", value);
        sketch.update(value);
        return this;
    }

    /** Adds every value of {@code other} into this sketch; {@code other} is unchanged. */
    public QuantileSketch merge(QuantileSketch other) {
        sketch.merge(other == this ? copy().sketch : other.sketch);
        return this;
    }

    /** An independent copy of this sketch. */
    public QuantileSketch copy() {
        return new QuantileSketch(heapify(sketch.toByteArray()));
    }

    /** Number of values seen. */
    public long count() {
        return sketch.getN();
    }

    public boolean isEmpty() {
        return sketch.isEmpty();
    }

    /** True once the sketch has compacted, i.e. its answers are approximate. */
    public boolean isEstimationMode() {
        return sketch.isEstimationMode();
    }

    /**
     * The configured {@code k}. After a merge with a sketch of smaller {@code k} the sketch keeps its
     * size but its error is that of the smaller one (see {@link #normalizedRankError()}).
     */
    public int k() {
        return sketch.getK();
    }

    /** Number of values the sketch retains. */
    public int retained() {
        return sketch.getNumRetained();
    }

    /**
     * Single-sided normalised rank error of {@link #rank} and {@link #quantile} at 99% confidence, or
     * 0 while the sketch is still exact.
     */
    public double normalizedRankError() {
        return sketch.isEstimationMode() ? sketch.getNormalizedRankError(false) : 0;
    }

    /** The value at normalised rank {@code rank} in [0, 1]: the smallest {@code q} with rank(q) >= rank. */
    public double quantile(double rank) {
        checkNotEmpty();
        return sketch.getQuantile(rank, CRITERIA);
    }

    /** {@link #quantile} for several ranks. */
    public double[] quantiles(double[] ranks) {
        checkNotEmpty();
        return sketch.getQuantiles(ranks, CRITERIA);
    }

    /** Fraction of values {@code <= value}. */
    public double rank(double value) {
        checkNotEmpty();
        return sketch.getRank(value, CRITERIA);
    }

    /**
     * CDF at strictly increasing finite split points: entry {@code i} is the fraction of values
     * {@code <= splitPoints[i]}; one more final entry is 1.
     */
    public double[] cdf(double[] splitPoints) {
        checkNotEmpty();
        return sketch.getCDF(splitPoints, CRITERIA);
    }

    /**
     * Mass of the bins {@code (-inf, s0], (s0, s1], ..., (s_last, +inf)} for strictly increasing finite
     * split points {@code s}; the result has one entry more than the split points and sums to 1.
     */
    public double[] pmf(double[] splitPoints) {
        checkNotEmpty();
        return sketch.getPMF(splitPoints, CRITERIA);
    }

    /** Smallest value seen; exact. */
    public double min() {
        checkNotEmpty();
        return sketch.getMinItem();
    }

    /** Largest value seen; exact. */
    public double max() {
        checkNotEmpty();
        return sketch.getMaxItem();
    }

    /**
     * The retained values in ascending order with their cumulative weights: the sketch's
     * approximation of the empirical distribution, as used by the two-sample tests.
     */
    public DoublesSortedView sortedView() {
        checkNotEmpty();
        return sketch.getSortedView();
    }

    /** DataSketches' own serialisation of the KLL sketch, readable by any DataSketches KLL doubles reader. */
    public byte[] toSketchBytes() {
        return sketch.toByteArray();
    }

    /** The sketch in the {@link StateCodec} envelope (kind {@value #KIND}). */
    public byte[] toBytes() {
        return StateCodec.encode(KIND, FORMAT_VERSION, this::writeTo);
    }

    /** Restores a sketch written by {@link #toBytes()}. */
    public static QuantileSketch fromBytes(byte[] bytes) {
        return StateCodec.decode(bytes, KIND, FORMAT_VERSION, (in, version) -> readFrom(in));
    }

    /** Wraps DataSketches KLL doubles bytes (from {@link #toSketchBytes()} or any other KLL writer). */
    public static QuantileSketch fromSketchBytes(byte[] sketchBytes) {
        return new QuantileSketch(heapify(sketchBytes));
    }

    void writeTo(DataOutputStream out) throws IOException {
        StateCodec.writeBytes(out, sketch.toByteArray());
    }

    static QuantileSketch readFrom(DataInputStream in) throws IOException {
        return new QuantileSketch(heapify(StateCodec.readBytes(in)));
    }

    private static KllDoublesSketch heapify(byte[] bytes) {
        try {
            return KllDoublesSketch.heapify(Memory.wrap(bytes));
        } catch (RuntimeException e) {
            throw new StateFormatException("KLL doubles sketch bytes are corrupt: " + e, e);
        }
    }

    private void checkNotEmpty() {
        if (sketch.isEmpty()) {
            throw new IllegalStateException("quantile sketch is empty");
        }
    }

    @Override
    public String toString() {
        return "QuantileSketch{k=" + k() + ", n=" + count() + ", retained=" + retained() + "}";
    }
}

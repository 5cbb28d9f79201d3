package io.millrace.learning.drift;

import io.millrace.learning.InputChecks;
import io.millrace.learning.StateCodec;
import io.millrace.learning.StateFormatException;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * ADWIN, the adaptive sliding window: a change detector and mean estimator that keeps the longest
 * window of recent observations whose mean is statistically consistent with "no change", and drops its
 * oldest part when two sub-windows differ by more than a Hoeffding-style bound.
 *
 * <p>Bifet and Gavaldà, "Learning from Time-Changing Data with Adaptive Windowing", SIAM SDM 2007
 * (ADWIN2: the window is compressed into an exponential histogram of at most {@code maxBuckets}
 * buckets per size, so memory and time per observation are logarithmic in the window's width).
 *
 * <p>The cut test follows MOA's {@code ADWIN} operation for operation, so detections fall at exactly
 * MOA's indices: every {@code clock} observations, once the window holds more than
 * {@code gracePeriod} of them, each split into an older part W0 and a newer part W1 (both longer than
 * {@code minWindowLength + 1}) is tested with
 * {@code |mean(W0) - mean(W1)| > sqrt(2 m v dd) + 2/3 dd m}, where {@code v} is the variance of the
 * whole window, {@code dd = ln(2 ln(n) / delta)} and {@code m = 1/(n0 - minWindowLength + 1) +
 * 1/(n1 - minWindowLength + 1)}. On a cut the oldest bucket is dropped and the test starts over.
 * Unlike MOA, counters and widths are 64-bit and bucket products are computed in floating point, so a
 * window that stays stationary for billions of observations does not overflow (MOA's {@code int}
 * products overflow once a bucket size times the width passes 2^31; below that the results are
 * bit-identical).
 *
 * <p>{@link Direction#BOTH} (the default, as in the paper, MOA's raw {@code ADWIN} and River) reports
 * every cut; {@link Direction#INCREASE} reports a cut only when it raised the estimate, as MOA's
 * {@code ADWINChangeDetector} does for error rates. The window shrinks on every cut either way.
 *
 * <p>{@link #statistic()} and {@link #threshold()} are the mean difference and the bound of the first
 * cut found at the most recent update that found one (NaN before the first cut).
 */
public final class Adwin implements DriftDetector {

    public static final String KIND = "adwin";
    private static final int FORMAT_VERSION = 1;
    private static final int MAX_ROWS = 64;
    private static final int INITIAL_ROWS = 8;

    /** Which cuts are reported as a change. */
    public enum Direction {
        /** Every cut: the mean rose or fell. */
        BOTH,
        /** Only cuts after which the window's mean is higher than before this observation. */
        INCREASE,
        /** Only cuts after which the window's mean is lower than before this observation. */
        DECREASE
    }

    /**
     * ADWIN's parameters; {@link #DEFAULTS} are MOA's and River's.
     *
     * @param delta           confidence of the cut test, in (0, 1); smaller detects less and later
     * @param clock           the cut test runs every {@code clock} observations
     * @param maxBuckets      buckets kept per bucket size before two are merged
     * @param minWindowLength each sub-window must be longer than {@code minWindowLength + 1}
     * @param gracePeriod     no test while the window holds {@code gracePeriod} observations or fewer
     * @param direction       which cuts are reported as a change
     */
    public record Config(double delta, int clock, int maxBuckets, int minWindowLength, int gracePeriod,
                         Direction direction) {

        public static final Config DEFAULTS = new Config(0.002, 32, 5, 5, 10, Direction.BOTH);

        public Config {
            if (!(delta > 0 && delta < 1)) {
                throw new IllegalArgumentException("delta must be in (0, 1), got " + delta);
            }
            if (clock < 1) {
                throw new IllegalArgumentException("clock must be >= 1, got " + clock);
            }
            if (maxBuckets < 2 || maxBuckets > 1024) {
                throw new IllegalArgumentException("maxBuckets must be in [2, 1024], got " + maxBuckets);
            }
            if (minWindowLength < 1) {
                throw new IllegalArgumentException("minWindowLength must be >= 1, got " + minWindowLength);
            }
            if (gracePeriod < 0) {
                throw new IllegalArgumentException("gracePeriod must be >= 0, got " + gracePeriod);
            }
            if (direction == null) {
                throw new IllegalArgumentException("direction must be given");
            }
        }

        public Config withDelta(double newDelta) {
            return new Config(newDelta, clock, maxBuckets, minWindowLength, gracePeriod, direction);
        }

        public Config withDirection(Direction newDirection) {
            return new Config(delta, clock, maxBuckets, minWindowLength, gracePeriod, newDirection);
        }
    }

    private final Config config;
    private final int slots;
    private long time;
    private long width;
    private double total;
    private double variance;
    private long detections;
    private double cutStatistic;
    private double cutThreshold;
    private int lastRow;
    private int[] rowCounts;
    private double[] bucketTotals;
    private double[] bucketVariances;

    public Adwin() {
        this(Config.DEFAULTS);
    }

    public Adwin(Config config) {
        this.config = config;
        this.slots = config.maxBuckets() + 1;
        reset();
    }

    @Override
    public void reset() {
        time = 0;
        width = 0;
        total = 0;
        variance = 0;
        detections = 0;
        cutStatistic = Double.NaN;
        cutThreshold = Double.NaN;
        lastRow = 0;
        rowCounts = new int[INITIAL_ROWS];
        bucketTotals = new double[INITIAL_ROWS * slots];
        bucketVariances = new double[INITIAL_ROWS * slots];
    }

    @Override
    public boolean update(double value) {
        InputChecks.checkFinite("adwin observation", value);
        double before = estimation();
        time++;
        insert(value);
        boolean cut = time % config.clock() == 0 && width > config.gracePeriod() && shrinkWhileCut();
        if (!cut) {
            return false;
        }
        boolean change = switch (config.direction()) {
            case BOTH -> true;
            case INCREASE -> estimation() > before;
            case DECREASE -> estimation() < before;
        };
        if (change) {
            detections++;
        }
        return change;
    }

    private void insert(double value) {
        width++;
        appendBucket(0, value, 0);
        if (width > 1) {
            double deviation = value - total / (width - 1);
            variance += (width - 1) * deviation * deviation / width;
        }
        total += value;
        compress();
    }

    /** Merges the two oldest buckets of every full row into one bucket of the next row, from the top. */
    private void compress() {
        for (int row = 0; rowCounts[row] == slots; row++) {
            if (row == lastRow) {
                addRow();
            }
            int first = row * slots;
            double size = (double) (1L << row);
            double meanDifference = bucketTotals[first] / size - bucketTotals[first + 1] / size;
            double mergeVariance = size * size * meanDifference * meanDifference / (size + size);
            appendBucket(row + 1, bucketTotals[first] + bucketTotals[first + 1],
                bucketVariances[first] + bucketVariances[first + 1] + mergeVariance);
            dropOldest(row, 2);
            if (rowCounts[row + 1] < slots) {
                return;
            }
        }
    }

    /** Runs the cut test until no split differs; true when at least one cut was made. */
    private boolean shrinkWhileCut() {
        boolean cutMade = false;
        while (cutOnce()) {
            cutMade = true;
        }
        return cutMade;
    }

    /** Scans the splits from the oldest bucket; on the first cut drops the oldest bucket. */
    private boolean cutOnce() {
        double logTerm = Math.log(2 * Math.log(width) / config.delta());
        double windowVariance = variance / width;
        int minLength = config.minWindowLength();
        long n0 = 0;
        long n1 = width;
        double sum0 = 0;
        double sum1 = total;
        for (int row = lastRow; row >= 0; row--) {
            long size = 1L << row;
            int count = rowCounts[row];
            for (int k = 0; k < count; k++) {
                double bucketTotal = bucketTotals[row * slots + k];
                n0 += size;
                n1 -= size;
                sum0 += bucketTotal;
                sum1 -= bucketTotal;
                if (row == 0 && k == count - 1) {
                    return false;
                }
                if (n1 > minLength + 1 && n0 > minLength + 1) {
                    double difference = sum0 / n0 - sum1 / n1;
                    double m = 1.0 / (n0 - minLength + 1) + 1.0 / (n1 - minLength + 1);
                    double bound = Math.sqrt(2 * m * windowVariance * logTerm) + 2.0 / 3 * logTerm * m;
                    if (Math.abs(difference) > bound) {
                        recordCut(Math.abs(difference), bound);
                        deleteOldestBucket();
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void recordCut(double difference, double bound) {
        cutStatistic = difference;
        cutThreshold = bound;
    }

    private void deleteOldestBucket() {
        int first = lastRow * slots;
        long size = 1L << lastRow;
        double bucketTotal = bucketTotals[first];
        double bucketVariance = bucketVariances[first];
        width -= size;
        total -= bucketTotal;
        double deviation = bucketTotal / size - total / width;
        variance -= bucketVariance + (double) size * width * deviation * deviation / (size + width);
        dropOldest(lastRow, 1);
        if (rowCounts[lastRow] == 0 && lastRow > 0) {
            lastRow--;
        }
    }

    private void appendBucket(int row, double bucketTotal, double bucketVariance) {
        int slot = row * slots + rowCounts[row];
        bucketTotals[slot] = bucketTotal;
        bucketVariances[slot] = bucketVariance;
        rowCounts[row]++;
    }

    private void dropOldest(int row, int howMany) {
        int first = row * slots;
        int remaining = rowCounts[row] - howMany;
        System.arraycopy(bucketTotals, first + howMany, bucketTotals, first, remaining);
        System.arraycopy(bucketVariances, first + howMany, bucketVariances, first, remaining);
        Arrays.fill(bucketTotals, first + remaining, first + rowCounts[row], 0);
        Arrays.fill(bucketVariances, first + remaining, first + rowCounts[row], 0);
        rowCounts[row] = remaining;
    }

    private void addRow() {
        lastRow++;
        if (lastRow == rowCounts.length) {
            int rows = Math.min(MAX_ROWS, rowCounts.length * 2);
            rowCounts = Arrays.copyOf(rowCounts, rows);
            bucketTotals = Arrays.copyOf(bucketTotals, rows * slots);
            bucketVariances = Arrays.copyOf(bucketVariances, rows * slots);
        }
    }

    /** ADWIN never warns; it only detects. */
    @Override
    public boolean isWarningZone() {
        return false;
    }

    @Override
    public String kind() {
        return KIND;
    }

    public Config config() {
        return config;
    }

    @Override
    public long observations() {
        return time;
    }

    /** Observations in the current window. */
    public long width() {
        return width;
    }

    /** Mean of the current window; NaN while it is empty. */
    @Override
    public double estimation() {
        return total / width;
    }

    /** Variance of the current window (population variance); NaN while it is empty. */
    public double variance() {
        return variance / width;
    }

    /** Sum of the observations in the current window. */
    public double total() {
        return total;
    }

    /** Changes reported since creation or the last reset. */
    public long detections() {
        return detections;
    }

    /** Buckets currently held (memory use is proportional to it). */
    public int buckets() {
        int buckets = 0;
        for (int row = 0; row <= lastRow; row++) {
            buckets += rowCounts[row];
        }
        return buckets;
    }

    /** Absolute difference between the two sub-window means at the last cut. */
    @Override
    public double statistic() {
        return cutStatistic;
    }

    /** The bound that difference exceeded at the last cut. */
    @Override
    public double threshold() {
        return cutThreshold;
    }

    @Override
    public String windowDescription() {
        return "adaptive window of the last " + width + " observations (mean " + estimation() + ")";
    }

    @Override
    public byte[] toBytes() {
        return StateCodec.encode(KIND, FORMAT_VERSION, out -> {
            writeConfig(out, config);
            out.writeLong(time);
            out.writeLong(width);
            out.writeDouble(total);
            out.writeDouble(variance);
            out.writeLong(detections);
            out.writeDouble(cutStatistic);
            out.writeDouble(cutThreshold);
            out.writeInt(lastRow + 1);
            for (int row = 0; row <= lastRow; row++) {
                out.writeInt(rowCounts[row]);
                for (int k = 0; k < rowCounts[row]; k++) {
                    out.writeDouble(bucketTotals[row * slots + k]);
                    out.writeDouble(bucketVariances[row * slots + k]);
                }
            }
        });
    }

    /**
     * Restores an ADWIN written by {@link #toBytes()}.
     *
     * @throws StateFormatException when the bytes are not a consistent ADWIN state
     */
    public static Adwin fromBytes(byte[] bytes) {
        return StateCodec.decode(bytes, KIND, FORMAT_VERSION, (in, version) -> read(in));
    }

    private static Adwin read(DataInputStream in) throws IOException {
        Adwin adwin = new Adwin(readConfig(in));
        adwin.time = in.readLong();
        adwin.width = in.readLong();
        adwin.total = in.readDouble();
        adwin.variance = in.readDouble();
        adwin.detections = in.readLong();
        adwin.cutStatistic = in.readDouble();
        adwin.cutThreshold = in.readDouble();
        int rows = in.readInt();
        if (rows < 1 || rows > MAX_ROWS) {
            throw new StateFormatException("adwin state has " + rows + " bucket rows");
        }
        adwin.readRows(in, rows);
        return adwin;
    }

    private void readRows(DataInputStream in, int rows) throws IOException {
        int capacity = Math.max(INITIAL_ROWS, Integer.highestOneBit(rows - 1) << 1);
        rowCounts = new int[Math.min(MAX_ROWS, capacity)];
        bucketTotals = new double[rowCounts.length * slots];
        bucketVariances = new double[rowCounts.length * slots];
        lastRow = rows - 1;
        long counted = 0;
        for (int row = 0; row < rows; row++) {
            int count = in.readInt();
            if (count < 0 || count >= slots) {
                throw new StateFormatException("adwin state has " + count + " buckets in row " + row);
            }
            for (int k = 0; k < count; k++) {
                appendBucket(row, in.readDouble(), in.readDouble());
            }
            counted += (long) count << row;
        }
        if (counted != width || time < width) {
            throw new StateFormatException("adwin state is inconsistent: buckets hold " + counted
                + " observations, width says " + width + ", time " + time);
        }
    }

    private static void writeConfig(DataOutputStream out, Config config) throws IOException {
        out.writeDouble(config.delta());
        out.writeInt(config.clock());
        out.writeInt(config.maxBuckets());
        out.writeInt(config.minWindowLength());
        out.writeInt(config.gracePeriod());
        out.writeUTF(config.direction().name());
    }

    private static Config readConfig(DataInputStream in) throws IOException {
        try {
            return new Config(in.readDouble(), in.readInt(), in.readInt(), in.readInt(), in.readInt(),
                Direction.valueOf(in.readUTF()));
        } catch (IllegalArgumentException e) {
            throw new StateFormatException("adwin state has an invalid configuration: " + e.getMessage(), e);
        }
    }
}

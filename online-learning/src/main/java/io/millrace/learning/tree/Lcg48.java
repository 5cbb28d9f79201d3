package io.millrace.learning.tree;

/**
 * The 48-bit linear congruential generator specified for {@link java.util.Random} (Knuth, TAOCP vol.
 * 2, 3.2.1), with its state visible so it can be saved with a model. Seeded alike, it yields exactly
 * the doubles {@code java.util.Random} yields, which keeps the adaptive tree's Poisson weights equal
 * to MOA's.
 */
final class Lcg48 {

    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long ADDEND = 0xBL;
    private static final long MASK = (1L << 48) - 1;

    private long state;

    private Lcg48(long state) {
        this.state = state;
    }

    /** A generator in the state {@code new Random(seed)} starts from. */
    static Lcg48 seeded(long seed) {
        return new Lcg48((seed ^ MULTIPLIER) & MASK);
    }

    /** A generator in a state saved by {@link #state()}. */
    static Lcg48 restored(long state) {
        return new Lcg48(state & MASK);
    }

    long state() {
        return state;
    }

    private int next(int bits) {
        state = (state * MULTIPLIER + ADDEND) & MASK;
        return (int) (state >>> (48 - bits));
    }

    /** Uniform in [0, 1), as {@code Random.nextDouble}. */
    double nextDouble() {
        return (((long) next(26) << 27) + next(27)) * 0x1.0p-53;
    }

    /** A Poisson(lambda) draw for lambda below 100, by inversion (as MOA's {@code MiscUtils.poisson}). */
    int poisson(double lambda) {
        double product = 1.0;
        double sum = 1.0;
        double threshold = nextDouble() * Math.exp(lambda);
        int i = 1;
        int max = Math.max(100, 10 * (int) Math.ceil(lambda));
        while (i < max && sum <= threshold) {
            product *= lambda / i;
            sum += product;
            i++;
        }
        return i - 1;
    }
}

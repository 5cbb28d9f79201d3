package io.millrace.learning.generators;

import io.millrace.learning.Header;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Random;

/**
 * Concept drift between two streams of the same shape: instance {@code t} (counted from 1) comes from
 * the drift stream with probability {@code 1 / (1 + exp(-4 (t - position) / width))}, a sigmoid centred
 * at {@code position} whose change takes about {@code width} instances; otherwise from the first stream.
 * Only the chosen stream advances. Width 0 makes the drift abrupt: instances {@code t < position} come
 * from the first stream, {@code t >= position} from the drift stream (see {@link #abrupt}).
 * Compositions nest, so several drifts are a drift stream whose first stream is itself a drift stream.
 *
 * <p>A. Bifet, G. Holmes, R. Pfahringer, R. Kirkby and R. Gavaldà, "New ensemble methods for evolving
 * data streams", KDD 2009, section 2. The choice of stream equals MOA's {@code ConceptDriftStream} for
 * the same position, width and {@code randomSeed}, one uniform draw per instance. One difference on
 * purpose: {@link #restart()} also re-seeds the choice, so a restarted stream replays exactly (MOA's
 * restart keeps its random generator going).
 */
public final class ConceptDriftStream implements InstanceStream {

    /**
     * Options, defaults as MOA's.
     *
     * @param position centre of the change, counted in instances from 1 (MOA {@code -p}, default 0)
     * @param width    number of instances the change takes, 0 for an abrupt change (MOA {@code -w},
     *                 default 1000)
     * @param seed     seed of the choice between the streams (MOA {@code -r randomSeed}, default 1)
     */
    public record Config(long position, long width, long seed) {

        public static final Config DEFAULT = new Config(0, 1000, 1);

        public Config {
            GeneratorChecks.atLeast("width", width, 0);
        }

        /** MOA's {@code -a alpha}: the width whose sigmoid's slope at the centre has angle {@code alpha} degrees. */
        public static long widthForAngle(double alphaDegrees) {
            GeneratorChecks.inRange("alpha", alphaDegrees, 0.0, 90.0);
            if (alphaDegrees == 0.0) {
                throw new IllegalArgumentException("alpha 0 means no angle (MOA then keeps the width option)");
            }
            return (int) (1 / Math.tan(alphaDegrees * Math.PI / 180));
        }
    }

    private final InstanceStream first;
    private final InstanceStream drift;
    private final Config config;
    private Random random;
    private long count;

    public ConceptDriftStream(InstanceStream first, InstanceStream drift, Config config) {
        this.first = Objects.requireNonNull(first, "first");
        this.drift = Objects.requireNonNull(drift, "drift");
        this.config = Objects.requireNonNull(config, "config");
        requireSameShape(first.header(), drift.header());
        this.random = new Random(config.seed());
    }

    /**
     * An abrupt drift: the first {@code driftAt} instances (0-based indices below {@code driftAt}) come
     * from {@code first}, every later one from {@code drift}. MOA equivalent: {@code -p (driftAt + 1) -w 0}.
     */
    public static ConceptDriftStream abrupt(InstanceStream first, InstanceStream drift, long driftAt, long seed) {
        GeneratorChecks.atLeast("driftAt", driftAt, 0);
        return new ConceptDriftStream(first, drift, new Config(driftAt + 1, 0, seed));
    }

    /** A gradual drift centred on the 0-based instance index {@code centre}, taking about {@code width} instances. */
    public static ConceptDriftStream gradual(InstanceStream first, InstanceStream drift, long centre, long width,
                                             long seed) {
        GeneratorChecks.atLeast("centre", centre, 0);
        return new ConceptDriftStream(first, drift, new Config(centre + 1, width, seed));
    }

    public Config config() {
        return config;
    }

    /** Probability that the instance numbered {@code t} (from 1) comes from the drift stream, as MOA computes it. */
    public double driftProbability(long t) {
        double x = -4.0 * (double) (t - config.position()) / (double) config.width();
        return 1.0 / (1.0 + Math.exp(x));
    }

    @Override
    public Header header() {
        return first.header();
    }

    @Override
    public boolean hasNext() {
        return first.hasNext() || drift.hasNext();
    }

    /**
     * The next instance from the stream the sigmoid picks, with this stream's header.
     *
     * @throws NoSuchElementException when the picked stream is finite and exhausted
     */
    @Override
    public Instance next() {
        count++;
        // "not greater" rather than "less or equal": a NaN probability (width 0 at the centre) picks drift, as in MOA
        boolean fromFirst = random.nextDouble() > driftProbability(count);
        InstanceStream source = fromFirst ? first : drift;
        return source.next().withHeader(header());
    }

    @Override
    public void restart() {
        first.restart();
        drift.restart();
        random = new Random(config.seed());
        count = 0;
    }

    private static void requireSameShape(Header a, Header b) {
        if (!a.features().equals(b.features()) || !a.target().equals(b.target())) {
            throw new IllegalArgumentException("a concept drift needs two streams of the same shape: '"
                + a.name() + "' has " + a.features() + " -> " + a.target() + ", '" + b.name() + "' has "
                + b.features() + " -> " + b.target());
        }
    }
}

package io.millrace.learning.generators;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a stream by name from {@code name=value} options, a seed and an optional drift position: what
 * {@code millrace evaluate --generator NAME --seed S [--drift-at K] [--param name=value ...]} and
 * {@code millrace produce --generator ...} stand on.
 *
 * <p>Options use MOA's long option names and defaults (Agrawal's {@code perturbFraction} is also
 * accepted as MOA spells it, {@code peturbFraction}). The seed is the stream's instance seed (MOA
 * {@code -i}); for {@code rbf} it is also the model seed unless {@code modelRandomSeed} is given.
 *
 * <p>With a drift position {@code K} the first {@code K} instances (indices 0 to K-1) follow the first
 * concept and every later one the second: a {@link ConceptDriftStream} of width 0 (MOA
 * {@code -p K+1 -w 0}), or of width {@code driftWidth} centred on K for a gradual drift. The second
 * concept's stream is seeded with {@code seed + 1} so it does not replay the first one's instances; the
 * choice between them uses {@code seed}. What the second concept is:
 * <ul>
 *   <li>{@code sea}: SEA function {@code driftFunction} (default 4, or 1 when {@code function} is 4);
 *   the class boundary {@code a1 + a2 <= t} moves, as in the SEA paper's concept changes.</li>
 *   <li>{@code hyperplane}: a new random hyperplane (the same options, seed + 1): with 10 attributes
 *   10% to 27% of labels flip at once (18% on average over seeds 1 to 10). A stronger {@code magChange} from K on would only start a slow rotation there, which
 *   is not an abrupt drift at K.</li>
 *   <li>{@code agrawal}: loan function {@code driftFunction} (default 4, or 1 when {@code function} is 4).</li>
 *   <li>{@code rbf}: new centroids ({@code modelRandomSeed + 1}, same options): every class region moves.
 *   Gradual drift without {@code --drift-at} is {@code speedChange > 0}.</li>
 *   <li>{@code payments}: the fraud pattern changes at K (see {@link PaymentsGenerator}); payments come
 *   as instances of {@link PaymentsGenerator#HEADER}.</li>
 * </ul>
 */
public final class Generators {

    /** The names {@link #create} knows. */
    public static final List<String> NAMES = List.of("sea", "hyperplane", "agrawal", "rbf", "payments");

    private static final String DRIFT_FUNCTION = "driftFunction";
    private static final String DRIFT_WIDTH = "driftWidth";

    private Generators() {
    }

    /**
     * A stream by name.
     *
     * @param name    one of {@link #NAMES}, case-insensitive
     * @param params  options by name (may be empty or null)
     * @param seed    the stream's seed
     * @param driftAt 0-based index of the first instance of the second concept, or null for no drift
     * @throws IllegalArgumentException naming the problem: an unknown generator or option, a malformed or
     *                                  out-of-range value, a drift option without a drift position
     */
    public static InstanceStream create(String name, Map<String, String> params, long seed, Long driftAt) {
        if (name == null) {
            throw new IllegalArgumentException("no generator name given; choose one of " + String.join(", ", NAMES));
        }
        if (driftAt != null && driftAt < 0) {
            throw new IllegalArgumentException("drift position must be >= 0, got " + driftAt);
        }
        String key = name.trim().toLowerCase(Locale.ROOT);
        if (!NAMES.contains(key)) {
            throw new IllegalArgumentException("unknown generator '" + name + "'; choose one of " + String.join(", ", NAMES));
        }
        GeneratorParams p = new GeneratorParams(key, params);
        try {
            InstanceStream stream = switch (key) {
                case "sea" -> sea(p, seed, driftAt);
                case "hyperplane" -> hyperplane(p, seed, driftAt);
                case "agrawal" -> agrawal(p, seed, driftAt);
                case "rbf" -> rbf(p, seed, driftAt);
                case "payments" -> payments(p, seed, driftAt);
                default -> throw new IllegalStateException("generator '" + key + "' is listed but not built");
            };
            p.requireAllKnown();
            return stream;
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(key)) {
                throw e;
            }
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    private static InstanceStream sea(GeneratorParams p, long seed, Long driftAt) {
        SeaGenerator.Config d = SeaGenerator.Config.DEFAULT;
        SeaGenerator.Config first = new SeaGenerator.Config(p.intValue("function", d.function()),
            p.intValue("noisePercentage", d.noisePercentage()),
            p.booleanValue("balanceClasses", d.balanceClasses()), seed);
        int driftFunction = driftFunction(p, first.function());
        return withDrift(p, new SeaGenerator(first),
            () -> new SeaGenerator(first.withFunction(driftFunction).withSeed(seed + 1)), seed, driftAt,
            DRIFT_FUNCTION);
    }

    private static InstanceStream hyperplane(GeneratorParams p, long seed, Long driftAt) {
        HyperplaneGenerator.Config d = HyperplaneGenerator.Config.DEFAULT;
        HyperplaneGenerator.Config first = new HyperplaneGenerator.Config(p.intValue("numAtts", d.numAtts()),
            p.intValue("numDriftAtts", d.numDriftAtts()), p.doubleValue("magChange", d.magChange()),
            p.intValue("noisePercentage", d.noisePercentage()), p.intValue("sigmaPercentage", d.sigmaPercentage()), seed);
        return withDrift(p, new HyperplaneGenerator(first), () -> new HyperplaneGenerator(first.withSeed(seed + 1)),
            seed, driftAt);
    }

    private static InstanceStream agrawal(GeneratorParams p, long seed, Long driftAt) {
        AgrawalGenerator.Config d = AgrawalGenerator.Config.DEFAULT;
        AgrawalGenerator.Config first = new AgrawalGenerator.Config(p.intValue("function", d.function()),
            p.doubleValue(p.alias("perturbFraction", "peturbFraction"), d.perturbFraction()),
            p.booleanValue("balanceClasses", d.balanceClasses()), seed);
        int driftFunction = driftFunction(p, first.function());
        return withDrift(p, new AgrawalGenerator(first),
            () -> new AgrawalGenerator(first.withFunction(driftFunction).withSeed(seed + 1)), seed, driftAt,
            DRIFT_FUNCTION);
    }

    private static InstanceStream rbf(GeneratorParams p, long seed, Long driftAt) {
        RandomRbfGenerator.Config d = RandomRbfGenerator.Config.DEFAULT;
        RandomRbfGenerator.Config base = new RandomRbfGenerator.Config(p.intValue("numClasses", d.numClasses()),
            p.intValue("numAtts", d.numAtts()), p.intValue("numCentroids", d.numCentroids()),
            p.longValue("modelRandomSeed", seed), seed);
        RandomRbfDriftGenerator.Config first = new RandomRbfDriftGenerator.Config(base,
            p.doubleValue("speedChange", RandomRbfDriftGenerator.Config.DEFAULT.speedChange()),
            p.intValue("numDriftCentroids", RandomRbfDriftGenerator.Config.DEFAULT.numDriftCentroids()));
        return withDrift(p, new RandomRbfDriftGenerator(first),
            () -> new RandomRbfDriftGenerator(first.withBase(base.withModelSeed(base.modelSeed() + 1).withSeed(seed + 1))),
            seed, driftAt);
    }

    private static InstanceStream payments(GeneratorParams p, long seed, Long driftAt) {
        return new PaymentsGenerator(paymentsConfig(p, seed, driftAt)).asInstanceStream();
    }

    /**
     * The payments generator's configuration with {@code params} over its defaults ({@code accounts}, {@code fraudRate},
     * {@code startTimeMs}, {@code meanGapMs}, {@code labelDelayMinMs}, {@code labelDelayMeanMs}), the fraud pattern
     * changing at {@code driftAt} (null: never).
     *
     * @throws IllegalArgumentException on an unknown option or a value out of range
     */
    public static PaymentsGenerator.Config paymentsConfig(Map<String, String> params, long seed, Long driftAt) {
        GeneratorParams p = new GeneratorParams("payments", params);
        try {
            PaymentsGenerator.Config config = paymentsConfig(p, seed, driftAt);
            p.requireAllKnown();
            return config;
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("payments")) {
                throw e;
            }
            throw new IllegalArgumentException("payments: " + e.getMessage(), e);
        }
    }

    private static PaymentsGenerator.Config paymentsConfig(GeneratorParams p, long seed, Long driftAt) {
        PaymentsGenerator.Config d = PaymentsGenerator.Config.DEFAULT;
        return new PaymentsGenerator.Config(p.intValue("accounts", d.accounts()),
            p.doubleValue("fraudRate", d.fraudRate()), driftAt == null ? PaymentsGenerator.NEVER : driftAt,
            p.longValue("startTimeMs", d.startTimeMs()), p.doubleValue("meanGapMs", d.meanGapMs()),
            p.longValue("labelDelayMinMs", d.labelDelayMinMs()), p.doubleValue("labelDelayMeanMs", d.labelDelayMeanMs()),
            seed);
    }

    /** The function after the drift: given, or 4 (1 when the first concept is 4 already); never the first one. */
    private static int driftFunction(GeneratorParams p, int function) {
        int driftFunction = p.intValue(DRIFT_FUNCTION, function == 4 ? 1 : 4);
        if (driftFunction == function) {
            throw new IllegalArgumentException("driftFunction " + driftFunction + " is the function before the drift: no drift");
        }
        return driftFunction;
    }

    /** The plain stream, or a drift from it to the second concept at {@code driftAt}. */
    private static InstanceStream withDrift(GeneratorParams p, InstanceStream first,
                                            java.util.function.Supplier<InstanceStream> second, long seed, Long driftAt,
                                            String... driftOnlyOptions) {
        long width = p.longValue(DRIFT_WIDTH, 0);
        if (width < 0) {
            throw new IllegalArgumentException("driftWidth must be >= 0 (0 for an abrupt drift), got " + width);
        }
        if (driftAt == null) {
            for (String option : List.of(driftOnlyOptions)) {
                requireAbsentWithoutDrift(p, option);
            }
            requireAbsentWithoutDrift(p, DRIFT_WIDTH);
            return first;
        }
        if (width == 0) {
            return ConceptDriftStream.abrupt(first, second.get(), driftAt, seed);
        }
        return ConceptDriftStream.gradual(first, second.get(), driftAt, width, seed);
    }

    private static void requireAbsentWithoutDrift(GeneratorParams p, String option) {
        if (p.has(option)) {
            throw new IllegalArgumentException("option " + option + " needs a drift position (--drift-at)");
        }
    }
}

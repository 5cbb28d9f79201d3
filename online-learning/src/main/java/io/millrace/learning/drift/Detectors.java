package io.millrace.learning.drift;

import io.millrace.learning.StateCodec;
import io.millrace.learning.StateFormatException;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds drift detectors by name from {@code name=value} parameters (what
 * {@code millrace detect --detector NAME --param name=value} passes), and restores any detector from its
 * bytes.
 *
 * <p>Names and parameters, with MOA's defaults:
 * <ul>
 *   <li>{@code adwin}: {@code delta} 0.002, {@code clock} 32, {@code max-buckets} 5,
 *       {@code min-window-length} 5, {@code grace-period} 10, {@code direction} both|increase|decrease
 *       (both);</li>
 *   <li>{@code page-hinkley}: {@code min-instances} 30, {@code delta} 0.005, {@code lambda} 50,
 *       {@code alpha} 0.9999;</li>
 *   <li>{@code ddm}: {@code min-instances} 30, {@code warning-level} 2, {@code drift-level} 3;</li>
 *   <li>{@code eddm}: {@code min-instances} 30, {@code min-errors} 30, {@code warning-level} 0.95,
 *       {@code drift-level} 0.9;</li>
 *   <li>{@code kswin}: {@code alpha} 0.005, {@code window-size} 100, {@code stat-size} 30,
 *       {@code seed} 42.</li>
 * </ul>
 */
public final class Detectors {

    /** The detector names {@link #create} accepts, in the order they are documented. */
    public static final List<String> NAMES =
        List.of(Adwin.KIND, PageHinkley.KIND, Ddm.KIND, Eddm.KIND, Kswin.KIND);

    private Detectors() {
    }

    /**
     * Builds the detector called {@code name} (case-insensitive) with the given parameters; parameters
     * not given take their defaults.
     *
     * @throws IllegalArgumentException naming the problem: an unknown detector, a parameter the detector
     *                                  does not have, a value that does not parse or is out of range
     */
    public static DriftDetector create(String name, Map<String, String> params) {
        String kind = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        DetectorParams reader = new DetectorParams(kind, params);
        return switch (kind) {
            case Adwin.KIND -> new Adwin(adwinConfig(reader));
            case PageHinkley.KIND -> new PageHinkley(pageHinkleyConfig(reader));
            case Ddm.KIND -> new Ddm(ddmConfig(reader));
            case Eddm.KIND -> new Eddm(eddmConfig(reader));
            case Kswin.KIND -> new Kswin(kswinConfig(reader));
            default -> throw new IllegalArgumentException("unknown detector '" + name + "'; expected one of "
                + String.join(", ", NAMES));
        };
    }

    /** The detector called {@code name} with its defaults. */
    public static DriftDetector create(String name) {
        return create(name, Map.of());
    }

    /**
     * The parameters of the detector called {@code name} with their default values, in documentation
     * order (for help texts).
     */
    public static Map<String, String> parameters(String name) {
        String kind = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        DetectorParams reader = new DetectorParams(kind, Map.of());
        switch (kind) {
            case Adwin.KIND -> adwinConfig(reader);
            case PageHinkley.KIND -> pageHinkleyConfig(reader);
            case Ddm.KIND -> ddmConfig(reader);
            case Eddm.KIND -> eddmConfig(reader);
            case Kswin.KIND -> kswinConfig(reader);
            default -> throw new IllegalArgumentException("unknown detector '" + name + "'; expected one of "
                + String.join(", ", NAMES));
        }
        return reader.defaults();
    }

    /**
     * Restores a detector of any kind from bytes written by its {@code toBytes()}.
     *
     * @throws StateFormatException when the bytes are not a drift detector's state
     */
    public static DriftDetector fromBytes(byte[] bytes) {
        if (bytes == null) {
            throw new StateFormatException("no bytes to decode as a drift detector");
        }
        String kind = StateCodec.peekKind(bytes);
        return switch (kind) {
            case Adwin.KIND -> Adwin.fromBytes(bytes);
            case PageHinkley.KIND -> PageHinkley.fromBytes(bytes);
            case Ddm.KIND -> Ddm.fromBytes(bytes);
            case Eddm.KIND -> Eddm.fromBytes(bytes);
            case Kswin.KIND -> Kswin.fromBytes(bytes);
            default -> throw new StateFormatException("bytes hold a '" + kind + "', which is not a drift detector ("
                + String.join(", ", NAMES) + ")");
        };
    }

    private static Adwin.Config adwinConfig(DetectorParams params) {
        Adwin.Config d = Adwin.Config.DEFAULTS;
        double delta = params.finiteDouble("delta", d.delta());
        int clock = params.integer("clock", d.clock());
        int maxBuckets = params.integer("max-buckets", d.maxBuckets());
        int minWindowLength = params.integer("min-window-length", d.minWindowLength());
        int gracePeriod = params.integer("grace-period", d.gracePeriod());
        Adwin.Direction direction = params.choice("direction", d.direction());
        return params.build(() -> new Adwin.Config(delta, clock, maxBuckets, minWindowLength, gracePeriod, direction));
    }

    private static PageHinkley.Config pageHinkleyConfig(DetectorParams params) {
        PageHinkley.Config d = PageHinkley.Config.DEFAULTS;
        int minInstances = params.integer("min-instances", d.minInstances());
        double delta = params.finiteDouble("delta", d.delta());
        double lambda = params.finiteDouble("lambda", d.lambda());
        double alpha = params.finiteDouble("alpha", d.alpha());
        return params.build(() -> new PageHinkley.Config(minInstances, delta, lambda, alpha));
    }

    private static Ddm.Config ddmConfig(DetectorParams params) {
        Ddm.Config d = Ddm.Config.DEFAULTS;
        int minInstances = params.integer("min-instances", d.minInstances());
        double warningLevel = params.finiteDouble("warning-level", d.warningLevel());
        double driftLevel = params.finiteDouble("drift-level", d.driftLevel());
        return params.build(() -> new Ddm.Config(minInstances, warningLevel, driftLevel));
    }

    private static Eddm.Config eddmConfig(DetectorParams params) {
        Eddm.Config d = Eddm.Config.DEFAULTS;
        int minInstances = params.integer("min-instances", d.minInstances());
        int minErrors = params.integer("min-errors", d.minErrors());
        double warningLevel = params.finiteDouble("warning-level", d.warningLevel());
        double driftLevel = params.finiteDouble("drift-level", d.driftLevel());
        return params.build(() -> new Eddm.Config(minInstances, minErrors, warningLevel, driftLevel));
    }

    private static Kswin.Config kswinConfig(DetectorParams params) {
        Kswin.Config d = Kswin.Config.DEFAULTS;
        double alpha = params.finiteDouble("alpha", d.alpha());
        int windowSize = params.integer("window-size", d.windowSize());
        int statSize = params.integer("stat-size", d.statSize());
        long seed = params.longInteger("seed", d.seed());
        return params.build(() -> new Kswin.Config(alpha, windowSize, statSize, seed));
    }
}

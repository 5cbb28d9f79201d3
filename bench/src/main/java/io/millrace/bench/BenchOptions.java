package io.millrace.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The benchmark's command line, parsed and checked.
 *
 * @param instances   instances per stream (the dense logistic-regression run uses twice as many)
 * @param seed        seed of every stream (MOA's {@code -i}); the second concept of SEA uses {@code seed + 1}
 * @param json        where the JSON report goes
 * @param only        names of the learners and detectors to run; empty for all
 * @param repetitions timed runs of each side; the median is reported
 * @param help        whether only the usage was asked for
 */
public record BenchOptions(long instances, long seed, Path json, Set<String> only, int repetitions, boolean help) {

    public static final long DEFAULT_INSTANCES = 1_000_000L;
    public static final long DEFAULT_SEED = 1L;
    /** The default report, under the checkout that {@code ./millrace} runs from (it sets {@code millrace.root}). */
    public static final Path DEFAULT_JSON = Path.of(System.getProperty("millrace.root", ""))
        .resolve(Path.of("bench", "target", "learning-benchmark.json"));
    public static final int DEFAULT_REPETITIONS = 3;
    /** Every instance is held twice in memory (a Millrace row and a MOA instance): keep runs within a few GB. */
    public static final long MAX_INSTANCES = 10_000_000L;
    public static final long MIN_INSTANCES = 100L;

    public BenchOptions {
        if (instances < MIN_INSTANCES || instances > MAX_INSTANCES) {
            throw new IllegalArgumentException("--instances must be between " + MIN_INSTANCES + " and " + MAX_INSTANCES
                + " (every instance is held in memory twice, as a Millrace row and a MOA instance), got " + instances);
        }
        if (seed < Integer.MIN_VALUE || seed >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--seed must fit MOA's int seed option (and seed + 1 too), got " + seed);
        }
        if (repetitions < 1 || repetitions > 99) {
            throw new IllegalArgumentException("--repetitions must be between 1 and 99, got " + repetitions);
        }
        only = Set.copyOf(only);
    }

    public static BenchOptions defaults() {
        return new BenchOptions(DEFAULT_INSTANCES, DEFAULT_SEED, DEFAULT_JSON, Set.of(), DEFAULT_REPETITIONS, false);
    }

    public BenchOptions withInstances(long value) {
        return new BenchOptions(value, seed, json, only, repetitions, help);
    }

    public BenchOptions withJson(Path value) {
        return new BenchOptions(instances, seed, value, only, repetitions, help);
    }

    public BenchOptions withOnly(Set<String> value) {
        return new BenchOptions(instances, seed, json, value, repetitions, help);
    }

    public BenchOptions withRepetitions(int value) {
        return new BenchOptions(instances, seed, json, only, value, help);
    }

    /** Whether the learner or detector called {@code name} is to run. */
    public boolean runs(String name) {
        return only.isEmpty() || only.contains(name);
    }

    /**
     * Parses the arguments of {@code ./millrace bench}.
     *
     * @param known the learner and detector names {@code --only} accepts
     * @throws IllegalArgumentException naming the bad argument
     */
    public static BenchOptions parse(String[] args, List<String> known) {
        BenchOptions options = defaults();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (name.equals("--help") || name.equals("-h")) {
                return new BenchOptions(options.instances, options.seed, options.json, options.only,
                    options.repetitions, true);
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(name.startsWith("--") ? name + " needs a value" : "unexpected argument '" + arg + "'");
            }
            options = switch (name) {
                case "--instances" -> options.withInstances(number(name, value));
                case "--seed" -> new BenchOptions(options.instances, number(name, value), options.json, options.only,
                    options.repetitions, false);
                case "--json" -> options.withJson(Path.of(value));
                case "--only" -> options.withOnly(names(value, known));
                case "--repetitions" -> options.withRepetitions(Math.toIntExact(Math.min(number(name, value), 1000)));
                default -> throw new IllegalArgumentException("unknown option '" + name + "'");
            };
        }
        return options;
    }

    /** The usage text of {@code ./millrace bench}. */
    public static String usage(List<String> known) {
        return String.join("\n",
            "Usage: ./millrace bench [--instances N] [--seed S] [--json FILE] [--only NAME,...] [--repetitions R]",
            "",
            "Runs Millrace's learners and drift detectors beside MOA's in one JVM on the same instances and prints",
            "instances/s, the ratio ours/MOA and prequential accuracy for both; writes the same table as JSON.",
            "",
            "  --instances N     instances per stream (default 1000000; the dense logistic-regression run uses 2N)",
            "  --seed S          seed of every stream, MOA's -i (default 1)",
            "  --json FILE       JSON report (default bench/target/learning-benchmark.json)",
            "  --only NAME,...   run only these: " + String.join(", ", known),
            "  --repetitions R   timed runs of each side, alternating ours and MOA's; the median is reported (default 3)",
            "  --help            this text",
            "",
            "Also: ./millrace bench speed-layer [--events N] [--json FILE] ... measures the events per second one",
            "speed-layer instance sustains beside a plain exactly-once Kafka Streams pass-through on the same broker",
            "(./millrace bench speed-layer --help).",
            "");
    }

    /** {@code text} as a count ("1_000_000" and "1,000,000" read as 1000000); an error naming {@code option} otherwise. */
    public static long number(String option, String text) {
        try {
            return Long.parseLong(text.trim().replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be an integer, got '" + text + "'");
        }
    }

    private static Set<String> names(String text, List<String> known) {
        Set<String> names = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String part : text.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (known.contains(name)) {
                names.add(name);
            } else {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty() || names.isEmpty()) {
            throw new IllegalArgumentException("--only takes names among " + String.join(", ", known)
                + (unknown.isEmpty() ? "" : "; unknown: " + String.join(", ", unknown)));
        }
        return names;
    }

    @Override
    public String toString() {
        return "instances=" + instances + " seed=" + seed + " repetitions=" + repetitions
            + (only.isEmpty() ? "" : " only=" + Arrays.toString(only.toArray()));
    }
}

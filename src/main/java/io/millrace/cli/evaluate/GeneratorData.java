package io.millrace.cli.evaluate;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

import io.millrace.learning.Header;
import io.millrace.learning.eval.Example;
import io.millrace.learning.generators.Generators;
import io.millrace.learning.generators.Instance;
import io.millrace.learning.generators.InstanceStream;

/** The first {@code instances} examples of a seeded stream generator, with an optional concept drift. */
public final class GeneratorData implements EvaluationData {

    private final String name;
    private final Map<String, String> options;
    private final long seed;
    private final Long driftAt;
    private final long instances;
    private final InstanceStream stream;

    /**
     * @param name      a generator of {@link Generators#NAMES}
     * @param options   the generator's options, MOA's names (see {@link Generators})
     * @param driftAt   index of the first instance of the second concept, or null for none
     * @param instances how many instances to draw, at least 1
     * @throws IllegalArgumentException for an unknown generator or option, a bad value or count
     */
    public GeneratorData(String name, Map<String, String> options, long seed, Long driftAt, long instances) {
        if (instances < 1) {
            throw new IllegalArgumentException("--instances must be at least 1, got " + instances);
        }
        if (driftAt != null && driftAt >= instances) {
            throw new IllegalArgumentException("--drift-at " + driftAt + " is not before the end of the stream (--instances "
                + instances + "): the drift would never be seen");
        }
        this.stream = Generators.create(name, options, seed, driftAt);
        this.name = name.trim().toLowerCase(java.util.Locale.ROOT);
        this.options = Map.copyOf(options);
        this.seed = seed;
        this.driftAt = driftAt;
        this.instances = instances;
    }

    @Override
    public Header header() {
        return stream.header();
    }

    @Override
    public Iterator<Example> examples() {
        return new Iterator<>() {
            private long drawn;

            @Override
            public boolean hasNext() {
                return drawn < instances && stream.hasNext();
            }

            @Override
            public Example next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                drawn++;
                Instance instance = stream.next();
                return new Example(instance.features(), instance.target());
            }
        };
    }

    @Override
    public long expected() {
        return instances;
    }

    @Override
    public long skipped() {
        return 0;
    }

    @Override
    public String describe() {
        StringBuilder text = new StringBuilder(name + " generator, seed " + seed + ", " + instances + " instances");
        if (driftAt != null) {
            text.append(", drift at ").append(driftAt);
        }
        options.forEach((option, value) -> text.append(", ").append(option).append('=').append(value));
        return text.toString();
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", "generator");
        fields.put("generator", name);
        fields.put("seed", seed);
        fields.put("instances", instances);
        fields.put("driftAt", driftAt);
        fields.put("options", new java.util.TreeMap<>(options));
        return fields;
    }

    @Override
    public void close() {
        // nothing held
    }
}

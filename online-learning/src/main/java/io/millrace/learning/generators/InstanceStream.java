package io.millrace.learning.generators;

import io.millrace.learning.Header;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A restartable source of {@link Instance}s of one {@link Header}: the shape every generator, drift
 * composition and replayed data set shares, so evaluation and producers need not know which it reads.
 *
 * <p>The generators in this package are infinite ({@link #hasNext()} is always true) and deterministic:
 * the same configuration and seed give the same instances, and {@link #restart()} replays them from the
 * first. A stream is not thread-safe; give each thread its own.
 */
public interface InstanceStream extends Iterator<Instance> {

    /** The shape of every instance this stream produces. */
    Header header();

    /** Whether another instance can be drawn; always true for an infinite generator. */
    @Override
    boolean hasNext();

    /**
     * The next instance.
     *
     * @throws java.util.NoSuchElementException when a finite stream is exhausted
     */
    @Override
    Instance next();

    /** Goes back to the first instance: what follows equals what a freshly built stream produces. */
    void restart();

    /** Draws the next {@code count} instances (fewer when a finite stream ends first). */
    default List<Instance> take(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        List<Instance> instances = new ArrayList<>(count);
        while (instances.size() < count && hasNext()) {
            instances.add(next());
        }
        return instances;
    }
}

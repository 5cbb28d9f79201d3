package io.millrace.speed.model;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A counter of changes to the registry store, shared by the global processor that writes the store
 * ({@link RecordModelVersions}, on the global thread) and the {@link ModelRegistryView}s that read it (on the
 * stream threads): a view keeps the routing it decoded until the counter moves, instead of reading the store
 * for every event. The writer advances it after each write, so a view that sees the new count reads the new
 * routing; one that read just before keeps the old routing until its next lookup.
 */
final class RegistryGeneration {
    private final AtomicLong changes = new AtomicLong();

    /** The number of registry writes so far. */
    long current() {
        return changes.get();
    }

    /** Marks a write to the registry store; call after the write. */
    void advance() {
        changes.incrementAndGet();
    }
}

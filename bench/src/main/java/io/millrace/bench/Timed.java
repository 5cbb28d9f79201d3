package io.millrace.bench;

/**
 * A measured run: how long its timed part took by the wall clock, and how much CPU time the running
 * thread spent in it. On a shared machine the second is the steadier: time the thread spent waiting
 * for a core is not in it (nor is the garbage collector's work on its own threads).
 */
interface Timed {

    long nanos();

    long cpuNanos();

    /** Inputs the timed part went through. */
    int inputs();
}

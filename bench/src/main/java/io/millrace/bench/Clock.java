package io.millrace.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** Wall-clock and current-thread CPU time, read together at the start and end of a timed loop. */
final class Clock {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported();

    private final long wallStart;
    private final long cpuStart;

    private Clock() {
        this.cpuStart = cpuNow();
        this.wallStart = System.nanoTime();
    }

    static Clock start() {
        return new Clock();
    }

    long wallNanos() {
        return System.nanoTime() - wallStart;
    }

    /** CPU time of this thread since the start, or the wall time where the JVM cannot tell. */
    long cpuNanos(long wallNanos) {
        return CPU_TIME ? cpuNow() - cpuStart : wallNanos;
    }

    private static long cpuNow() {
        return CPU_TIME ? THREADS.getCurrentThreadCpuTime() : 0;
    }
}

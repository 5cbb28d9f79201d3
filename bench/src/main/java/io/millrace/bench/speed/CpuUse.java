package io.millrace.bench.speed;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the CPU of this JVM went during one run, in seconds: the application's stream threads (by name, through
 * {@link ThreadMXBean}), the JIT compilers, the garbage collector and RocksDB's background threads (by their Linux
 * thread names under {@code /proc/self/task}), and the rest of the process: the embedded broker and the clients'
 * network threads, mostly. A wall-clock rate on a shared two-core machine moves with everything else that runs;
 * the stream threads' CPU per event is the steadier figure, and the other groups say what competes with them.
 * Where {@code /proc} is missing (not Linux) only the stream threads and the whole process are known.
 *
 * @param streamThreads CPU seconds of the application's stream threads
 * @param jit           the C1 and C2 compiler threads
 * @param gc            the garbage collector's threads
 * @param rocksdb       RocksDB's flush and compaction threads
 * @param process       the whole JVM
 * @param streamAllocatedBytes the bytes the stream threads allocated on the heap: a measure of their work that moves
 *                      far less with the machine's load than their CPU time
 */
public record CpuUse(double streamThreads, double jit, double gc, double rocksdb, double process, long streamAllocatedBytes) {

    /** Clock ticks per second of {@code /proc/<pid>/task/<tid>/stat} (USER_HZ, 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100.0;

    /** CPU of the process outside the stream threads, the JIT, the GC and RocksDB: the broker and client threads. */
    public double rest() {
        return Math.max(0, process - streamThreads - jit - gc - rocksdb);
    }

    /** Stream-thread CPU microseconds per event. */
    public double streamMicrosPerEvent(long events) {
        return events == 0 ? 0 : streamThreads * 1e6 / events;
    }

    /** Kilobytes the stream threads allocated per event. */
    public double streamKilobytesPerEvent(long events) {
        return events == 0 ? 0 : streamAllocatedBytes / 1024.0 / events;
    }

    /** The use between {@code start} and {@code end}, two readings. */
    static CpuUse between(Reading start, Reading end) {
        return new CpuUse(Math.max(0, end.streamNanos - start.streamNanos) / 1e9,
                delta(start, end, "jit"), delta(start, end, "gc"), delta(start, end, "rocksdb"),
                Math.max(0, end.processNanos - start.processNanos) / 1e9,
                Math.max(0, end.streamAllocated - start.streamAllocated));
    }

    private static double delta(Reading start, Reading end, String group) {
        return Math.max(0, end.groupTicks.getOrDefault(group, 0L) - start.groupTicks.getOrDefault(group, 0L)) / TICKS_PER_SECOND;
    }

    /** One reading of the counters, for the threads whose name contains {@code applicationId}. */
    record Reading(long streamNanos, long processNanos, Map<String, Long> groupTicks, long streamAllocated) {
        static Reading now(String applicationId) {
            return new Reading(readStreamThreads(applicationId, false), readProcessNanos(), readGroupTicks(),
                    readStreamThreads(applicationId, true));
        }
    }

    /** The stream threads' CPU nanoseconds, or the bytes they allocated. */
    private static long readStreamThreads(String applicationId, boolean allocated) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String name = thread.getName();
            if (name.contains(applicationId) && name.contains("-StreamThread-") && !name.contains("producer")) {
                total += Math.max(0, allocated ? allocatedBytes(threads, thread.getId())
                        : threads.getThreadCpuTime(thread.getId()));
            }
        }
        return total;
    }

    private static long allocatedBytes(ThreadMXBean threads, long threadId) {
        return threads instanceof com.sun.management.ThreadMXBean hotspot ? hotspot.getThreadAllocatedBytes(threadId) : 0;
    }

    private static long readProcessNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }

    /** User plus system ticks of this process's threads by group ("jit", "gc", "rocksdb"; the rest uncounted). */
    private static Map<String, Long> readGroupTicks() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return ticks;
        }
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                addTicks(thread.resolve("stat"), ticks);
            }
        } catch (IOException e) {
            return ticks;
        }
        return ticks;
    }

    private static void addTicks(Path stat, Map<String, Long> ticks) {
        String line;
        try {
            line = Files.readString(stat);
        } catch (IOException e) {
            return; // the thread ended while the directory was read
        }
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            return;
        }
        String group = group(line.substring(open + 1, close));
        if (group == null) {
            return;
        }
        String[] fields = line.substring(close + 2).split(" ");
        if (fields.length > 12) {
            ticks.merge(group, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
        }
    }

    /** The group of a Linux thread name (15 characters at most), or null. */
    static String group(String threadName) {
        if (threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre")) {
            return "jit";
        }
        if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ")) {
            return "gc";
        }
        if (threadName.startsWith("rocksdb:")) {
            return "rocksdb";
        }
        return null;
    }
}

package io.millrace.bench.speed;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's load average over 1, 5 and 15 minutes: on a shared build machine, the context that tells
 * how much a single figure can be trusted (the ratios, measured side by side, are steadier).
 *
 * @param one     1-minute load average
 * @param five    5-minute load average, NaN where only the 1-minute one is known
 * @param fifteen 15-minute load average, NaN where only the 1-minute one is known
 */
public record LoadAverage(double one, double five, double fifteen) {

    private static final Path PROC = Path.of("/proc/loadavg");

    /** Now: from {@code /proc/loadavg} on Linux, else the JVM's 1-minute figure (NaN where none is known). */
    public static LoadAverage now() {
        try {
            if (Files.isReadable(PROC)) {
                String[] fields = Files.readString(PROC).trim().split("\\s+");
                return new LoadAverage(Double.parseDouble(fields[0]), Double.parseDouble(fields[1]),
                    Double.parseDouble(fields[2]));
            }
        } catch (IOException | RuntimeException e) {
            // fall back to the JVM's figure
        }
        double one = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return new LoadAverage(one < 0 ? Double.NaN : one, Double.NaN, Double.NaN);
    }

    @Override
    public String toString() {
        return Double.isNaN(five) ? String.format(java.util.Locale.ROOT, "%.2f", one) : String.format(java.util.Locale.ROOT, "%.2f %.2f %.2f", one, five, fifteen);
    }
}

package io.millrace.learning.drift;

import io.millrace.learning.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.PrimitiveIterator;
import java.util.function.LongConsumer;
import java.util.stream.DoubleStream;

/**
 * Feeds a sequence of numbers to a detector and reports the 0-based index of every observation at which
 * it detected a change: the whole of {@code millrace detect}, minus reading standard input and printing.
 *
 * <p>Text input holds one number per line (surrounding blanks allowed). A line that is not a number, or
 * a number the detector refuses (NaN, infinity, or for DDM and EDDM a value outside their domain), stops
 * the run with an {@link InvalidInputException} that names the 1-based line number; the detections
 * before it were already reported to the consumer.
 */
public final class DetectionRunner {

    private DetectionRunner() {
    }

    /** Indices (0-based) of the values at which {@code detector} detected a change. */
    public static List<Long> detect(DriftDetector detector, DoubleStream values) {
        List<Long> detections = new ArrayList<>();
        detect(detector, values, detections::add);
        return detections;
    }

    /** Streams each detection's index to {@code onDetection} as soon as it happens. */
    public static void detect(DriftDetector detector, DoubleStream values, LongConsumer onDetection) {
        long index = 0;
        for (PrimitiveIterator.OfDouble it = values.iterator(); it.hasNext(); index++) {
            double value = it.nextDouble();
            boolean change;
            try {
                change = detector.update(value);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("value " + index + " (0-based): " + e.getMessage());
            }
            if (change) {
                onDetection.accept(index);
            }
        }
    }

    /** Indices (0-based) of the lines at which {@code detector} detected a change. */
    public static List<Long> detect(DriftDetector detector, Iterable<String> lines) {
        List<Long> detections = new ArrayList<>();
        detect(detector, lines, detections::add);
        return detections;
    }

    /** Streams each detection's line index (0-based) to {@code onDetection} as soon as it happens. */
    public static void detect(DriftDetector detector, Iterable<String> lines, LongConsumer onDetection) {
        long index = 0;
        for (String line : lines) {
            double value = parse(line, index + 1);
            boolean change;
            try {
                change = detector.update(value);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("line " + (index + 1) + ": " + e.getMessage());
            }
            if (change) {
                onDetection.accept(index);
            }
            index++;
        }
    }

    private static double parse(String line, long lineNumber) {
        String text = line == null ? "" : line.strip();
        if (text.isEmpty()) {
            throw new InvalidInputException("line " + lineNumber + " is empty; expected one number per line");
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("line " + lineNumber + " is not a number: '" + abbreviate(text) + "'");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}

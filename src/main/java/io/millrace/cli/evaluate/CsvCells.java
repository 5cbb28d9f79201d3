package io.millrace.cli.evaluate;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How one CSV cell is read: missing, a number, or a category. Cells are trimmed first.
 * <ul>
 *   <li>missing: empty, {@code NA}, {@code N/A}, {@code NaN}, {@code null} or {@code ?} (any case);</li>
 *   <li>a number: a decimal such as {@code -1}, {@code 2.5}, {@code .5}, {@code 1e-3}, or {@code inf},
 *       {@code Infinity} with an optional sign (an infinite feature makes its row invalid input);</li>
 *   <li>anything else is a category.</li>
 * </ul>
 */
final class CsvCells {

    static final Set<String> MISSING = Set.of("", "na", "n/a", "nan", "null", "?");

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INFINITE = Pattern.compile("[+-]?(inf|infinity)", Pattern.CASE_INSENSITIVE);

    private CsvCells() {
    }

    static boolean isMissing(String cell) {
        return MISSING.contains(cell.trim().toLowerCase(Locale.ROOT));
    }

    static boolean isNumber(String cell) {
        String text = cell.trim();
        return DECIMAL.matcher(text).matches() || INFINITE.matcher(text).matches();
    }

    /** The number in a cell for which {@link #isNumber} holds. */
    static double number(String cell) {
        String text = cell.trim();
        if (INFINITE.matcher(text).matches()) {
            return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(text);
    }

    /** A number as a class name: {@code 1}, {@code 0.5}; the same for {@code 1}, {@code 1.0} and {@code 1e0}. */
    static String canonical(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}

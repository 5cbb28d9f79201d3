package io.millrace.speed.drift;

import io.millrace.learning.stats.QuantileSketch;
import io.millrace.speed.stats.CategoryCounts;
import io.millrace.speed.stats.ValueStatistics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values one feature took in some window slices, merged over every entity of a task: its numeric values as a
 * KLL sketch, its categorical values as exact counts per category, up to a cap of distinct categories, plus the
 * count of the values of all other categories. What the drift tests compare; missing values are left out.
 *
 * <p>Fed either one value at a time as events arrive ({@link #addValue}, the same reading of a value as the
 * rolling statistics' {@link ValueStatistics}: a finite number, a string, or missing), or from the rolling
 * statistics' stored {@link ValueStatistics} ({@link #addPart}, which merges their sketches). Mutable;
 * {@link #merge} leaves its argument unchanged.
 */
final class FeatureSample {

    private final int maxCategories;
    private QuantileSketch numbers;
    private final HashMap<String, Long> categories = new HashMap<>();
    private long otherCategories;
    private long categorical;

    /** An empty sample that counts up to {@code maxCategories} distinct categories exactly (first come). */
    FeatureSample(int maxCategories) {
        this.maxCategories = maxCategories;
    }

    /**
     * Adds one value as an event carries it: a number other than {@code NaN} is numeric, a string categorical,
     * anything else (null, {@code NaN}) missing and left out. Infinite numbers never get here: the rolling statistics
     * fail the task on one before they forward the event.
     */
    FeatureSample addValue(Object value) {
        if (value instanceof Number number) {
            double x = number.doubleValue();
            if (!Double.isNaN(x)) {
                numbers().update(x);
            }
        } else if (value instanceof CharSequence text) {
            count(text.toString(), 1);
            categorical++;
        }
        return this;
    }

    /** Adds the values of one part of a stored window slice. */
    FeatureSample addPart(ValueStatistics part) {
        long numeric = part.count() - part.categoricalCount();
        if (numeric > 0) {
            numbers().merge(part.numeric().quantiles());
        }
        if (part.categoricalCount() > 0) {
            CategoryCounts counts = part.categories();
            counts.counts().forEach(this::count);
            otherCategories += counts.other();
            categorical += part.categoricalCount();
        }
        return this;
    }

    private void count(String category, long count) {
        Long seen = categories.get(category);
        if (seen != null) {
            categories.put(category, seen + count);
        } else if (categories.size() < maxCategories) {
            categories.put(category, count);
        } else {
            otherCategories += count;
        }
    }

    /** Adds every value of {@code that}. */
    FeatureSample merge(FeatureSample that) {
        if (that.numbers != null) {
            numbers().merge(that.numbers);
        }
        that.categories.forEach(this::count);
        otherCategories += that.otherCategories;
        categorical += that.categorical;
        return this;
    }

    /** Numeric values. */
    long numericCount() {
        return numbers == null ? 0 : numbers.count();
    }

    /** Categorical values, tracked categories and other together. */
    long categoricalCount() {
        return categorical;
    }

    /** The numeric values' sketch; empty when there were none. */
    QuantileSketch numbers() {
        if (numbers == null) {
            numbers = new QuantileSketch();
        }
        return numbers;
    }

    /** Counts of the tracked categories. */
    Map<String, Long> categories() {
        return Collections.unmodifiableMap(categories);
    }

    /** Values of categories beyond the tracked ones. */
    long otherCategories() {
        return otherCategories;
    }

    /**
     * The {@code limit} most frequent categories (ties by name), in that order; the counts of the rest belong
     * with {@link #otherCategories()} in a reference that keeps only these.
     */
    LinkedHashMap<String, Long> topCategories(int limit) {
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(categories.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        LinkedHashMap<String, Long> top = new LinkedHashMap<>();
        for (Map.Entry<String, Long> entry : sorted.subList(0, Math.min(limit, sorted.size()))) {
            top.put(entry.getKey(), entry.getValue());
        }
        return top;
    }
}

package io.millrace.speed.stats;

import io.millrace.learning.stats.FeatureStatistics;
import io.millrace.learning.stats.Moments;
import java.util.Map;

/**
 * Plain statistics of one feature over some window(s), for serving and reports.
 *
 * @param count           values present (numeric and categorical)
 * @param missing         values missing ({@code null})
 * @param mean            mean of the numeric values; {@code NaN} without any
 * @param variance        sample variance (n - 1) of the numeric values; {@code NaN} with fewer than two
 * @param min             smallest numeric value; {@code NaN} without any
 * @param max             largest numeric value; {@code NaN} without any
 * @param p50             median of the numeric values (KLL, about 1.3% rank error); {@code NaN} without any
 * @param p90             90th percentile (KLL)
 * @param p99             99th percentile (KLL)
 * @param distinct        estimated distinct values (HLL): numeric and categorical together
 * @param categories      exact counts of the tracked categories of a categorical feature
 * @param otherCategories occurrences of categories beyond the tracked ones
 */
public record StatsSummary(long count, long missing, double mean, double variance, double min, double max,
                           double p50, double p90, double p99, double distinct,
                           Map<String, Long> categories, long otherCategories) {

    public StatsSummary {
        categories = Map.copyOf(categories);
    }

    /** The summary of {@code values}. */
    public static StatsSummary of(ValueStatistics values) {
        Moments moments = values.moments();
        boolean numeric = moments.count() > 0;
        FeatureStatistics sketches = numeric ? values.numeric() : null;
        boolean categorical = values.categoricalCount() > 0;
        CategoryCounts categories = categorical ? values.categories() : new CategoryCounts();
        double distinct = (numeric ? sketches.distinctEstimate() : 0) + (categorical ? categories.distinctEstimate() : 0);
        return new StatsSummary(values.count(), values.missing(), moments.mean(), moments.sampleVariance(),
                moments.min(), moments.max(),
                numeric ? sketches.quantile(0.5) : Double.NaN,
                numeric ? sketches.quantile(0.9) : Double.NaN,
                numeric ? sketches.quantile(0.99) : Double.NaN,
                distinct, categories.counts(), categories.other());
    }
}

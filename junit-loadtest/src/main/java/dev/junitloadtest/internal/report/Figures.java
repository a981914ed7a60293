package dev.junitloadtest.internal.report;

import java.time.Duration;
import java.util.Arrays;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The figures the outputs read straight from HdrHistograms (the sampler's per-second ones, which never become a
 * {@code LatencyDistribution}), computed exactly as the result computes them, so the console, the CSV files and the
 * JSON summary show the same figure for the same thing. They are written by {@link dev.junitloadtest.result.Formats}.
 * Internal.
 */
final class Figures {

    private Figures() {
    }

    /** Microseconds as a {@link Duration}. */
    static Duration micros(long micros) {
        return Duration.ofNanos(micros * 1000);
    }

    /** The mean of {@code histogram} (µs) as a duration, rounded to the nanosecond as the result rounds it. */
    static Duration mean(Histogram histogram) {
        return histogram.getTotalCount() == 0 ? Duration.ZERO
                : Duration.ofNanos(Math.round(histogram.getMean() * 1000));
    }

    /** The value of {@code histogram} (µs) at {@code percentile}, as the result computes it. */
    static Duration percentile(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? Duration.ZERO : micros(histogram.getValueAtPercentile(percentile));
    }

    /**
     * The values of {@code histogram} (µs) at each of {@code percentiles} (ascending), exactly as
     * {@link Histogram#getValueAtPercentile} gives them, in one pass over its buckets rather than one per percentile:
     * the sampler thread computes these for each request name every second. All zero when empty.
     */
    static Duration[] percentiles(Histogram histogram, double[] percentiles) {
        Duration[] values = new Duration[percentiles.length];
        Arrays.fill(values, Duration.ZERO);
        long total = histogram.getTotalCount();
        if (total == 0) {
            return values;
        }
        long[] ranks = new long[percentiles.length];
        for (int i = 0; i < percentiles.length; i++) {
            // HdrHistogram's own rank: one ulp below the percentile, rounded up to a whole count, at least one.
            double requested = Math.min(Math.max(Math.nextAfter(percentiles[i], Double.NEGATIVE_INFINITY), 0), 100);
            ranks[i] = Math.max(1, (long) Math.ceil((requested * total) / 100.0));
        }
        int next = 0;
        for (HistogramIterationValue value : histogram.recordedValues()) {
            while (next < ranks.length && value.getTotalCountToThisValue() >= ranks[next]) {
                values[next++] = micros(value.getValueIteratedTo());
            }
            if (next == ranks.length) {
                break;
            }
        }
        return values;
    }
}

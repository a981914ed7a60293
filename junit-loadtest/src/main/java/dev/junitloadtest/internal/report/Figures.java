package dev.junitloadtest.internal.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * How every output writes numbers, so the console, the CSV files and the JSON summary show the same figure for the
 * same thing: latencies as milliseconds, exact to the nanosecond the result holds (microseconds for percentiles);
 * files without grouping or exponents, the console grouped and rounded for reading. Internal.
 */
final class Figures {

    private Figures() {
    }

    /** {@code duration} in milliseconds, as a plain decimal with no trailing zeros: {@code 12}, {@code 0.743}. */
    static String millis(Duration duration) {
        return plain(BigDecimal.valueOf(duration.toNanos(), 6));
    }

    /** {@code duration} in milliseconds as a number, for JSON. */
    static double millisValue(Duration duration) {
        return duration.toNanos() / 1e6;
    }

    /**
     * {@code value} as Python writes a float (the CSV columns Locust fills with floats): a plain decimal that always
     * has a fractional part, {@code 0.0}, {@code 9.0}, {@code 66.784949}; at most six decimals.
     */
    static String pythonFloat(double value) {
        String text = plain(BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_EVEN));
        return text.indexOf('.') < 0 ? text + ".0" : text;
    }

    /** {@code value} with exactly six decimals, as Locust writes the rates of {@code stats_history.csv}. */
    static String sixDecimals(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
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

    // The console

    /** A count with thousands separators: {@code 12,345}. */
    static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    /** A rate per second for people: {@code 1,204.5}. */
    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.1f", perSecond);
    }

    /** A fraction as a percentage with {@code decimals} decimals: {@code 20.04%}. */
    static String percent(double fraction, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f%%", fraction * 100);
    }

    /**
     * A latency in milliseconds for people, to about three significant digits: {@code 0.74}, {@code 85.2},
     * {@code 1,204}.
     */
    static String readableMillis(Duration duration) {
        double millis = duration.toNanos() / 1e6;
        if (millis < 10) {
            return String.format(Locale.ROOT, "%.2f", millis);
        }
        if (millis < 1000) {
            return String.format(Locale.ROOT, "%.1f", millis);
        }
        return String.format(Locale.ROOT, "%,.0f", millis);
    }

    /** A run time as {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    static String clock(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    private static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}

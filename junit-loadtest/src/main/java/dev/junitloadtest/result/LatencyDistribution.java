package dev.junitloadtest.result;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;

import org.HdrHistogram.Histogram;
import org.apiguardian.api.API;

/**
 * {@code LatencyDistribution} is a set of measured latencies, kept as an HdrHistogram at microsecond resolution with
 * three significant digits: any percentile can be asked for (p99.9, p99.99), exact to within 0.1% of the value
 * (a microsecond below 1 ms, a millisecond at 1 s).
 * Immutable and thread-safe.
 */
@API(status = STABLE, since = "0.1")
public final class LatencyDistribution {

    /**
     * The significant decimal digits every distribution keeps: three, so any value is exact to within 0.1%. The
     * histograms the engine records and {@link #histogram()} hands out have this precision.
     */
    public static final int SIGNIFICANT_DIGITS = 3;

    private final Histogram histogram;

    private LatencyDistribution(Histogram histogram) {
        this.histogram = histogram;
    }

    /**
     * A distribution holding a copy of {@code histogram}, whose values are microseconds: changing {@code histogram}
     * afterwards does not change the distribution.
     */
    public static LatencyDistribution ofMicros(Histogram histogram) {
        return new LatencyDistribution(copyOf(histogram));
    }

    /** Number of latencies. */
    public long count() {
        return histogram.getTotalCount();
    }

    /** The smallest latency; zero when empty. */
    public Duration min() {
        return count() == 0 ? Duration.ZERO : micros(histogram.getMinValue());
    }

    /** The largest latency (to within the histogram's precision); zero when empty. */
    public Duration max() {
        return count() == 0 ? Duration.ZERO : micros(histogram.getMaxValue());
    }

    /** The mean latency; zero when empty. */
    public Duration mean() {
        return count() == 0 ? Duration.ZERO : Duration.ofNanos(Math.round(histogram.getMean() * 1000));
    }

    /**
     * The latency at {@code percentile}: the smallest latency that {@code percentile} percent of the latencies are at
     * or below, e.g. {@code percentile(99.9)}. Zero when empty.
     *
     * @param percentile between 0 and 100
     * @throws IllegalArgumentException if {@code percentile} is outside [0, 100]
     */
    public Duration percentile(double percentile) {
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException("A percentile is between 0 and 100, but was " + percentile);
        }
        return count() == 0 ? Duration.ZERO : micros(histogram.getValueAtPercentile(percentile));
    }

    /** The median, {@code percentile(50)}. */
    public Duration median() {
        return percentile(50);
    }

    /**
     * The latencies as an HdrHistogram in microseconds, for exact re-analysis or merging with others. A new copy on
     * every call: the caller owns it, and changing it (adding to it, resetting it) leaves this distribution as it
     * was.
     */
    public Histogram histogram() {
        return copyOf(histogram);
    }

    /** An empty histogram of this precision, growing to the range recorded into it. */
    static Histogram newHistogram() {
        return new Histogram(SIGNIFICANT_DIGITS);
    }

    /** A copy of {@code histogram}, with its time stamps. */
    static Histogram copyOf(Histogram histogram) {
        Histogram copy = newHistogram();
        copy.add(histogram);
        copy.setStartTimeStamp(histogram.getStartTimeStamp());
        copy.setEndTimeStamp(histogram.getEndTimeStamp());
        return copy;
    }

    private static Duration micros(long micros) {
        return Duration.ofNanos(micros * 1000);
    }

    @Override
    public String toString() {
        return "LatencyDistribution[count=" + count() + ", median=" + median() + ", p95=" + percentile(95)
                + ", max=" + max() + "]";
    }
}

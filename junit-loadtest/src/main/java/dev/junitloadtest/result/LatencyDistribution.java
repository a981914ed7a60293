package dev.junitloadtest.result;

import java.time.Duration;

import org.HdrHistogram.Histogram;

import dev.junitloadtest.internal.recording.Histograms;

/**
 * {@code LatencyDistribution} is a set of measured latencies, kept as an HdrHistogram at microsecond resolution with
 * three significant digits: any percentile can be asked for (p99.9, p99.99), exact to within 0.1% of the value
 * (a microsecond below 1 ms, a millisecond at 1 s).
 * Immutable and thread-safe.
 */
public final class LatencyDistribution {

    private final Histogram histogram;

    private LatencyDistribution(Histogram histogram) {
        this.histogram = histogram;
    }

    /** A distribution holding a copy of {@code histogram}, whose values are microseconds. */
    public static LatencyDistribution ofMicros(Histogram histogram) {
        return new LatencyDistribution(Histograms.copyOf(histogram));
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

    /** A copy of the underlying histogram, in microseconds, for exact re-analysis or merging. */
    public Histogram histogram() {
        return Histograms.copyOf(histogram);
    }

    Histogram unsafeHistogram() {
        return histogram;
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

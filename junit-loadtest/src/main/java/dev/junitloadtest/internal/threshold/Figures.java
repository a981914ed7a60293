package dev.junitloadtest.internal.threshold;

import java.time.Duration;
import java.util.Optional;

import org.HdrHistogram.Histogram;

import dev.junitloadtest.result.Capacity;
import dev.junitloadtest.result.GeneratorHealth;
import dev.junitloadtest.result.LatencyDistribution;
import dev.junitloadtest.result.RequestStats;

/**
 * The figures a {@link Metric} reads: those of one request name (or of all together) over the run or a window, at
 * its end or so far while it runs. Internal.
 */
interface Figures {

    /** Requests, failures included. */
    long count();

    /** Failed requests. */
    long failures();

    /** The measured time the figures cover. */
    Duration elapsed();

    /** Response times (coordinated-omission corrected in the open model). */
    Latencies responseTimes();

    /** Plain service times. */
    Latencies serviceTimes();

    /** What was measured of the load generator, for the run's figures at its end; empty while it runs. */
    default Optional<GeneratorHealth> generator() {
        return Optional.empty();
    }

    /** What a capacity search found, for the run's figures at its end; empty while it runs or without one. */
    default Optional<Capacity> capacity() {
        return Optional.empty();
    }

    /** {@code figures} with {@code health}, the generator's, and the {@code capacity} the run's search found. */
    static Figures withRun(Figures figures, GeneratorHealth health, Optional<Capacity> capacity) {
        return new Values(figures.count(), figures.failures(), figures.elapsed(), figures.responseTimes(),
                figures.serviceTimes(), Optional.of(health), capacity);
    }

    /** Latencies as metrics read them; all zero when there are none. */
    interface Latencies {

        /** The latency at {@code percentile} (0 to 100). */
        Duration percentile(double percentile);

        /** The mean. */
        Duration mean();

        /** The smallest. */
        Duration min();

        /** The largest. */
        Duration max();

        /** The readings of {@code distribution}. */
        static Latencies of(LatencyDistribution distribution) {
            return new Latencies() {
                @Override
                public Duration percentile(double percentile) {
                    return distribution.percentile(percentile);
                }

                @Override
                public Duration mean() {
                    return distribution.mean();
                }

                @Override
                public Duration min() {
                    return distribution.min();
                }

                @Override
                public Duration max() {
                    return distribution.max();
                }
            };
        }
    }

    /** Figures read once, when made. */
    record Values(long count, long failures, Duration elapsed, Latencies responseTimes, Latencies serviceTimes,
            Optional<GeneratorHealth> generator, Optional<Capacity> capacity) implements Figures {
    }

    /** The figures of {@code stats}, a request's row of a result. */
    static Figures of(RequestStats stats) {
        return new Values(stats.count(), stats.failures(), stats.elapsed(), Latencies.of(stats.responseTimes()),
                Latencies.of(stats.serviceTimes()), Optional.empty(),
                Optional.empty());
    }

    /**
     * The figures of histograms (microseconds) being recorded; judge them at once, on the thread that records into
     * them, as the histograms change.
     */
    static Figures of(Histogram responseMicros, Histogram serviceMicros, long failures, Duration elapsed) {
        return new Values(responseMicros.getTotalCount(), failures, elapsed, of(responseMicros), of(serviceMicros),
                Optional.empty(), Optional.empty());
    }

    // The same readings as LatencyDistribution's, without copying a histogram every second.
    private static Latencies of(Histogram micros) {
        return new Latencies() {
            @Override
            public Duration percentile(double percentile) {
                return empty() ? Duration.ZERO : ofMicros(micros.getValueAtPercentile(percentile));
            }

            @Override
            public Duration mean() {
                return empty() ? Duration.ZERO : Duration.ofNanos(Math.round(micros.getMean() * 1000));
            }

            @Override
            public Duration min() {
                return empty() ? Duration.ZERO : ofMicros(micros.getMinValue());
            }

            @Override
            public Duration max() {
                return empty() ? Duration.ZERO : ofMicros(micros.getMaxValue());
            }

            private boolean empty() {
                return micros.getTotalCount() == 0;
            }

            private static Duration ofMicros(long value) {
                return Duration.ofNanos(value * 1000);
            }
        };
    }
}

package dev.junitloadtest.internal.threshold;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.math.BigDecimal;
import java.util.function.Function;

import org.apiguardian.api.API;

/**
 * A figure a threshold can put a budget on, as {@link Metrics} resolves it from its name: {@code p99.9},
 * {@code failure_rate}. Internal.
 *
 * @param name the name as thresholds write it and messages show it, lower case
 * @param quantity what it measures, which decides its units
 * @param trend how it can move as a run goes on, which decides when a breach is final
 * @param needsRequests whether it means nothing without requests (a percentile), so that a threshold on it fails
 *        rather than passing on nothing; {@code count} and {@code rps} are zero then, a real figure
 * @param measure reads it from figures, in the quantity's base unit
 */
@API(status = INTERNAL, since = "0.1")
public record Metric(String name, Quantity quantity, Trend trend, boolean needsRequests,
        Function<Figures, BigDecimal> measure) {

    /** Its value in {@code figures}. */
    public BigDecimal measure(Figures figures) {
        return measure.apply(figures);
    }

    /** How a metric of a run (or window) so far can move as more requests come in. */
    public enum Trend {
        /** It only grows: {@code count}, {@code failures}, {@code max}. A cap it passed stays passed. */
        RISES,
        /** It only shrinks: {@code min}. A floor it went under stays crossed. */
        FALLS,
        /** Either way: percentiles, the mean, rates. Only its value at the end counts. */
        EITHER
    }
}

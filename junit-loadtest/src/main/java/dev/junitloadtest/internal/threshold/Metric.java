package dev.junitloadtest.internal.threshold;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.math.BigDecimal;
import java.util.function.Function;

import org.apiguardian.api.API;

/**
 * A figure a threshold can put a budget on, as {@link Metrics} resolves it from its name: {@code p99.9},
 * {@code failure_rate}. What may be done with it (judged per request, over a window, stop a run) follows from its
 * {@link Kind}, decided once when the name is read. Internal.
 *
 * @param name the name as thresholds write it and messages show it, lower case
 * @param kind what it is a figure of, which decides its quantity and where it applies
 * @param trend how it can move as a run goes on, which decides when a breach is final
 * @param measure reads it from figures, in the quantity's base unit
 */
@API(status = INTERNAL, since = "0.1")
public record Metric(String name, Kind kind, Trend trend, Function<Figures, BigDecimal> measure) {

    /** Its value in {@code figures}. */
    public BigDecimal measure(Figures figures) {
        return measure.apply(figures);
    }

    /** What it measures, which decides its units. */
    public Quantity quantity() {
        return kind.quantity();
    }

    /** Whether it means nothing without requests; see {@link Kind#needsRequests()}. */
    public boolean needsRequests() {
        return kind.needsRequests();
    }

    /**
     * What a metric is a figure of. Every rule that depends on the metric (its units, whether it can be judged per
     * request, over a window, or stop a run) is a property of its kind, not of how its name is spelt.
     */
    public enum Kind {

        /** A statistic of response times: {@code p95}, {@code median}, {@code avg}, {@code min}, {@code max}. */
        RESPONSE_TIME("", Quantity.TIME),
        /** A statistic of service times, kept for the whole run only: {@code service_p95}, {@code service_avg}. */
        SERVICE_TIME("service_", Quantity.TIME),
        /** The share of failed requests: {@code failure_rate}. */
        FAILURE_RATE("", Quantity.PERCENTAGE),
        /** The number of failed requests: {@code failures}. */
        FAILURES("", Quantity.COUNT),
        /** The number of requests: {@code count}. */
        COUNT("", Quantity.COUNT),
        /** Requests per second of measured time: {@code rps}. */
        RPS("", Quantity.RATE),
        /** The load generator's CPU use: {@code generator_cpu}, {@code generator_cpu_peak}. */
        GENERATOR_CPU("", Quantity.PERCENTAGE),
        /** A statistic of the load generator's pauses: {@code generator_pause_p99}. */
        GENERATOR_PAUSE("generator_pause_", Quantity.TIME),
        /** A statistic of how late users started work: {@code generator_lag_p99}. */
        GENERATOR_LAG("generator_lag_", Quantity.TIME),
        /** The users of the last step a capacity search held: {@code capacity_users}. */
        CAPACITY_USERS("", Quantity.USERS),
        /** The requests per second of the last step a capacity search held: {@code capacity_rps}. */
        CAPACITY_RPS("", Quantity.RATE);

        private final String prefix;
        private final Quantity quantity;

        Kind(String prefix, Quantity quantity) {
            this.prefix = prefix;
            this.quantity = quantity;
        }

        /**
         * For kinds named as a latency statistic, what comes before the statistic: {@code service_} in
         * {@code service_p95}; empty for response times and for kinds with fixed names.
         */
        public String prefix() {
            return prefix;
        }

        /** What its metrics measure, which decides their units. */
        public Quantity quantity() {
            return quantity;
        }

        /**
         * Whether its metrics mean nothing without requests (a percentile, a failure rate), so that a threshold on
         * one fails rather than passing on nothing; {@code count} and {@code rps} are zero then, a real figure, and
         * the generator's figures exist without a single request.
         */
        public boolean needsRequests() {
            return switch (this) {
                case RESPONSE_TIME, SERVICE_TIME, FAILURE_RATE, FAILURES -> true;
                case COUNT, RPS, GENERATOR_CPU, GENERATOR_PAUSE, GENERATOR_LAG, CAPACITY_USERS, CAPACITY_RPS -> false;
            };
        }

        /** Whether it is a figure of the load generator itself rather than of the requests to the target. */
        public boolean ofGenerator() {
            return switch (this) {
                case GENERATOR_CPU, GENERATOR_PAUSE, GENERATOR_LAG -> true;
                default -> false;
            };
        }

        /** Whether it is a figure of a capacity search ({@code @CapacitySearch}), known when the run ends. */
        public boolean ofCapacity() {
            return this == CAPACITY_USERS || this == CAPACITY_RPS;
        }

        /**
         * Whether it can be judged per request ({@code request = "GET /"}): not the generator's figures, which are
         * one set for the run, nor the capacity, found on all requests together.
         */
        public boolean perRequest() {
            return !ofGenerator() && !ofCapacity();
        }

        /**
         * Whether it can be judged over a window of the run (a stage, from an offset): not service times, kept for
         * the whole run only, nor the generator's figures and the capacity, known when it ends.
         */
        public boolean windowable() {
            return this != SERVICE_TIME && !ofGenerator() && !ofCapacity();
        }

        /**
         * Whether a threshold on it may stop the run ({@code abortOnFail}): not the generator's figures nor the
         * capacity, known when the run ends.
         */
        public boolean mayStopRun() {
            return !ofGenerator() && !ofCapacity();
        }
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

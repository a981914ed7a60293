package dev.junitloadtest.internal.threshold;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.apiguardian.api.API;

import dev.junitloadtest.internal.threshold.Figures.Latencies;
import dev.junitloadtest.internal.threshold.Metric.Kind;
import dev.junitloadtest.internal.threshold.Metric.Trend;
import dev.junitloadtest.result.Capacity;
import dev.junitloadtest.result.GeneratorHealth;

/**
 * The metrics thresholds know, by name. A new metric is one more {@link Family} in {@link #FAMILIES}: a fixed name
 * ({@code rps}) or a pattern of names ({@code p<percentile>}), with its {@link Kind}, trend and how to read it from
 * {@link Figures}. The name decides the kind here, once; nothing later looks at how a name is spelt. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class Metrics {

    /** The metrics, for messages that say which exist. */
    public static final String KNOWN = "p95 or any percentile such as p99.9, median, avg, min, max, failure_rate, "
            + "failures, count or rps; service_p95, service_avg... for service times; generator_cpu, "
            + "generator_cpu_peak, generator_pause_p99, generator_lag_p99... for the load generator's health; "
            + "capacity_users or capacity_rps for a @CapacitySearch";

    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");

    private static final List<Family> FAMILIES = List.of(
            latencies(Kind.RESPONSE_TIME, Figures::responseTimes),
            latencies(Kind.SERVICE_TIME, Figures::serviceTimes),
            named("failure_rate", Kind.FAILURE_RATE, Trend.EITHER,
                    f -> BigDecimal.valueOf(f.failures()).divide(BigDecimal.valueOf(f.count()), MathContext.DECIMAL64)),
            named("failures", Kind.FAILURES, Trend.RISES, f -> BigDecimal.valueOf(f.failures())),
            named("count", Kind.COUNT, Trend.RISES, f -> BigDecimal.valueOf(f.count())),
            named("rps", Kind.RPS, Trend.EITHER, f -> perSecond(f.count(), f.elapsed())),
            named("generator_cpu", Kind.GENERATOR_CPU, Trend.EITHER,
                    f -> BigDecimal.valueOf(generator(f).cpuAverage())),
            named("generator_cpu_peak", Kind.GENERATOR_CPU, Trend.EITHER,
                    f -> BigDecimal.valueOf(generator(f).cpuPeak())),
            latencies(Kind.GENERATOR_PAUSE, figures -> Latencies.of(generator(figures).pauses())),
            latencies(Kind.GENERATOR_LAG, figures -> Latencies.of(generator(figures).schedulingLag())),
            named("capacity_users", Kind.CAPACITY_USERS, Trend.EITHER,
                    f -> BigDecimal.valueOf(capacity(f).users())),
            named("capacity_rps", Kind.CAPACITY_RPS, Trend.EITHER,
                    f -> BigDecimal.valueOf(capacity(f).requestsPerSecond())));

    private Metrics() {
    }

    /**
     * The metric named {@code written} (in any case).
     *
     * @throws InvalidMetricException if there is none, saying where in the name it went wrong
     */
    public static Metric resolve(String written) {
        String name = written.toLowerCase(Locale.ROOT);
        for (Family family : FAMILIES) {
            Optional<Metric> metric = family.resolve(name);
            if (metric.isPresent()) {
                return metric.get();
            }
        }
        throw new InvalidMetricException(0, "unknown metric '" + written + "' (use " + KNOWN + ")");
    }

    /** Metrics that share a way of being named. */
    @FunctionalInterface
    interface Family {

        /**
         * The metric of this family named {@code name} (lower case); empty if the name is not of this family.
         *
         * @throws InvalidMetricException if the name is of this family but not valid, e.g. {@code p101}
         */
        Optional<Metric> resolve(String name);
    }

    private static Family named(String name, Kind kind, Trend trend, Function<Figures, BigDecimal> measure) {
        Metric metric = new Metric(name, kind, trend, measure);
        return written -> written.equals(name) ? Optional.of(metric) : Optional.empty();
    }

    /**
     * {@code p<percentile>}, {@code median}, {@code avg} (or {@code mean}), {@code min}, {@code max}, after the
     * kind's prefix: {@code service_p95}, {@code generator_pause_max}.
     */
    private static Family latencies(Kind kind, Function<Figures, Latencies> which) {
        String prefix = kind.prefix();
        return name -> {
            if (!name.startsWith(prefix)) {
                return Optional.empty();
            }
            String rest = name.substring(prefix.length());
            Function<Latencies, Duration> reading;
            Trend trend = Trend.EITHER;
            switch (rest) {
                case "median" -> reading = latencies -> latencies.percentile(50);
                case "avg", "mean" -> reading = Latencies::mean;
                case "min" -> {
                    reading = Latencies::min;
                    trend = Trend.FALLS;
                }
                case "max" -> {
                    reading = Latencies::max;
                    trend = Trend.RISES;
                }
                default -> {
                    if (!rest.startsWith("p") || !NUMBER.matcher(rest.substring(1)).matches()) {
                        return Optional.empty();
                    }
                    BigDecimal percentile = new BigDecimal(rest.substring(1));
                    if (percentile.compareTo(BigDecimal.valueOf(100)) > 0) {
                        throw new InvalidMetricException(prefix.length() + 1, "a percentile is between 0 and 100, "
                                + "but was " + percentile.toPlainString());
                    }
                    double value = percentile.doubleValue();
                    reading = latencies -> latencies.percentile(value);
                }
            }
            Function<Latencies, Duration> read = reading;
            return Optional.of(new Metric(name, kind, trend,
                    figures -> BigDecimal.valueOf(read.apply(which.apply(figures)).toNanos())));
        };
    }

    private static GeneratorHealth generator(Figures figures) {
        return figures.generator().orElseThrow(() -> new IllegalStateException(
                "The load generator's figures are known at the end of the run only"));
    }

    private static Capacity capacity(Figures figures) {
        return figures.capacity().orElseThrow(() -> new IllegalStateException(
                "The capacity is known at the end of a run with a @CapacitySearch only"));
    }

    private static BigDecimal perSecond(long count, Duration elapsed) {
        if (elapsed.isZero() || elapsed.isNegative()) {
            return BigDecimal.ZERO;
        }
        return BigDecimal.valueOf(count).divide(BigDecimal.valueOf(elapsed.toNanos(), 9), MathContext.DECIMAL64);
    }

    /** A metric name that is not valid; {@code offset} is where in the name the problem is. */
    public static final class InvalidMetricException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int offset;

        InvalidMetricException(int offset, String reason) {
            super(reason, null, false, false);
            this.offset = offset;
        }

        /** Where in the name the problem is. */
        public int offset() {
            return offset;
        }
    }
}

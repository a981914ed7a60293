package dev.junitloadtest.assertions;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.function.Function;

import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

import dev.junitloadtest.result.Formats;
import dev.junitloadtest.result.RequestStats;

/**
 * Base of the assertions on the figures of one request name of a load test result (or of all requests together):
 * leads to its latencies, failure rate, throughput and counts, each asserted against a budget. Not thread-safe, as
 * every AssertJ assertion.
 *
 * @param <SELF> the assertion's own type
 */
@API(status = EXPERIMENTAL, since = "0.1")
public abstract class AbstractRequestStatsAssert<SELF extends AbstractRequestStatsAssert<SELF>>
        extends AbstractAssert<SELF, RequestStats> {

    private String subject;
    private String where = "";
    private String missing;
    private Nesting nesting = Nesting.DIRECT;

    /** An assertion on {@code actual}. */
    protected AbstractRequestStatsAssert(RequestStats actual, Class<?> selfType) {
        super(actual, selfType);
        this.subject = actual == null ? "the request" : LoadTestAssertions.subject(actual);
    }

    /**
     * Says what the figures are, for messages, as the result's assertion that led here knows it.
     *
     * @param subject {@code GET /volatile}, {@code all requests}
     * @param where the window, e.g. {@code " in 10.0-20.0 s"}, or empty
     * @param missing why there are no figures, or {@code null}
     */
    void context(String subject, String where, String missing, Nesting nesting) {
        this.subject = subject;
        this.where = where;
        this.missing = missing;
        this.nesting = nesting;
    }

    /**
     * The response time at {@code percentile}, e.g. {@code percentile(99.9)}.
     * <pre>{@code
     * // passes when p95 of GET / was 12.5 ms
     * assertThat(result).request("GET /").percentile(95).isLessThan(Duration.ofMillis(500));
     * // fails when it was 1,203.4 ms:
     * //   Expecting p95 of GET / to be < 500 ms but was 1,203.4 ms (n=4,812)
     * assertThat(result).request("GET /").percentile(95).isLessThan(Duration.ofMillis(500));
     * }</pre>
     *
     * @param percentile between 0 and 100
     * @return an assertion on it
     * @throws IllegalArgumentException if {@code percentile} is outside [0, 100]
     */
    public LatencyAssert percentile(double percentile) {
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException("A percentile is between 0 and 100, but was " + percentile);
        }
        return latency("p" + Formats.compact(percentile), stats -> stats.percentile(percentile));
    }

    /**
     * The median response time.
     * <pre>{@code
     * // passes when the median of GET / was 2.1 ms
     * assertThat(result).request("GET /").median().isLessThan(Duration.ofMillis(100));
     * // fails when it was 250 ms:
     * //   Expecting median of GET / to be < 100 ms but was 250 ms (n=812)
     * assertThat(result).request("GET /").median().isLessThan(Duration.ofMillis(100));
     * }</pre>
     *
     * @return an assertion on it
     */
    public LatencyAssert median() {
        return latency("median", RequestStats::median);
    }

    /**
     * The mean response time.
     * <pre>{@code
     * // passes when the mean of GET / was 2.1 ms
     * assertThat(result).request("GET /").mean().isLessThan(Duration.ofMillis(200));
     * // fails when it was 250 ms:
     * //   Expecting mean of GET / to be < 200 ms but was 250 ms (n=812)
     * assertThat(result).request("GET /").mean().isLessThan(Duration.ofMillis(200));
     * }</pre>
     *
     * @return an assertion on it
     */
    public LatencyAssert mean() {
        return latency("mean", RequestStats::mean);
    }

    /**
     * The shortest response time.
     * <pre>{@code
     * // passes when the fastest GET /volatile took 1,001 ms
     * assertThat(result).request("GET /volatile").min().isGreaterThan(Duration.ofSeconds(1));
     * // fails when it took 0.4 ms:
     * //   Expecting min of GET /volatile to be > 1,000 ms but was 0.4 ms (n=120)
     * assertThat(result).request("GET /volatile").min().isGreaterThan(Duration.ofSeconds(1));
     * }</pre>
     *
     * @return an assertion on it
     */
    public LatencyAssert min() {
        return latency("min", RequestStats::min);
    }

    /**
     * The longest response time.
     * <pre>{@code
     * // passes when the slowest GET / took 40 ms
     * assertThat(result).request("GET /").max().isLessThan(Duration.ofSeconds(5));
     * // fails when it took 5,003 ms:
     * //   Expecting max of GET / to be < 5,000 ms but was 5,003 ms (n=812)
     * assertThat(result).request("GET /").max().isLessThan(Duration.ofSeconds(5));
     * }</pre>
     *
     * @return an assertion on it
     */
    public LatencyAssert max() {
        return latency("max", RequestStats::max);
    }

    /**
     * The plain service time at {@code percentile}: from sending the request, leaving out how late the open model
     * started it. The same as {@link #percentile(double)} in the closed model and in windows.
     * <pre>{@code
     * // passes when the service-time p95 of GET / was 12.5 ms
     * assertThat(result).request("GET /").servicePercentile(95).isLessThan(Duration.ofMillis(500));
     * // fails when it was 1,203.4 ms:
     * //   Expecting service-time p95 of GET / to be < 500 ms but was 1,203.4 ms (n=4,812)
     * assertThat(result).request("GET /").servicePercentile(95).isLessThan(Duration.ofMillis(500));
     * }</pre>
     *
     * @param percentile between 0 and 100
     * @return an assertion on it
     * @throws IllegalArgumentException if {@code percentile} is outside [0, 100]
     */
    public LatencyAssert servicePercentile(double percentile) {
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException("A percentile is between 0 and 100, but was " + percentile);
        }
        return latency("service-time p" + Formats.compact(percentile),
                stats -> stats.serviceTimes().percentile(percentile));
    }

    /**
     * Failed requests as a fraction of all, from 0 to 1.
     * <pre>{@code
     * // passes when 3 of 1,000 requests to GET / failed
     * assertThat(result).request("GET /").failureRate().isLessThan(0.01);
     * // fails when 24 of 120 requests to GET /buggy failed:
     * //   Expecting failure rate of GET /buggy to be < 1% but was 20% (24 of 120 failed)
     * assertThat(result).request("GET /buggy").failureRate().isLessThan(0.01);
     * }</pre>
     *
     * @return an assertion on it
     */
    public FailureRateAssert failureRate() {
        return figure(FailureRateAssert.class, Double.class, "failure rate", RequestStats::failureRate,
                FailureRateAssert::new);
    }

    /**
     * Requests per second over the measured time.
     * <pre>{@code
     * // passes when 3,412 requests were made in 3.0 s
     * assertThat(result).total().throughput().isGreaterThan(100);
     * // fails when 286 were:
     * //   Expecting throughput of all requests to be > 100/s but was 95.33/s (n=286 in 3.0 s)
     * assertThat(result).total().throughput().isGreaterThan(100);
     * }</pre>
     *
     * @return an assertion on it
     */
    public ThroughputAssert throughput() {
        return figure(ThroughputAssert.class, Double.class, "throughput", RequestStats::throughput,
                ThroughputAssert::new);
    }

    /**
     * The number of requests, failures included.
     * <pre>{@code
     * // passes when 1,204 requests to GET / were made
     * assertThat(result).request("GET /").count().isGreaterThanOrEqualTo(1_000);
     * // fails when 812 were:
     * //   Expecting count of GET / to be >= 1,000 but was 812
     * assertThat(result).request("GET /").count().isGreaterThanOrEqualTo(1_000);
     * }</pre>
     *
     * @return an assertion on it
     */
    public RequestCountAssert count() {
        return figure(RequestCountAssert.class, Long.class, "count", RequestStats::count, RequestCountAssert::new);
    }

    /**
     * The number of failed requests.
     * <pre>{@code
     * // passes when none of 500 requests to GET / failed
     * assertThat(result).request("GET /").failures().isZero();
     * // fails when 24 of 120 requests to GET /buggy failed:
     * //   Expecting failures of GET /buggy to be 0 but was 24 (n=120)
     * assertThat(result).request("GET /buggy").failures().isZero();
     * }</pre>
     *
     * @return an assertion on it
     */
    public RequestCountAssert failures() {
        return figure(RequestCountAssert.class, Long.class, "failures", RequestStats::failures,
                RequestCountAssert::new);
    }

    private LatencyAssert latency(String metric, Function<RequestStats, Duration> reading) {
        return figure(LatencyAssert.class, Duration.class, metric, reading, LatencyAssert::new);
    }

    private <A extends AbstractFigureAssert<A, T>, T> A figure(Class<A> type, Class<T> actualType,
            String metric, Function<RequestStats, T> reading, Function<T, A> constructor) {
        if (missing == null) {
            isNotNull();
        }
        T value = actual == null ? null : reading.apply(actual);
        A figure = nesting.create(type, actualType, value, constructor);
        figure.measured(new Measured(metric, subject, where, actual == null ? 0 : actual.count(),
                actual == null ? 0 : actual.failures(), actual == null ? Duration.ZERO : actual.elapsed(), missing));
        if (!info.descriptionText().isEmpty()) {
            figure.describedAs(info.description());
        }
        return figure;
    }
}

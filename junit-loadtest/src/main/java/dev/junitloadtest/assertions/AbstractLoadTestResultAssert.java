package dev.junitloadtest.assertions;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

import dev.junitloadtest.result.Formats;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RequestStats;
import dev.junitloadtest.result.ThresholdResult;

/**
 * Base of the assertions on a load test result: leads to the figures of one request ({@link #request(String)}) or of
 * all together ({@link #total()}, and the shortcuts {@link #percentile(double)}, {@link #failureRate()},
 * {@link #throughput()}...), and checks the run as a whole. To judge the steady state only, assert on a window of the
 * result: {@code assertThat(result.lastStage())}, {@code assertThat(result.from(Duration.ofSeconds(30)))}; messages
 * then say which part of the run they are about. Not thread-safe, as every AssertJ assertion.
 *
 * @param <SELF> the assertion's own type
 */
@API(status = EXPERIMENTAL, since = "0.1")
public abstract class AbstractLoadTestResultAssert<SELF extends AbstractLoadTestResultAssert<SELF>>
        extends AbstractAssert<SELF, LoadTestResult> {

    private static final String THRESHOLDS_FAILED = "Expecting every threshold of %s to pass, but %s of %s failed:%n%s";
    private static final String ENDED_EARLY = "Expecting %s to run its course, but it ended early: %s";

    private Nesting nesting = Nesting.DIRECT;

    /** An assertion on {@code actual}. */
    protected AbstractLoadTestResultAssert(LoadTestResult actual, Class<?> selfType) {
        super(actual, selfType);
    }

    /** Makes the assertions this one leads to soft as well. */
    void nesting(Nesting nested) {
        this.nesting = nested;
    }

    /**
     * The figures of the request recorded as {@code key}: method and name separated by a space, e.g.
     * {@code "GET /volatile"}, or the name alone when one method used it. A request that was not recorded fails
     * every assertion that follows, saying which were.
     * <pre>{@code
     * // passes when p95 of GET /volatile was 420 ms
     * assertThat(result).request("GET /volatile").percentile(95).isLessThan(Duration.ofMillis(500));
     * // fails when no request was recorded under that name:
     * //   Expecting p95 of GET /nope to be < 500 ms but no request GET /nope was recorded (recorded: GET /, GET /buggy)
     * assertThat(result).request("GET /nope").percentile(95).isLessThan(Duration.ofMillis(500));
     * }</pre>
     *
     * @param key the request, e.g. {@code "GET /volatile"}
     * @return an assertion on its figures
     */
    public RequestStatsAssert request(String key) {
        Objects.requireNonNull(key, "key");
        isNotNull();
        Optional<RequestStats> stats = actual.request(key);
        return nested(stats.orElse(null), stats.map(LoadTestAssertions::subject).orElse(key),
                stats.isPresent() ? null : missing(key));
    }

    /**
     * The figures of {@code method} and {@code name}, e.g. {@code request("GET", "/volatile")}; see
     * {@link #request(String)}.
     *
     * @param method the method, e.g. {@code GET}
     * @param name the name requests were recorded under
     * @return an assertion on its figures
     */
    public RequestStatsAssert request(String method, String name) {
        return request(method + " " + name);
    }

    /**
     * The figures of all requests together (the {@code Aggregated} row).
     * <pre>{@code
     * // passes when 3 of 4,812 requests failed
     * assertThat(result).total().failureRate().isLessThan(0.01);
     * // fails when 962 of 4,812 failed:
     * //   Expecting failure rate of all requests to be < 1% but was 19.99% (962 of 4,812 failed)
     * assertThat(result).total().failureRate().isLessThan(0.01);
     * }</pre>
     *
     * @return an assertion on them
     */
    public RequestStatsAssert total() {
        isNotNull();
        return nested(actual.total(), LoadTestAssertions.subject(actual.total()), null);
    }

    /**
     * {@code total().percentile(percentile)}: the response time at {@code percentile} of all requests.
     * <pre>{@code
     * // passes when p99.9 of all requests was 1.2 s
     * assertThat(result).percentile(99.9).isLessThanOrEqualTo(Duration.ofSeconds(2));
     * // fails when it was 2.5 s:
     * //   Expecting p99.9 of all requests to be <= 2,000 ms but was 2,500 ms (n=4,812)
     * assertThat(result).percentile(99.9).isLessThanOrEqualTo(Duration.ofSeconds(2));
     * }</pre>
     *
     * @param percentile between 0 and 100
     * @return an assertion on it
     */
    public LatencyAssert percentile(double percentile) {
        return total().percentile(percentile);
    }

    /**
     * {@code total().median()}.
     * <pre>{@code
     * // passes when the median of all requests was 2.1 ms
     * assertThat(result).median().isLessThan(Duration.ofMillis(100));
     * // fails when it was 250 ms:
     * //   Expecting median of all requests to be < 100 ms but was 250 ms (n=4,812)
     * assertThat(result).median().isLessThan(Duration.ofMillis(100));
     * }</pre>
     *
     * @return an assertion on it
     */
    public LatencyAssert median() {
        return total().median();
    }

    /**
     * {@code total().mean()}.
     * <pre>{@code
     * // passes when the mean of all requests was 2.1 ms
     * assertThat(result).mean().isLessThan(Duration.ofMillis(200));
     * // fails when it was 250 ms:
     * //   Expecting mean of all requests to be < 200 ms but was 250 ms (n=4,812)
     * assertThat(result).mean().isLessThan(Duration.ofMillis(200));
     * }</pre>
     *
     * @return an assertion on it
     */
    public LatencyAssert mean() {
        return total().mean();
    }

    /**
     * {@code total().min()}.
     * <pre>{@code
     * // passes when the fastest request took 1,001 ms
     * assertThat(result).min().isGreaterThan(Duration.ofSeconds(1));
     * // fails when it took 0.4 ms:
     * //   Expecting min of all requests to be > 1,000 ms but was 0.4 ms (n=4,812)
     * assertThat(result).min().isGreaterThan(Duration.ofSeconds(1));
     * }</pre>
     *
     * @return an assertion on it
     */
    public LatencyAssert min() {
        return total().min();
    }

    /**
     * {@code total().max()}.
     * <pre>{@code
     * // passes when the slowest request took 40 ms
     * assertThat(result).max().isLessThan(Duration.ofSeconds(5));
     * // fails when it took 5,003 ms:
     * //   Expecting max of all requests to be < 5,000 ms but was 5,003 ms (n=4,812)
     * assertThat(result).max().isLessThan(Duration.ofSeconds(5));
     * }</pre>
     *
     * @return an assertion on it
     */
    public LatencyAssert max() {
        return total().max();
    }

    /**
     * {@code total().failureRate()}: failed requests as a fraction of all, from 0 to 1.
     * <pre>{@code
     * // passes when 3 of 4,812 requests failed
     * assertThat(result).failureRate().isLessThan(0.01);
     * // fails when 962 of 4,812 failed:
     * //   Expecting failure rate of all requests to be < 1% but was 19.99% (962 of 4,812 failed)
     * assertThat(result).failureRate().isLessThan(0.01);
     * }</pre>
     *
     * @return an assertion on it
     */
    public FailureRateAssert failureRate() {
        return total().failureRate();
    }

    /**
     * {@code total().throughput()}: requests per second over the measured time.
     * <pre>{@code
     * // passes when 3,412 requests were made in 3.0 s
     * assertThat(result).throughput().isGreaterThan(100);
     * // fails when 286 were:
     * //   Expecting throughput of all requests to be > 100/s but was 95.33/s (n=286 in 3.0 s)
     * assertThat(result).throughput().isGreaterThan(100);
     * }</pre>
     *
     * @return an assertion on it
     */
    public ThroughputAssert throughput() {
        return total().throughput();
    }

    /**
     * {@code total().count()}: the number of requests.
     * <pre>{@code
     * // passes when 1,204 requests were made
     * assertThat(result).count().isGreaterThanOrEqualTo(1_000);
     * // fails when 812 were:
     * //   Expecting count of all requests to be >= 1,000 but was 812
     * assertThat(result).count().isGreaterThanOrEqualTo(1_000);
     * }</pre>
     *
     * @return an assertion on it
     */
    public RequestCountAssert count() {
        return total().count();
    }

    /**
     * {@code total().failures()}: the number of failed requests.
     * <pre>{@code
     * // passes when no request failed
     * assertThat(result).failures().isZero();
     * // fails when 962 of 4,812 failed:
     * //   Expecting failures of all requests to be 0 but was 962 (n=4,812)
     * assertThat(result).failures().isZero();
     * }</pre>
     *
     * @return an assertion on it
     */
    public RequestCountAssert failures() {
        return total().failures();
    }

    /**
     * Verifies that every {@code @Threshold} of the run passed, listing every one that did not.
     * <pre>{@code
     * // passes when the run met p95 < 500ms and failure_rate < 1%
     * assertThat(result).meetsAllThresholds();
     * // fails when it met neither:
     * //   Expecting every threshold of ApiLoadTest to pass, but 2 of 2 failed:
     * //     p95 < 500ms: p95 of all requests was 1,203.4 ms, budget < 500 ms (n=4,812)
     * //     failure_rate < 1%: failure_rate of all requests was 20% (962 of 4,812 failed), budget < 1%
     * assertThat(result).meetsAllThresholds();
     * }</pre>
     *
     * @return this assertion
     */
    public SELF meetsAllThresholds() {
        isNotNull();
        List<ThresholdResult> failed = actual.thresholds().stream().filter(t -> !t.passed()).toList();
        if (!failed.isEmpty()) {
            String list = failed.stream().map(t -> "  " + t.displayName() + ": " + t.message())
                    .collect(Collectors.joining(System.lineSeparator()));
            throw failure(THRESHOLDS_FAILED, actual.profile().testName(), failed.size(), actual.thresholds().size(),
                    list);
        }
        return myself;
    }

    /**
     * Verifies that the run was not stopped early (by a threshold's {@code abortOnFail}, an interruption, a
     * configuration problem found while running).
     * <pre>{@code
     * // passes when the run lasted its planned time
     * assertThat(result).ranToCompletion();
     * // fails when a threshold stopped it:
     * //   Expecting ApiLoadTest to run its course, but it ended early: @Threshold 'failures == 0' can no longer
     * //   pass, at 1.0 s into the run: failures of all requests was 1, budget == 0 (n=5)
     * assertThat(result).ranToCompletion();
     * }</pre>
     *
     * @return this assertion
     */
    public SELF ranToCompletion() {
        isNotNull();
        if (actual.stopReason().isPresent()) {
            throw failure(ENDED_EARLY, actual.profile().testName(), actual.stopReason().get());
        }
        return myself;
    }

    private RequestStatsAssert nested(RequestStats stats, String subject, String missing) {
        RequestStatsAssert nested = nesting.create(RequestStatsAssert.class, RequestStats.class, stats,
                RequestStatsAssert::new);
        nested.context(subject, where(), missing, nesting);
        if (!info.descriptionText().isEmpty()) {
            nested.describedAs(info.description());
        }
        return nested;
    }

    /** Where in the run the figures are from: {@code " in 10.0-20.0 s"} for a window, empty for the whole run. */
    private String where() {
        return actual.isWindow() ? " in " + Formats.span(actual.windowStart(), actual.windowEnd()) : "";
    }

    private String missing(String key) {
        List<String> sameName = actual.requests().stream().filter(r -> r.name().equals(key)).map(RequestStats::key)
                .toList();
        if (sameName.size() > 1) {
            return "'" + key + "' was recorded with several methods (" + String.join(", ", sameName)
                    + "); write the method too";
        }
        if (actual.requests().isEmpty()) {
            return "no requests were recorded" + where();
        }
        return "no request " + key + " was recorded" + where() + " (recorded: " + actual.requests().stream()
                .map(RequestStats::key).collect(Collectors.joining(", ")) + ")";
    }
}

package dev.junitloadtest.assertions;

import static org.apiguardian.api.API.Status.STABLE;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

import org.apiguardian.api.API;

import dev.junitloadtest.result.Comparison;
import dev.junitloadtest.result.Formats;

/**
 * Assertions on a latency of a load test result: a percentile, the median, the mean, the minimum or the maximum of a
 * request's response times, as {@code assertThat(result).request("GET /").percentile(95)} leads to. Fails when the
 * request had no requests, whatever the budget.
 */
@API(status = STABLE, since = "0.1")
public class LatencyAssert extends AbstractFigureAssert<LatencyAssert, Duration> {

    /** An assertion on {@code actual}; normally reached from a request's assertion, which names the figure. */
    public LatencyAssert(Duration actual) {
        super(actual, LatencyAssert.class, "the latency");
    }

    /**
     * Verifies that the latency is below {@code limit}.
     * <pre>{@code
     * // passes when p95 of GET / was 12.5 ms
     * assertThat(result).request("GET /").percentile(95).isLessThan(Duration.ofMillis(500));
     * // fails when it was 1,203.4 ms:
     * //   Expecting p95 of GET / to be < 500 ms but was 1,203.4 ms (n=4,812)
     * assertThat(result).request("GET /").percentile(95).isLessThan(Duration.ofMillis(500));
     * }</pre>
     *
     * @param limit the budget, exclusive
     * @return this assertion
     */
    public LatencyAssert isLessThan(Duration limit) {
        return check(Comparison.LESS, limit);
    }

    /**
     * Verifies that the latency is at most {@code limit}.
     * <pre>{@code
     * // passes when the median of GET / was 2 s exactly
     * assertThat(result).request("GET /").median().isLessThanOrEqualTo(Duration.ofSeconds(2));
     * // fails when it was 2,001 ms:
     * //   Expecting median of GET / to be <= 2,000 ms but was 2,001 ms (n=812)
     * assertThat(result).request("GET /").median().isLessThanOrEqualTo(Duration.ofSeconds(2));
     * }</pre>
     *
     * @param limit the budget, inclusive
     * @return this assertion
     */
    public LatencyAssert isLessThanOrEqualTo(Duration limit) {
        return check(Comparison.LESS_OR_EQUAL, limit);
    }

    /**
     * Verifies that the latency is above {@code limit}, e.g. that a slow endpoint really is slow.
     * <pre>{@code
     * // passes when the median of GET /volatile was 3 s
     * assertThat(result).request("GET /volatile").median().isGreaterThan(Duration.ofSeconds(1));
     * // fails when it was 0.5 ms:
     * //   Expecting median of GET /volatile to be > 1,000 ms but was 0.5 ms (n=120)
     * assertThat(result).request("GET /volatile").median().isGreaterThan(Duration.ofSeconds(1));
     * }</pre>
     *
     * @param limit the bound, exclusive
     * @return this assertion
     */
    public LatencyAssert isGreaterThan(Duration limit) {
        return check(Comparison.GREATER, limit);
    }

    /**
     * Verifies that the latency is at least {@code limit}.
     * <pre>{@code
     * // passes when the minimum of GET /volatile was 1 s exactly
     * assertThat(result).request("GET /volatile").min().isGreaterThanOrEqualTo(Duration.ofSeconds(1));
     * // fails when it was 0.3 ms:
     * //   Expecting min of GET /volatile to be >= 1,000 ms but was 0.3 ms (n=120)
     * assertThat(result).request("GET /volatile").min().isGreaterThanOrEqualTo(Duration.ofSeconds(1));
     * }</pre>
     *
     * @param limit the bound, inclusive
     * @return this assertion
     */
    public LatencyAssert isGreaterThanOrEqualTo(Duration limit) {
        return check(Comparison.GREATER_OR_EQUAL, limit);
    }

    private LatencyAssert check(Comparison comparison, Duration limit) {
        Objects.requireNonNull(limit, "limit");
        return check(comparison, BigDecimal.valueOf(limit.toNanos()), Formats.millis(limit));
    }

    @Override
    BigDecimal value() {
        return BigDecimal.valueOf(actual.toNanos());
    }

    @Override
    String text() {
        return Formats.millis(actual);
    }

    @Override
    String details() {
        return measured().samples();
    }

    @Override
    boolean needsRequests() {
        return true;
    }
}

package dev.junitloadtest.assertions;

import static org.apiguardian.api.API.Status.STABLE;

import java.math.BigDecimal;

import org.apiguardian.api.API;

import dev.junitloadtest.result.Comparison;
import dev.junitloadtest.result.Formats;

/**
 * Assertions on a number of requests of a load test result: how many were made ({@code count()}) or how many failed
 * ({@code failures()}). A count of requests can be zero; a count of failures needs requests, so
 * {@code failures().isZero()} fails when there were none rather than passing on nothing.
 */
@API(status = STABLE, since = "0.1")
public class RequestCountAssert extends AbstractFigureAssert<RequestCountAssert, Long> {

    /** An assertion on {@code actual}; normally reached from a request's assertion, which names the figure. */
    public RequestCountAssert(Long actual) {
        super(actual, RequestCountAssert.class, "count");
    }

    /**
     * Verifies that the count is exactly {@code expected}.
     * <pre>{@code
     * // passes when 1,000 requests to GET / were made
     * assertThat(result).request("GET /").count().isEqualTo(1_000);
     * // fails when 24 of 120 requests to GET /buggy failed:
     * //   Expecting failures of GET /buggy to be 0 but was 24 (n=120)
     * assertThat(result).request("GET /buggy").failures().isEqualTo(0);
     * }</pre>
     *
     * @param expected the count
     * @return this assertion
     */
    public RequestCountAssert isEqualTo(long expected) {
        return check(Comparison.EQUAL, expected);
    }

    /**
     * Verifies that the count is zero, e.g. that no request failed.
     * <pre>{@code
     * // passes when none of 500 requests to GET / failed
     * assertThat(result).request("GET /").failures().isZero();
     * // fails when 24 of 120 requests to GET /buggy failed:
     * //   Expecting failures of GET /buggy to be 0 but was 24 (n=120)
     * assertThat(result).request("GET /buggy").failures().isZero();
     * }</pre>
     *
     * @return this assertion
     */
    public RequestCountAssert isZero() {
        return check(Comparison.EQUAL, 0);
    }

    /**
     * Verifies that the count is above {@code bound}.
     * <pre>{@code
     * // passes when 1,204 requests were made
     * assertThat(result).count().isGreaterThan(1_000);
     * // fails when 812 were:
     * //   Expecting count of all requests to be > 1,000 but was 812
     * assertThat(result).count().isGreaterThan(1_000);
     * }</pre>
     *
     * @param bound the bound, exclusive
     * @return this assertion
     */
    public RequestCountAssert isGreaterThan(long bound) {
        return check(Comparison.GREATER, bound);
    }

    /**
     * Verifies that the count is at least {@code bound}.
     * <pre>{@code
     * // passes when 1,000 requests were made
     * assertThat(result).count().isGreaterThanOrEqualTo(1_000);
     * // fails when 812 were:
     * //   Expecting count of all requests to be >= 1,000 but was 812
     * assertThat(result).count().isGreaterThanOrEqualTo(1_000);
     * }</pre>
     *
     * @param bound the bound, inclusive
     * @return this assertion
     */
    public RequestCountAssert isGreaterThanOrEqualTo(long bound) {
        return check(Comparison.GREATER_OR_EQUAL, bound);
    }

    /**
     * Verifies that the count is below {@code bound}.
     * <pre>{@code
     * // passes when 3 requests to GET /buggy failed
     * assertThat(result).request("GET /buggy").failures().isLessThan(5);
     * // fails when 24 did:
     * //   Expecting failures of GET /buggy to be < 5 but was 24 (n=120)
     * assertThat(result).request("GET /buggy").failures().isLessThan(5);
     * }</pre>
     *
     * @param bound the bound, exclusive
     * @return this assertion
     */
    public RequestCountAssert isLessThan(long bound) {
        return check(Comparison.LESS, bound);
    }

    /**
     * Verifies that the count is at most {@code bound}.
     * <pre>{@code
     * // passes when 5 requests to GET /buggy failed
     * assertThat(result).request("GET /buggy").failures().isLessThanOrEqualTo(5);
     * // fails when 24 did:
     * //   Expecting failures of GET /buggy to be <= 5 but was 24 (n=120)
     * assertThat(result).request("GET /buggy").failures().isLessThanOrEqualTo(5);
     * }</pre>
     *
     * @param bound the bound, inclusive
     * @return this assertion
     */
    public RequestCountAssert isLessThanOrEqualTo(long bound) {
        return check(Comparison.LESS_OR_EQUAL, bound);
    }

    private RequestCountAssert check(Comparison comparison, long bound) {
        return check(comparison, BigDecimal.valueOf(bound), Formats.count(bound));
    }

    @Override
    BigDecimal value() {
        return BigDecimal.valueOf(actual);
    }

    @Override
    String text() {
        return Formats.count(actual);
    }

    @Override
    String details() {
        // The count of requests is its own sample count; a count of failures says out of how many.
        return measured().metric().equals("count") ? "" : measured().samples();
    }

    @Override
    boolean needsRequests() {
        return !measured().metric().equals("count");
    }
}

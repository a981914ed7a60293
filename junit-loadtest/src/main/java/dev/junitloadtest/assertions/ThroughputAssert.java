package dev.junitloadtest.assertions;

import static org.apiguardian.api.API.Status.STABLE;

import java.math.BigDecimal;

import org.apiguardian.api.API;

import dev.junitloadtest.result.Comparison;
import dev.junitloadtest.result.Formats;

/**
 * Assertions on the throughput of a load test result: requests per second over the measured time of the run (or
 * window), as {@code assertThat(result).throughput()} leads to. Zero requests is a throughput of zero.
 */
@API(status = STABLE, since = "0.1")
public class ThroughputAssert extends AbstractFigureAssert<ThroughputAssert, Double> {

    /** An assertion on {@code actual}; normally reached from a request's assertion, which names the figure. */
    public ThroughputAssert(Double actual) {
        super(actual, ThroughputAssert.class, "throughput");
    }

    /**
     * Verifies that more than {@code perSecond} requests were made per second.
     * <pre>{@code
     * // passes when 3,412 requests were made in 3.0 s
     * assertThat(result).throughput().isGreaterThan(100);
     * // fails when 286 were:
     * //   Expecting throughput of all requests to be > 100/s but was 95.33/s (n=286 in 3.0 s)
     * assertThat(result).throughput().isGreaterThan(100);
     * }</pre>
     *
     * @param perSecond the bound, exclusive
     * @return this assertion
     */
    public ThroughputAssert isGreaterThan(double perSecond) {
        return check(Comparison.GREATER, perSecond);
    }

    /**
     * Verifies that at least {@code perSecond} requests were made per second.
     * <pre>{@code
     * // passes when 300 requests were made in 3.0 s
     * assertThat(result).throughput().isGreaterThanOrEqualTo(100);
     * // fails when 286 were:
     * //   Expecting throughput of all requests to be >= 100/s but was 95.33/s (n=286 in 3.0 s)
     * assertThat(result).throughput().isGreaterThanOrEqualTo(100);
     * }</pre>
     *
     * @param perSecond the bound, inclusive
     * @return this assertion
     */
    public ThroughputAssert isGreaterThanOrEqualTo(double perSecond) {
        return check(Comparison.GREATER_OR_EQUAL, perSecond);
    }

    /**
     * Verifies that fewer than {@code perSecond} requests were made per second, e.g. that a rate limit held.
     * <pre>{@code
     * // passes when 286 requests were made in 3.0 s
     * assertThat(result).request("GET /").throughput().isLessThan(100);
     * // fails when 3,412 were:
     * //   Expecting throughput of GET / to be < 100/s but was 1,137/s (n=3,412 in 3.0 s)
     * assertThat(result).request("GET /").throughput().isLessThan(100);
     * }</pre>
     *
     * @param perSecond the bound, exclusive
     * @return this assertion
     */
    public ThroughputAssert isLessThan(double perSecond) {
        return check(Comparison.LESS, perSecond);
    }

    /**
     * Verifies that at most {@code perSecond} requests were made per second.
     * <pre>{@code
     * // passes when 300 requests were made in 3.0 s
     * assertThat(result).request("GET /").throughput().isLessThanOrEqualTo(100);
     * // fails when 3,412 were:
     * //   Expecting throughput of GET / to be <= 100/s but was 1,137/s (n=3,412 in 3.0 s)
     * assertThat(result).request("GET /").throughput().isLessThanOrEqualTo(100);
     * }</pre>
     *
     * @param perSecond the bound, inclusive
     * @return this assertion
     */
    public ThroughputAssert isLessThanOrEqualTo(double perSecond) {
        return check(Comparison.LESS_OR_EQUAL, perSecond);
    }

    private ThroughputAssert check(Comparison comparison, double perSecond) {
        if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("A throughput is a finite number of requests per second >= 0, but the "
                    + "bound was " + perSecond);
        }
        return check(comparison, BigDecimal.valueOf(perSecond), Formats.perSecond(perSecond));
    }

    @Override
    BigDecimal value() {
        return BigDecimal.valueOf(actual);
    }

    @Override
    String text() {
        return Formats.perSecond(actual);
    }

    @Override
    String details() {
        Measured measured = measured();
        return measured.count() < 0 ? "" : " (n=" + Formats.count(measured.count()) + " in "
                + Formats.seconds(measured.elapsed()) + " s)";
    }

    @Override
    boolean needsRequests() {
        return false;
    }
}

package dev.junitloadtest.assertions;

import static org.apiguardian.api.API.Status.STABLE;

import java.math.BigDecimal;
import java.math.MathContext;

import org.apiguardian.api.API;

import dev.junitloadtest.result.Comparison;
import dev.junitloadtest.result.Formats;

/**
 * Assertions on the failure rate of a load test result: failed requests as a fraction of all, from 0 to 1, as
 * {@code assertThat(result).request("GET /").failureRate()} leads to. Budgets are fractions too: {@code 0.01} is 1%.
 * Fails when there were no requests, whatever the budget.
 */
@API(status = STABLE, since = "0.1")
public class FailureRateAssert extends AbstractFigureAssert<FailureRateAssert, Double> {

    /** An assertion on {@code actual}; normally reached from a request's assertion, which names the figure. */
    public FailureRateAssert(Double actual) {
        super(actual, FailureRateAssert.class, "failure rate");
    }

    /**
     * Verifies that the failure rate is below {@code fraction}.
     * <pre>{@code
     * // passes when 3 of 1,000 requests to GET / failed
     * assertThat(result).request("GET /").failureRate().isLessThan(0.01);
     * // fails when 24 of 120 requests to GET /buggy failed:
     * //   Expecting failure rate of GET /buggy to be < 1% but was 20% (24 of 120 failed)
     * assertThat(result).request("GET /buggy").failureRate().isLessThan(0.01);
     * }</pre>
     *
     * @param fraction the budget, from 0 to 1, exclusive
     * @return this assertion
     * @throws IllegalArgumentException if {@code fraction} is not between 0 and 1 (write 1% as 0.01)
     */
    public FailureRateAssert isLessThan(double fraction) {
        return check(Comparison.LESS, fraction);
    }

    /**
     * Verifies that the failure rate is at most {@code fraction}.
     * <pre>{@code
     * // passes when 20 of 100 requests to GET /buggy failed
     * assertThat(result).request("GET /buggy").failureRate().isLessThanOrEqualTo(0.2);
     * // fails when 21 of 101 failed:
     * //   Expecting failure rate of GET /buggy to be <= 20% but was 20.79% (21 of 101 failed)
     * assertThat(result).request("GET /buggy").failureRate().isLessThanOrEqualTo(0.2);
     * }</pre>
     *
     * @param fraction the budget, from 0 to 1, inclusive
     * @return this assertion
     * @throws IllegalArgumentException if {@code fraction} is not between 0 and 1 (write 1% as 0.01)
     */
    public FailureRateAssert isLessThanOrEqualTo(double fraction) {
        return check(Comparison.LESS_OR_EQUAL, fraction);
    }

    /**
     * Verifies that the failure rate is above {@code fraction}, e.g. that a fault injection took effect.
     * <pre>{@code
     * // passes when 24 of 120 requests to GET /buggy failed
     * assertThat(result).request("GET /buggy").failureRate().isGreaterThan(0.1);
     * // fails when none of 500 requests to GET / failed:
     * //   Expecting failure rate of GET / to be > 10% but was 0% (0 of 500 failed)
     * assertThat(result).request("GET /").failureRate().isGreaterThan(0.1);
     * }</pre>
     *
     * @param fraction the bound, from 0 to 1, exclusive
     * @return this assertion
     * @throws IllegalArgumentException if {@code fraction} is not between 0 and 1 (write 1% as 0.01)
     */
    public FailureRateAssert isGreaterThan(double fraction) {
        return check(Comparison.GREATER, fraction);
    }

    /**
     * Verifies that the failure rate is at least {@code fraction}.
     * <pre>{@code
     * // passes when 24 of 120 requests to GET /buggy failed
     * assertThat(result).request("GET /buggy").failureRate().isGreaterThanOrEqualTo(0.2);
     * // fails when none of 500 requests to GET / failed:
     * //   Expecting failure rate of GET / to be >= 20% but was 0% (0 of 500 failed)
     * assertThat(result).request("GET /").failureRate().isGreaterThanOrEqualTo(0.2);
     * }</pre>
     *
     * @param fraction the bound, from 0 to 1, inclusive
     * @return this assertion
     * @throws IllegalArgumentException if {@code fraction} is not between 0 and 1 (write 1% as 0.01)
     */
    public FailureRateAssert isGreaterThanOrEqualTo(double fraction) {
        return check(Comparison.GREATER_OR_EQUAL, fraction);
    }

    /**
     * Verifies that no request failed (and that there were requests).
     * <pre>{@code
     * // passes when none of 500 requests to GET / failed
     * assertThat(result).request("GET /").failureRate().isZero();
     * // fails when 24 of 120 requests to GET /buggy failed:
     * //   Expecting failure rate of GET /buggy to be 0% but was 20% (24 of 120 failed)
     * assertThat(result).request("GET /buggy").failureRate().isZero();
     * }</pre>
     *
     * @return this assertion
     */
    public FailureRateAssert isZero() {
        return check(Comparison.EQUAL, 0);
    }

    private FailureRateAssert check(Comparison comparison, double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("A failure rate is a fraction from 0 to 1 (1% is 0.01), but the budget "
                    + "was " + fraction);
        }
        return check(comparison, BigDecimal.valueOf(fraction), Formats.percent(fraction));
    }

    @Override
    BigDecimal value() {
        Measured measured = measured();
        // Exact from the counts when known, so 20 of 100 is 0.2 and meets a budget of 0.2.
        return measured.count() > 0
                ? BigDecimal.valueOf(measured.failures()).divide(BigDecimal.valueOf(measured.count()),
                        MathContext.DECIMAL64)
                : BigDecimal.valueOf(actual);
    }

    @Override
    String text() {
        return Formats.decimal(value().movePointRight(2)) + "%";
    }

    @Override
    String details() {
        Measured measured = measured();
        return measured.count() < 0 ? "" : " (" + Formats.count(measured.failures()) + " of "
                + Formats.count(measured.count()) + " failed)";
    }

    @Override
    boolean needsRequests() {
        return true;
    }
}

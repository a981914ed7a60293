package dev.junitloadtest.assertions;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.math.BigDecimal;
import java.time.Duration;

import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

import dev.junitloadtest.result.Comparison;

/**
 * Base of the assertions on one figure of a load test result (a percentile, the failure rate, the throughput, a
 * count): compares it to a budget and, when it breaks the budget, fails with a message that carries the numbers:
 * {@code Expecting p95 of GET /volatile to be < 500 ms but was 1,203.4 ms (n=4,812)}. A figure that needs requests
 * and has none (a percentile of a request never made) fails whatever the budget, rather than passing on nothing.
 * Not thread-safe, as every AssertJ assertion.
 *
 * @param <SELF> the assertion's own type
 * @param <ACTUAL> the figure's type
 */
@API(status = EXPERIMENTAL, since = "0.1")
public abstract class AbstractFigureAssert<SELF extends AbstractFigureAssert<SELF, ACTUAL>, ACTUAL>
        extends AbstractAssert<SELF, ACTUAL> {

    private static final String BREACH = "Expecting %s to be %s but was %s%s";
    private static final String MISSING = "Expecting %s to be %s but %s";
    private static final String NO_REQUESTS = "Expecting %s to be %s but there were no requests (n=0)";

    private Measured measured;

    /**
     * An assertion on {@code actual}, a figure called {@code metric} in messages until the assertion that led here
     * names it fully.
     */
    protected AbstractFigureAssert(ACTUAL actual, Class<?> selfType, String metric) {
        super(actual, selfType);
        this.measured = new Measured(metric, "the requests", "", -1, 0, Duration.ZERO, null);
    }

    /** Names the figure: which metric of which request, and the counts behind it. */
    void measured(Measured figure) {
        this.measured = figure;
    }

    Measured measured() {
        return measured;
    }

    /** The figure as a number to compare. */
    abstract BigDecimal value();

    /** The figure as messages show it: {@code 1,203.4 ms}. */
    abstract String text();

    /** What follows the figure in a message: {@code " (n=4,812)"}. */
    abstract String details();

    /** Whether the figure means nothing without requests. */
    abstract boolean needsRequests();

    /** Fails unless the figure compares to {@code limit} as {@code comparison} says; {@code limitText} as shown. */
    final SELF check(Comparison comparison, BigDecimal limit, String limitText) {
        String expected = comparison == Comparison.EQUAL ? limitText : comparison.symbol() + " " + limitText;
        if (measured.missing() != null) {
            throw failure(MISSING, measured.what(), expected, measured.missing());
        }
        isNotNull();
        if (measured.count() == 0 && needsRequests()) {
            throw failure(NO_REQUESTS, measured.what(), expected);
        }
        if (!comparison.holds(value(), limit)) {
            String was = text();
            throw failureWithActualExpected(was, expected, BREACH, measured.what(), expected, was, details());
        }
        return myself;
    }
}

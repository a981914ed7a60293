package dev.junitloadtest.assertions;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RequestStats;

/**
 * {@code LoadTestAssertions} is the entry point of AssertJ assertions on load test results, to put budgets in
 * ordinary {@code @Test} methods:
 * <pre>{@code
 * import static dev.junitloadtest.assertions.LoadTestAssertions.assertThat;
 *
 * @Test
 * void volatileStaysFast(LoadTestResult result) {
 *     assertThat(result).request("GET /volatile").percentile(95).isLessThan(Duration.ofMillis(500));
 *     assertThat(result).failureRate().isLessThan(0.01);
 *     assertThat(result.lastStage()).throughput().isGreaterThan(100);   // the steady state only
 * }
 * }</pre>
 * It can be statically imported next to AssertJ's own {@code Assertions.assertThat}: Java picks the most specific
 * overload, ours for results. A failed budget says what was measured, against what, on how many requests:
 * {@code Expecting p95 of GET /volatile to be < 500 ms but was 1,203.4 ms (n=4,812)}. To see every breach rather
 * than the first, use {@link LoadTestSoftAssertions}.
 */
@API(status = STABLE, since = "0.1")
public final class LoadTestAssertions {

    private LoadTestAssertions() {
    }

    /**
     * Assertions on {@code actual}, a load test result or a window of it.
     *
     * @param actual the result
     * @return its assertions
     */
    public static LoadTestResultAssert assertThat(LoadTestResult actual) {
        return new LoadTestResultAssert(actual);
    }

    /**
     * Assertions on {@code actual}, the figures of one request name (or of all requests together).
     *
     * @param actual the figures
     * @return their assertions
     */
    public static RequestStatsAssert assertThat(RequestStats actual) {
        return new RequestStatsAssert(actual);
    }

    /** How messages name the requests behind {@code stats}: {@code GET /volatile}, or {@code all requests}. */
    static String subject(RequestStats stats) {
        return stats.method().isEmpty() && stats.name().equals("Aggregated") ? "all requests" : stats.key();
    }
}

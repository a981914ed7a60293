package dev.junitloadtest.assertions;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.assertj.core.api.SoftAssertionsProvider;

import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RequestStats;

/**
 * {@code LoadTestSoftAssertionsProvider} adds soft assertions on load test results to any AssertJ soft assertions
 * class, so every breached budget is reported together, not the first only. {@link LoadTestSoftAssertions} is the
 * ready-made one; to have AssertJ's own soft assertions in the same object, combine them:
 * <pre>{@code
 * class Softly extends SoftAssertions implements LoadTestSoftAssertionsProvider {}
 *
 * SoftAssertions.assertSoftly(Softly.class, softly -> {   // or SoftAssertionsProvider.assertSoftly
 *     softly.assertThat(result).request("GET /").percentile(95).isLessThan(Duration.ofMillis(500));
 *     softly.assertThat(result).failureRate().isLessThan(0.01);
 *     softly.assertThat(someString).isNotEmpty();
 * });
 * }</pre>
 * Every assertion reached from {@code assertThat} (a request's, then a percentile's) is soft as well.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface LoadTestSoftAssertionsProvider extends SoftAssertionsProvider {

    /**
     * Soft assertions on {@code actual}, a load test result or a window of it.
     *
     * @param actual the result
     * @return its assertions, collecting their failures
     */
    default LoadTestResultAssert assertThat(LoadTestResult actual) {
        LoadTestResultAssert softly = proxy(LoadTestResultAssert.class, LoadTestResult.class, actual);
        softly.nesting(Nesting.soft(this));
        return softly;
    }

    /**
     * Soft assertions on {@code actual}, the figures of one request name (or of all requests together).
     *
     * @param actual the figures
     * @return their assertions, collecting their failures
     */
    default RequestStatsAssert assertThat(RequestStats actual) {
        RequestStatsAssert softly = proxy(RequestStatsAssert.class, RequestStats.class, actual);
        softly.context(actual == null ? "the request" : LoadTestAssertions.subject(actual), "", null,
                Nesting.soft(this));
        return softly;
    }
}

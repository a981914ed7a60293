package dev.junitloadtest.assertions;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.function.Consumer;

import org.apiguardian.api.API;
import org.assertj.core.api.AbstractSoftAssertions;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * {@code LoadTestSoftAssertions} collects the failures of assertions on load test results and reports them all
 * together at the end, so one run tells every budget it broke:
 * <pre>{@code
 * LoadTestSoftAssertions.assertSoftly(softly -> {
 *     softly.assertThat(result).request("GET /volatile").percentile(95).isLessThan(Duration.ofMillis(500));
 *     softly.assertThat(result).failureRate().isLessThan(0.01);
 * });
 * // fails with both breaches:
 * //   Multiple Failures (2 failures)
 * //   -- failure 1 --
 * //   Expecting p95 of GET /volatile to be < 500 ms but was 1,203.4 ms (n=4,812)
 * //   -- failure 2 --
 * //   Expecting failure rate of all requests to be < 1% but was 20% (962 of 4,812 failed)
 * }</pre>
 * It also works as a JUnit field with AssertJ's {@code SoftAssertionsExtension} and {@code @InjectSoftAssertions}.
 * Not thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class LoadTestSoftAssertions extends AbstractSoftAssertions implements LoadTestSoftAssertionsProvider {

    /** Soft assertions with nothing collected yet; end them with {@link #assertAll()}. */
    public LoadTestSoftAssertions() {
    }

    /**
     * Runs {@code assertions} and then fails with every failure they collected, if any.
     *
     * @param assertions the assertions, made on the {@code LoadTestSoftAssertions} they are given
     */
    public static void assertSoftly(Consumer<LoadTestSoftAssertions> assertions) {
        SoftAssertionsProvider.assertSoftly(LoadTestSoftAssertions.class, assertions);
    }
}

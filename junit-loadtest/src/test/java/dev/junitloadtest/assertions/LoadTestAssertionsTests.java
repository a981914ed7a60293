package dev.junitloadtest.assertions;

import static dev.junitloadtest.assertions.LoadTestAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;

import org.HdrHistogram.Histogram;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.api.SoftAssertionsProvider;
import org.assertj.core.api.junit.jupiter.InjectSoftAssertions;
import org.assertj.core.api.junit.jupiter.SoftAssertionsExtension;
import org.assertj.core.error.AssertJMultipleFailuresError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.opentest4j.AssertionFailedError;

import dev.junitloadtest.internal.recording.Histograms;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.ResultBuilder;
import dev.junitloadtest.result.RunProfile;
import dev.junitloadtest.result.ThresholdResult;
import dev.junitloadtest.result.StopReason;

/**
 * The AssertJ assertions on results read as budgets and fail with the figures, word for word. The result is built
 * by hand, so every figure is known: 20 requests to each of {@code GET /} (1 to 20 ms), {@code GET /buggy} (4
 * failed) and {@code GET /volatile} (the slowest at 1.2 s), in 3 seconds, the first second quiet.
 */
class LoadTestAssertionsTests {

    private final LoadTestResult result = result();

    @Test
    void aBudgetThatHoldsPasses() {
        assertThatCode(() -> {
            assertThat(result).request("GET /").percentile(95).isLessThan(Duration.ofMillis(500));
            assertThat(result).request("/buggy").failureRate().isLessThanOrEqualTo(0.2);
            assertThat(result).request("GET", "/volatile").max().isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(result).throughput().isGreaterThan(10);
            assertThat(result).count().isEqualTo(60);
            assertThat(result).total().failures().isLessThanOrEqualTo(4);
            assertThat(result.request("GET /").orElseThrow()).median().isLessThan(Duration.ofMillis(11));
        }).doesNotThrowAnyException();
    }

    @Test
    void aBrokenLatencyBudgetSaysWhatWasMeasuredAgainstWhatOnHowManyRequests() {
        AssertionFailedError error = catchThrowableOfType(AssertionFailedError.class,
                () -> assertThat(result).request("GET /volatile").percentile(95).isLessThan(Duration.ofMillis(500)));

        assertThat(error).hasMessage("Expecting p95 of GET /volatile to be < 500 ms but was 1,200.1 ms (n=20)");
        assertThat(error.getActual().getValue()).isEqualTo("1,200.1 ms");
        assertThat(error.getExpected().getValue()).isEqualTo("< 500 ms");
    }

    @Test
    void eachKindOfFigureHasItsMessage() {
        assertThatThrownBy(() -> assertThat(result).request("GET /buggy").failureRate().isLessThan(0.01))
                .hasMessage("Expecting failure rate of GET /buggy to be < 1% but was 20% (4 of 20 failed)");
        assertThatThrownBy(() -> assertThat(result).throughput().isGreaterThan(100))
                .hasMessage("Expecting throughput of all requests to be > 100/s but was 20/s (n=60 in 3.0 s)");
        assertThatThrownBy(() -> assertThat(result).request("GET /").count().isGreaterThanOrEqualTo(1000))
                .hasMessage("Expecting count of GET / to be >= 1,000 but was 20");
        assertThatThrownBy(() -> assertThat(result).request("GET /buggy").failures().isZero())
                .hasMessage("Expecting failures of GET /buggy to be 0 but was 4 (n=20)");
        assertThatThrownBy(() -> assertThat(result).median().isGreaterThan(Duration.ofSeconds(1)))
                .hasMessage("Expecting median of all requests to be > 1,000 ms but was 10.01 ms (n=60)");
        assertThatThrownBy(() -> assertThat(result).request("GET /").servicePercentile(99.9)
                .isLessThanOrEqualTo(Duration.ofMillis(5)))
                .hasMessage("Expecting service-time p99.9 of GET / to be <= 5 ms but was 20.02 ms (n=20)");
        assertThatThrownBy(() -> assertThat(result).request("GET /").mean().isLessThan(Duration.ofMillis(1)))
                .hasMessage("Expecting mean of GET / to be < 1 ms but was 10.5 ms (n=20)");
    }

    @Test
    void aRequestThatWasNeverMadeFailsEveryBudgetSayingWhichWere() {
        assertThatThrownBy(() -> assertThat(result).request("GET /nope").percentile(95)
                .isLessThan(Duration.ofMillis(500)))
                .hasMessage("Expecting p95 of GET /nope to be < 500 ms but no request GET /nope was recorded "
                        + "(recorded: GET /, GET /buggy, GET /volatile)");
        assertThatThrownBy(() -> assertThat(result).request("GET /nope").failures().isZero())
                .hasMessage("Expecting failures of GET /nope to be 0 but no request GET /nope was recorded "
                        + "(recorded: GET /, GET /buggy, GET /volatile)");
    }

    @Test
    void aWindowSaysWhichPartOfTheRunItJudged() {
        LoadTestResult firstSecond = result.between(Duration.ZERO, Duration.ofSeconds(1));
        LoadTestResult rest = result.from(Duration.ofSeconds(1));

        assertThatThrownBy(() -> assertThat(rest).request("GET /").percentile(50).isLessThan(Duration.ofMillis(5)))
                .hasMessage("Expecting p50 of GET / in 1.0-3.0 s to be < 5 ms but was 10.01 ms (n=20)");
        assertThatThrownBy(() -> assertThat(firstSecond).request("GET /").count().isEqualTo(0))
                .hasMessage("Expecting count of GET / in 0.0-1.0 s to be 0 but no requests were recorded in "
                        + "0.0-1.0 s");
        assertThatThrownBy(() -> assertThat(firstSecond).percentile(99).isLessThan(Duration.ofSeconds(1)))
                .hasMessage("Expecting p99 of all requests in 0.0-1.0 s to be < 1,000 ms but there were no "
                        + "requests (n=0)");
        assertThatCode(() -> assertThat(firstSecond).count().isZero()).doesNotThrowAnyException();
    }

    @Test
    void aFailureRateIsAFraction() {
        assertThatThrownBy(() -> assertThat(result).failureRate().isLessThan(5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A failure rate is a fraction from 0 to 1 (1% is 0.01), but the budget was 5.0");
    }

    @Test
    void aDescriptionCarriesOverToTheFiguresItLeadsTo() {
        assertThatThrownBy(() -> assertThat(result).as("checkout budget").request("GET /volatile").max()
                .isLessThan(Duration.ofSeconds(1)))
                .hasMessage("[checkout budget] Expecting max of GET /volatile to be < 1,000 ms but was 1,200.1 ms "
                        + "(n=20)");
    }

    @Test
    void softAssertionsReportEveryBreachNotTheFirstOnly() {
        AssertJMultipleFailuresError error = catchThrowableOfType(AssertJMultipleFailuresError.class,
                () -> LoadTestSoftAssertions.assertSoftly(softly -> {
                    softly.assertThat(result).request("GET /volatile").percentile(95)
                            .isLessThan(Duration.ofMillis(500));
                    softly.assertThat(result).request("GET /").percentile(95).isLessThan(Duration.ofMillis(500));
                    softly.assertThat(result).failureRate().isLessThan(0.01);
                    softly.assertThat(result).request("GET /nope").count().isGreaterThan(0);
                }));

        assertThat(error.getFailures()).extracting(LoadTestAssertionsTests::withoutSourceLine).containsExactly(
                "Expecting p95 of GET /volatile to be < 500 ms but was 1,200.1 ms (n=20)",
                "Expecting failure rate of all requests to be < 1% but was 6.667% (4 of 60 failed)",
                "Expecting count of GET /nope to be > 0 but no request GET /nope was recorded (recorded: GET /, "
                        + "GET /buggy, GET /volatile)");
    }

    @Test
    void softAssertionsCombineWithAssertJsOwn() {
        AssertJMultipleFailuresError error = catchThrowableOfType(AssertJMultipleFailuresError.class,
                () -> SoftAssertionsProvider.assertSoftly(Softly.class, softly -> {
                    softly.assertThat(result.request("GET /buggy").orElseThrow()).failures().isZero();
                    softly.assertThat("checkout").startsWith("cart");
                    softly.assertThat(result).meetsAllThresholds();
                }));

        assertThat(error.getFailures()).extracting(LoadTestAssertionsTests::withoutSourceLine).containsExactly(
                "Expecting failures of GET /buggy to be 0 but was 4 (n=20)",
                String.format("%nExpecting actual:%n  \"checkout\"%nto start with:%n  \"cart\""));
    }

    @Test
    void softAssertionsCanBeInjectedByAssertJsExtension() {
        Throwable failure = EngineTestKit.engine("junit-jupiter").selectors(selectClass(InjectedTestCase.class))
                .execute().testEvents().failed().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .findFirst().orElseThrow();

        assertThat(((AssertJMultipleFailuresError) failure).getFailures())
                .extracting(LoadTestAssertionsTests::withoutSourceLine).containsExactly(
                        "Expecting max of GET /volatile to be < 1,000 ms but was 1,200.1 ms (n=20)",
                        "Expecting count of all requests to be > 100 but was 60");
    }

    @ExtendWith(SoftAssertionsExtension.class)
    static class InjectedTestCase {

        @InjectSoftAssertions
        LoadTestSoftAssertions softly;

        @Test
        void budgets() {
            softly.assertThat(result()).request("GET /volatile").max().isLessThan(Duration.ofSeconds(1));
            softly.assertThat(result()).count().isGreaterThan(100);
        }
    }

    /** AssertJ's soft assertions with ours added. */
    public static class Softly extends SoftAssertions implements LoadTestSoftAssertionsProvider {
    }

    @Test
    void everyFailedThresholdIsListed() {
        LoadTestResult judged = result.withThresholds(List.of(
                new ThresholdResult("p95 < 500ms", "GET /volatile", false,
                        "p95 of GET /volatile was 1,200.1 ms, budget < 500 ms (n=20)"),
                new ThresholdResult("failure_rate < 25%", "Aggregated", true,
                        "failure_rate of all requests was 6.667% (4 of 60 failed), budget < 25%"),
                new ThresholdResult("count >= 100", "Aggregated", false,
                        "count of all requests was 60, budget >= 100")));

        assertThatThrownBy(() -> assertThat(judged).meetsAllThresholds()).hasMessage(String.format(
                "Expecting every threshold of ApiLoadTest to pass, but 2 of 3 failed:%n"
                        + "  p95 < 500ms [GET /volatile]: p95 of GET /volatile was 1,200.1 ms, budget < 500 ms (n=20)%n"
                        + "  count >= 100: count of all requests was 60, budget >= 100"));
        assertThatCode(() -> assertThat(result).meetsAllThresholds().ranToCompletion()).doesNotThrowAnyException();
    }

    @Test
    void aRunStoppedEarlySaysWhy() {
        LoadTestResult stopped = builder().stop(StopReason.byThreshold("failures == 0", "@Threshold 'failures == 0' "
                + "can no longer pass, at 1.0 s into the run: failures of all requests was 1, budget == 0 (n=5)"))
                .build();

        assertThatThrownBy(() -> assertThat(stopped).ranToCompletion()).hasMessage("Expecting ApiLoadTest to run its "
                + "course, but it ended early: @Threshold 'failures == 0' can no longer pass, at 1.0 s into the run: "
                + "failures of all requests was 1, budget == 0 (n=5)");
    }

    @Test
    void aNullResultFailsFirst() {
        assertThatThrownBy(() -> assertThat((LoadTestResult) null).request("GET /"))
                .hasMessageContaining("Expecting actual not to be null");
    }

    /** A soft assertion's message, without the line AssertJ adds to say where in the test it failed. */
    private static String withoutSourceLine(Throwable failure) {
        String message = failure.getMessage();
        int at = message.lastIndexOf(System.lineSeparator() + "at LoadTestAssertionsTests");
        at = at >= 0 ? at : message.lastIndexOf(System.lineSeparator() + "at InjectedTestCase");
        return at < 0 ? message : message.substring(0, at);
    }

    private static LoadTestResult result() {
        return builder().build();
    }

    private static ResultBuilder builder() {
        RunProfile profile = new RunProfile("ApiLoadTest", "2 users started at once for 3s", List.of(),
                Duration.ofSeconds(3), Duration.ofSeconds(30), "", "test", 1, List.of(new RunProfile.StageInfo(1,
                        Duration.ZERO, Duration.ofSeconds(3), 2, Double.POSITIVE_INFINITY)));
        Histogram home = millis(LongStream.rangeClosed(1, 20).toArray());
        Histogram buggy = millis(LongStream.rangeClosed(1, 20).map(i -> 2).toArray());
        Histogram slow = millis(LongStream.rangeClosed(1, 20).map(i -> i < 19 ? 100 : 1200).toArray());
        ResultBuilder builder = new ResultBuilder(profile, Instant.EPOCH, Duration.ofSeconds(3))
                .request("GET", "/", home, home, 0, 200)
                .request("GET", "/buggy", buggy, buggy, 4, 200)
                .request("GET", "/volatile", slow, slow, 0, 200);
        // The first second was quiet; everything came in the next two.
        builder.interval(Duration.ZERO, Duration.ofMillis(1001), 2);
        builder.intervalRequest("GET", "/", Histograms.compress(home), null, 20, 0, 200)
                .intervalRequest("GET", "/buggy", Histograms.compress(buggy), null, 20, 4, 200)
                .intervalRequest("GET", "/volatile", Histograms.compress(slow), null, 20, 0, 200)
                .interval(Duration.ofMillis(1001), Duration.ofSeconds(3), 2);
        return builder;
    }

    private static Histogram millis(long... values) {
        Histogram histogram = Histograms.newHistogram();
        for (long value : values) {
            histogram.recordValue(value * 1000);
        }
        return histogram;
    }
}

package dev.junitloadtest.threshold;

import static dev.junitloadtest.EngineRuns.runLoad;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.UriSource;
import org.junit.platform.testkit.engine.Event;
import org.opentest4j.MultipleFailuresError;

import dev.junitloadtest.FixtureRun;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestVerdicts;
import dev.junitloadtest.Task;
import dev.junitloadtest.Threshold;
import dev.junitloadtest.Users;
import dev.junitloadtest.WaitTime;
import dev.junitloadtest.assertions.LoadTestSoftAssertions;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.result.Formats;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RequestStats;
import dev.junitloadtest.result.ThresholdResult;
import dev.junitloadtest.samples.SampleTargetExtension;

/**
 * Each threshold is a test of its own under the {@code verdicts} node, named after its expression and failing with
 * the figures; without {@link LoadTestVerdicts} every breach fails the class together. Against the real sample
 * target, whose {@code /buggy} fails one request in five.
 */
class ThresholdVerdictTests {

    @Test
    void eachThresholdIsATestNamedAfterItsExpressionFailingWithItsFigures() {
        FixtureRun results = runLoad(BuggyVerdictsTestCase.class);
        LoadTestResult result = results.result();
        RequestStats buggy = result.request("GET /buggy").orElseThrow();
        RequestStats home = result.request("GET /").orElseThrow();
        // The target fails requests 0, 5, 10, ... of its counter: ceil(n / 5) of n, 20% and a little more.
        assertThat(buggy.failures()).isEqualTo((buggy.count() + 4) / 5).isPositive();

        List<Event> verdicts = results.testEvents().finished().stream()
                .filter(e -> e.getTestDescriptor().getParent()
                        .map(parent -> parent.getUniqueId().toString().contains("test-factory:verdicts")).orElse(false))
                .toList();
        assertThat(verdicts).extracting(e -> e.getTestDescriptor().getDisplayName()).containsExactly(
                runSummary(result),
                "failure_rate < 1% [GET /buggy]",
                "failure_rate <= 25% [/buggy]",
                "failures == 0 [GET /]",
                "count >= 100",
                "p99.9 < 5s [GET /]",
                "p99.9 < 5s [GET /buggy]",
                "p95 < 500ms [GET /never]",
                "rps > 1");
        // Their source is the target, not the factory method: so Surefire names each in its XML by its display name
        // alone, where a method source would have it prefixed by the factory's ("verdicts p95 < 500ms").
        assertThat(verdicts).extracting(e -> e.getTestDescriptor().getSource().orElseThrow())
                .allSatisfy(source -> assertThat(source).isInstanceOfSatisfying(UriSource.class,
                        uri -> assertThat(uri.getUri()).isEqualTo(URI.create(result.profile().host()))));
        assertThat(verdicts).extracting(ThresholdVerdictTests::outcome).containsExactly(
                "passed",
                "failure_rate of GET /buggy was " + percent(buggy) + " (" + count(buggy.failures()) + " of "
                        + count(buggy.count()) + " failed), budget < 1%",
                "passed", "passed", "passed", "passed", "passed",
                "p95 of GET /never: no request GET /never was recorded in the run (recorded: GET /, GET /buggy), "
                        + "so the budget < 500 ms cannot be judged",
                "passed");

        assertThat(result.thresholds()).extracting(ThresholdResult::message).containsExactly(
                "failure_rate of GET /buggy was " + percent(buggy) + " (" + count(buggy.failures()) + " of "
                        + count(buggy.count()) + " failed), budget < 1%",
                "failure_rate of GET /buggy was " + percent(buggy) + " (" + count(buggy.failures()) + " of "
                        + count(buggy.count()) + " failed), budget <= 25%",
                "failures of GET / was 0, budget == 0 (n=" + count(home.count()) + ")",
                "count of all requests was " + count(result.total().count()) + ", budget >= 100",
                "p99.9 of GET / was " + seconds(home.percentile(99.9).toNanos()) + ", budget < 5 s (n="
                        + count(home.count()) + ")",
                "p99.9 of GET /buggy was " + seconds(buggy.percentile(99.9).toNanos()) + ", budget < 5 s (n="
                        + count(buggy.count()) + ")",
                "p95 of GET /never: no request GET /never was recorded in the run (recorded: GET /, GET /buggy), "
                        + "so the budget < 500 ms cannot be judged",
                "rps of all requests was " + Formats.decimal(result.total().throughput()) + "/s, budget > 1/s (n="
                        + count(result.total().count()) + " in " + Formats.seconds(result.elapsed()) + " s)");
        assertThat(result.thresholds().getFirst().actual()).isEqualTo(percent(buggy));
        assertThat(result.thresholds().get(6).actual()).isEmpty();

        // The same budgets in code, as soft assertions: both breaches reported, the budget that holds not.
        Throwable soft = results.testEvents().failed().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().startsWith("budgetsInCode"))
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .findFirst().orElseThrow();
        assertThat(((MultipleFailuresError) soft).getFailures())
                .extracting(failure -> failure.getMessage().lines().findFirst().orElseThrow())
                .containsExactly(
                        "Expecting failure rate of GET /buggy to be < 1% but was " + percent(buggy) + " ("
                                + count(buggy.failures()) + " of " + count(buggy.count()) + " failed)",
                        "Expecting p95 of GET /never to be < 500 ms but no request GET /never was recorded "
                                + "(recorded: GET /, GET /buggy)");
    }

    @Test
    void withoutLoadTestVerdictsEveryBreachFailsTheClassTogether() {
        FixtureRun results = runLoad(BuggyWithoutVerdictsTestCase.class);
        LoadTestResult result = results.result();
        RequestStats buggy = result.request("GET /buggy").orElseThrow();

        Throwable failure = results.containerEvents().failed().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .findFirst().orElseThrow();
        assertThat(failure).isInstanceOf(MultipleFailuresError.class);
        assertThat(failure.getMessage())
                .startsWith("The load run of BuggyWithoutVerdictsTestCase failed 2 verdict(s) (2 failures)");
        assertThat(((MultipleFailuresError) failure).getFailures()).extracting(Throwable::getMessage).containsExactly(
                "failures == 0 [GET /buggy]: failures of GET /buggy was " + count(buggy.failures())
                        + ", budget == 0 (n=" + count(buggy.count()) + ")",
                "p95 < 500ms [GET /never]: p95 of GET /never: no request GET /never was recorded in the run "
                        + "(recorded: GET /, GET /buggy), so the budget < 500 ms cannot be judged");
        assertThat(result.thresholds()).extracting(ThresholdResult::passed).containsExactly(false, true, false);
    }

    private static String outcome(Event event) {
        TestExecutionResult execution = event.getRequiredPayload(TestExecutionResult.class);
        return execution.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? "passed"
                : execution.getThrowable().orElseThrow().getMessage();
    }

    private static String runSummary(LoadTestResult result) {
        return String.format(Locale.ROOT, "%,d requests in %.1f s (%.1f/s), %,d failed (%.2f%%)",
                result.total().count(), result.elapsed().toNanos() / 1e9, result.total().throughput(),
                result.total().failures(), result.total().failureRate() * 100);
    }

    private static String percent(RequestStats stats) {
        BigDecimal rate = BigDecimal.valueOf(stats.failures()).divide(BigDecimal.valueOf(stats.count()),
                MathContext.DECIMAL64);
        return Formats.decimal(rate.movePointRight(2)) + "%";
    }

    private static String seconds(long nanos) {
        return Formats.decimal(BigDecimal.valueOf(nanos, 9)) + " s";
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** Two users on the sample target's home and buggy routes; a few milliseconds between tasks spare the CPU. */
    @LoadTest(duration = "2s")
    @Users(count = 2)
    @WaitTime(min = "2ms")
    abstract static class BuggyAndHome {

        @RegisterExtension
        static final SampleTargetExtension target = new SampleTargetExtension();

        @Task
        void home(Http http) {
            http.get("/");
        }

        @Task
        void buggy(Http http) {
            http.get("/buggy");
        }
    }

    @Threshold(value = "failure_rate < 1%", request = "GET /buggy")
    @Threshold(value = "failure_rate <= 25%", request = "/buggy")
    @Threshold(value = "failures == 0", request = "GET /")
    @Threshold("count >= 100")
    @Threshold(value = "p99.9 < 5s", request = Threshold.EACH_REQUEST)
    @Threshold(value = "p95 < 500ms", request = "GET /never")
    @Threshold("rps > 1")
    static class BuggyVerdictsTestCase extends BuggyAndHome implements LoadTestVerdicts {

        @Test
        void budgetsInCode(LoadTestResult result) {
            LoadTestSoftAssertions.assertSoftly(softly -> {
                softly.assertThat(result).request("GET /buggy").failureRate().isLessThan(0.01);
                softly.assertThat(result).request("GET /").failures().isZero();
                softly.assertThat(result).request("GET /never").percentile(95).isLessThan(Duration.ofMillis(500));
            });
        }
    }

    @Threshold(value = "failures == 0", request = "GET /buggy")
    @Threshold(value = "failures == 0", request = "GET /")
    @Threshold(value = "p95 < 500ms", request = "GET /never")
    static class BuggyWithoutVerdictsTestCase extends BuggyAndHome {
    }
}

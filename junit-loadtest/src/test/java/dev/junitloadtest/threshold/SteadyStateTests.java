package dev.junitloadtest.threshold;

import static dev.junitloadtest.assertions.LoadTestAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.Event;

import dev.junitloadtest.EngineRuns;
import dev.junitloadtest.FixtureRun;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestVerdicts;
import dev.junitloadtest.RampStage;
import dev.junitloadtest.Task;
import dev.junitloadtest.Threshold;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.result.Formats;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RequestStats;
import dev.junitloadtest.samples.SampleTargetExtension;

/**
 * Thresholds and assertions scoped to part of a run judge that part only. The sample target's {@code /volatile}
 * answers its first ten requests at once and then takes a second each, so one user's first stage is fast and its
 * second is slow: the whole run and the last stage get opposite verdicts on the same budget.
 */
class SteadyStateTests {

    @Test
    void thresholdsAndAssertionsOnTheLastStageJudgeTheLastStageOnly() {
        FixtureRun results = EngineRuns.runLoad(SlowingDownTestCase.class);
        assertThat(results.containerEvents().failed().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow().toString()))
                .isEmpty();
        List<Event> tests = results.testEvents().finished().list();
        LoadTestResult result = results.result();
        RequestStats whole = result.request("GET /volatile").orElseThrow();
        LoadTestResult lastStage = result.lastStage();
        RequestStats last = lastStage.request("GET /volatile").orElseThrow();
        RequestStats first = result.stage(1).request("GET /volatile").orElseThrow();
        assertThat(first.count()).as("the ten fast answers, all in the first stage").isEqualTo(10);
        assertThat(last.count()).as("the slow answers, all in the last").isEqualTo(whole.count() - 10).isPositive();
        String lastStageFigures = " (" + Formats.span(lastStage.windowStart(), lastStage.windowEnd()) + ") was "
                + millis(last.median()) + ", budget < 500 ms (n=" + last.count() + ")";

        assertThat(outcome(tests, "median < 500ms [GET /volatile]")).isEqualTo("passed");
        assertThat(outcome(tests, "median < 500ms [GET /volatile, stage 1]")).isEqualTo("passed");
        assertThat(outcome(tests, "median < 500ms [GET /volatile, last stage]"))
                .isEqualTo("median of GET /volatile in the last stage" + lastStageFigures);
        assertThat(outcome(tests, "median < 500ms [GET /volatile, from 1s]"))
                .isEqualTo("median of GET /volatile from 1s" + lastStageFigures);
        assertThat(result.thresholds().get(0).message()).isEqualTo("median of GET /volatile was "
                + millis(whole.median()) + ", budget < 500 ms (n=" + whole.count() + ")");
        assertThat(lastStage.windowStart()).isGreaterThanOrEqualTo(Duration.ofSeconds(1))
                .isLessThan(Duration.ofMillis(1100));

        // The same budget as assertions, on the whole run and on its last stage.
        assertThat(outcome(tests, "wholeRunIsFast")).isEqualTo("passed");
        assertThat(outcome(tests, "steadyStateIsFast")).isEqualTo("Expecting median of GET /volatile in "
                + Formats.span(lastStage.windowStart(), lastStage.windowEnd()) + " to be < 500 ms but was "
                + millis(last.median()) + " (n=" + last.count() + ")");
    }

    private static String millis(Duration duration) {
        return Formats.decimal(BigDecimal.valueOf(duration.toNanos(), 6)) + " ms";
    }

    private static String outcome(List<Event> tests, String name) {
        return tests.stream().filter(e -> e.getTestDescriptor().getDisplayName().equals(name)
                        || e.getTestDescriptor().getDisplayName().startsWith(name + "("))
                .map(e -> e.getRequiredPayload(TestExecutionResult.class))
                .map(r -> r.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? "passed"
                        : r.getThrowable().orElseThrow().getMessage())
                .findFirst().orElseThrow(() -> new AssertionError("no test named " + name));
    }

    // Two stages that differ: JUnit's annotation search drops repeated annotations equal to one found before.
    @RampStage(duration = "1s", users = 1, spawnRate = 1)
    @RampStage(duration = "1s", users = 1)
    @LoadTest
    @Threshold(value = "median < 500ms", request = "GET /volatile")
    @Threshold(value = "median < 500ms", request = "GET /volatile", stage = 1)
    @Threshold(value = "median < 500ms", request = "GET /volatile", lastStage = true)
    @Threshold(value = "median < 500ms", request = "GET /volatile", from = "1s")
    static class SlowingDownTestCase implements LoadTestVerdicts {

        @RegisterExtension
        static final SampleTargetExtension target = new SampleTargetExtension();

        @Task
        void volatileEndpoint(Http http) {
            http.get("/volatile");
        }

        @Test
        void wholeRunIsFast(LoadTestResult result) {
            assertThat(result).request("GET /volatile").median().isLessThan(Duration.ofMillis(500));
        }

        @Test
        void steadyStateIsFast(LoadTestResult result) {
            assertThat(result.lastStage()).request("GET /volatile").median().isLessThan(Duration.ofMillis(500));
        }
    }
}

package dev.junitloadtest.threshold;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.RampStage;
import dev.junitloadtest.Task;
import dev.junitloadtest.Threshold;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.internal.config.ConfigurationParameters;
import dev.junitloadtest.internal.config.LoadProfile;
import dev.junitloadtest.internal.config.ProfileReader;
import dev.junitloadtest.internal.recording.Histograms;
import dev.junitloadtest.internal.threshold.ThresholdPlan;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.ResultBuilder;
import dev.junitloadtest.result.RunProfile;
import dev.junitloadtest.result.ThresholdResult;
import dev.junitloadtest.result.StopReason;

/**
 * Verdicts on results built by hand, so every figure is known: what a verdict says when there is nothing to judge,
 * per request, per window, and when its threshold stopped the run. A ramp-up second with {@code POST /login} and
 * {@code GET /x}, then two seconds of {@code GET /} and {@code POST /x}. Latencies read back to three significant
 * digits, the highest value of their histogram bucket: 19 ms as 19.01 ms, 3 ms as 3.001 ms.
 */
class ThresholdJudgingTests {

    @Test
    void eachRequestIsJudgedInTheWindowEvenWhenItHadNoRequestsThere() {
        List<ThresholdResult> verdicts = verdicts(EachInLastStageTestCase.class, result());

        assertThat(verdicts).extracting(ThresholdResult::displayName, ThresholdResult::passed,
                ThresholdResult::message).containsExactly(
                        tuple("p95 < 500ms [GET /, last stage]", true,
                                "p95 of GET / in the last stage (1.0-3.0 s) was 19.01 ms, budget < 500 ms (n=20)"),
                        tuple("p95 < 500ms [POST /login, last stage]", false,
                                "p95 of POST /login in the last stage (1.0-3.0 s): no requests were recorded, so the "
                                        + "budget < 500 ms cannot be judged"),
                        tuple("p95 < 500ms [GET /x, last stage]", false,
                                "p95 of GET /x in the last stage (1.0-3.0 s): no requests were recorded, so the "
                                        + "budget < 500 ms cannot be judged"),
                        tuple("p95 < 500ms [POST /x, last stage]", true,
                                "p95 of POST /x in the last stage (1.0-3.0 s) was 3.001 ms, budget < 500 ms (n=5)"),
                        tuple("count == 0 [POST /login, last stage]", true,
                                "count of POST /login in the last stage (1.0-3.0 s) was 0, budget == 0"),
                        tuple("count >= 1 [POST /login, stage 1]", true,
                                "count of POST /login in stage 1 (0.0-1.0 s) was 1, budget >= 1"));
        assertThat(verdicts.get(1).actual()).isEmpty();
        assertThat(verdicts.get(3).actual()).isEqualTo("3.001 ms");
        assertThat(verdicts.get(3).window()).isEqualTo("last stage");
    }

    @Test
    void aNameRecordedWithSeveralMethodsMustSayWhichOne() {
        List<ThresholdResult> verdicts = verdicts(AmbiguousNameTestCase.class, result());

        assertThat(verdicts).singleElement().satisfies(verdict -> {
            assertThat(verdict.passed()).isFalse();
            assertThat(verdict.message()).isEqualTo("failures of /x: '/x' was recorded with several methods "
                    + "(GET /x, POST /x); write the method too, so the budget == 0 cannot be judged");
        });
    }

    @Test
    void withoutAnyRequestsOnlyCountsAndRatesCanBeJudged() {
        LoadTestResult empty = new ResultBuilder(profile(), Instant.EPOCH, Duration.ofSeconds(3)).build();

        assertThat(verdicts(NothingRecordedTestCase.class, empty)).extracting(ThresholdResult::passed,
                ThresholdResult::message).containsExactly(
                        tuple(false, "p95 of all requests: no requests were recorded, so the budget < 500 ms cannot "
                                + "be judged"),
                        tuple(false, "failures of all requests: no requests were recorded, so the budget == 0 cannot "
                                + "be judged"),
                        tuple(true, "count of all requests was 0, budget == 0"),
                        tuple(true, "rps of all requests was 0/s, budget < 10/s (n=0 in 3.0 s)"),
                        tuple(false, "p95 of each request: no requests were recorded, so the budget < 500 ms cannot "
                                + "be judged"));
    }

    @Test
    void theThresholdThatStoppedTheRunSaysSo() {
        LoadTestResult stopped = builder().stop(StopReason.byThreshold("max < 10ms [GET /]", "@Threshold 'max < 10ms "
                + "[GET /]' can no longer pass, at 2.0 s into the run: max of GET / was 20.02 ms, budget < 10 ms (n=20)"))
                .build();

        assertThat(verdicts(StoppedTestCase.class, stopped)).extracting(ThresholdResult::message).containsExactly(
                "max of GET / was 20.02 ms, budget < 10 ms (n=20); it stopped the run early",
                "max of POST /x was 3.001 ms, budget < 10 ms (n=5)");
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }

    private static List<ThresholdResult> verdicts(Class<?> testCase, LoadTestResult result) {
        LoadProfile profile = new ProfileReader(testCase, ConfigurationParameters.NONE, name -> null).read();
        return ThresholdPlan.read(testCase, ConfigurationParameters.NONE, profile).evaluate(result);
    }

    private static LoadTestResult result() {
        return builder().build();
    }

    private static ResultBuilder builder() {
        Histogram login = millis(900);
        Histogram rampX = millis(40, 40);
        Histogram home = millis(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20);
        Histogram postX = millis(3, 3, 3, 3, 3);
        return new ResultBuilder(profile(), Instant.EPOCH, Duration.ofSeconds(3))
                .request("POST", "/login", login, login, 0, 0)
                .request("GET", "/x", rampX, rampX, 0, 0)
                .request("GET", "/", home, home, 0, 0)
                .request("POST", "/x", postX, postX, 0, 0)
                .intervalRequest("POST", "/login", Histograms.compress(login), null, login.getTotalCount(), 0, 0)
                .intervalRequest("GET", "/x", Histograms.compress(rampX), null, rampX.getTotalCount(), 0, 0)
                .interval(Duration.ZERO, Duration.ofMillis(1001), 2)
                .intervalRequest("GET", "/", Histograms.compress(home), null, home.getTotalCount(), 0, 0)
                .intervalRequest("POST", "/x", Histograms.compress(postX), null, postX.getTotalCount(), 0, 0)
                .interval(Duration.ofMillis(1001), Duration.ofSeconds(3), 2);
    }

    private static RunProfile profile() {
        return new RunProfile("Judged", "stages", List.of(), Duration.ofSeconds(3), Duration.ofSeconds(30), "",
                "test", 1, List.of(
                        new RunProfile.StageInfo(1, Duration.ZERO, Duration.ofSeconds(1), 2, 2),
                        new RunProfile.StageInfo(2, Duration.ofSeconds(1), Duration.ofSeconds(3), 2,
                                Double.POSITIVE_INFINITY)));
    }

    private static Histogram millis(long... values) {
        Histogram histogram = Histograms.newHistogram();
        for (long value : values) {
            histogram.recordValue(value * 1000);
        }
        return histogram;
    }

    /** The stages of {@link #profile()}; nothing is run. */
    @RampStage(duration = "1s", users = 2, spawnRate = 2)
    @RampStage(duration = "2s", users = 2)
    @LoadTest(host = "http://127.0.0.1:9")
    abstract static class Fixture {

        @Task
        void home(Http http) {
            http.get("/");
        }
    }

    @Threshold(value = "p95 < 500ms", request = Threshold.EACH_REQUEST, lastStage = true)
    @Threshold(value = "count == 0", request = "POST /login", lastStage = true)
    @Threshold(value = "count >= 1", request = "POST /login", stage = 1)
    static class EachInLastStageTestCase extends Fixture {
    }

    @Threshold(value = "failures == 0", request = "/x")
    static class AmbiguousNameTestCase extends Fixture {
    }

    @Threshold("p95 < 500ms")
    @Threshold("failures == 0")
    @Threshold("count == 0")
    @Threshold("rps < 10")
    @Threshold(value = "p95 < 500ms", request = Threshold.EACH_REQUEST)
    static class NothingRecordedTestCase extends Fixture {
    }

    @Threshold(value = "max < 10ms", request = "GET /", abortOnFail = true)
    @Threshold(value = "max < 10ms", request = "POST /x")
    static class StoppedTestCase extends Fixture {
    }
}

package dev.junitloadtest.threshold;

import static dev.junitloadtest.EngineRuns.runLoad;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.Event;

import dev.junitloadtest.FixtureRun;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestVerdicts;
import dev.junitloadtest.RampStage;
import dev.junitloadtest.Task;
import dev.junitloadtest.Threshold;
import dev.junitloadtest.Users;
import dev.junitloadtest.WaitTime;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.internal.config.ConfigurationParameters;
import dev.junitloadtest.internal.config.LoadProfile;
import dev.junitloadtest.internal.config.ProfileReader;
import dev.junitloadtest.internal.recording.Histograms;
import dev.junitloadtest.internal.recording.IntervalSnapshot;
import dev.junitloadtest.internal.recording.RequestKey;
import dev.junitloadtest.internal.recording.RequestSample;
import dev.junitloadtest.internal.recording.RunClock;
import dev.junitloadtest.internal.recording.RunControl;
import dev.junitloadtest.internal.recording.RunListener;
import dev.junitloadtest.internal.threshold.ThresholdPlan;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.StopReason;
import dev.junitloadtest.sampletarget.SampleTarget;
import dev.junitloadtest.samples.SampleTargetExtension;

/**
 * {@code abortOnFail}: a threshold that can no longer pass, or stays breached for its grace period, stops the run,
 * and the result, the run node and the threshold's verdict say so.
 */
class AbortOnFailTests {

    @Test
    void aFailureStopsARunPlannedForThirtySecondsWithinSeconds() {
        FixtureRun run = runLoad(BuggyAbortTestCase.class);
        List<Event> tests = run.testEvents().finished().list();
        LoadTestResult result = run.result();

        assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(5));
        String reason = result.stopReason().orElseThrow();
        assertThat(reason).matches("@Threshold 'failures == 0 \\[GET /buggy]' can no longer pass, at \\d\\.\\d s into "
                + "the run: failures of GET /buggy was [1-9][\\d,]*, budget == 0 \\(n=[1-9][\\d,]*\\)");
        assertThat(result.stop()).map(StopReason::threshold).hasValue(java.util.Optional.of(
                "failures == 0 [GET /buggy]"));
        assertThat(message(tests, "requests in")).isEqualTo("The run ended early: " + reason);
        assertThat(message(tests, "failures == 0 [GET /buggy]")).matches(
                "failures of GET /buggy was [1-9][\\d,]*, budget == 0 \\(n=[\\d,]+\\); it stopped the run early");
        assertThat(message(tests, "p99 < 5s")).isEqualTo("passed");
    }

    @Test
    void aBreachThatMightMendStopsTheRunOnlyAfterItsGracePeriod() {
        LoadTestResult result = runLoad(VolatileAbortTestCase.class).result();

        String reason = result.stopReason().orElseThrow();
        Matcher matcher = Pattern.compile("@Threshold 'p95 < 500ms \\[GET /volatile]' stayed breached for (\\d\\.\\d) "
                + "s \\(abortGrace 1s\\), at (\\d\\.\\d) s into the run: p95 of GET /volatile was 1,0\\d\\d(\\.\\d)? "
                + "ms, budget < 500 ms \\(n=\\d+\\)").matcher(reason);
        assertThat(matcher.matches()).as(reason).isTrue();
        assertThat(Double.parseDouble(matcher.group(1))).isGreaterThanOrEqualTo(1.0);
        // /volatile answers ten requests at once, then takes a second each: the first breach is seen at 2 s at the
        // earliest, so a 1 s grace ends the run at 3 s at the earliest, far before its planned 30 s.
        assertThat(Double.parseDouble(matcher.group(2))).isBetween(2.9, 6.0);
        assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(8));
    }

    private static String message(List<Event> tests, String namePart) {
        return tests.stream().filter(e -> e.getTestDescriptor().getDisplayName().contains(namePart))
                .map(e -> e.getRequiredPayload(TestExecutionResult.class))
                .map(r -> r.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? "passed"
                        : r.getThrowable().orElseThrow().getMessage())
                .findFirst().orElse(null);
    }

    @LoadTest(duration = "30s", stopTimeout = "0s")
    @Users(count = 2)
    @WaitTime(min = "10ms")
    @Threshold(value = "failures == 0", request = "GET /buggy", abortOnFail = true)
    @Threshold("p99 < 5s")
    static class BuggyAbortTestCase implements LoadTestVerdicts {

        @RegisterExtension
        static final SampleTargetExtension target = new SampleTargetExtension();

        @Task
        void buggy(Http http) {
            http.get("/buggy");
        }
    }

    @LoadTest(duration = "30s", stopTimeout = "0s")
    @Users(count = 1)
    @Threshold(value = "p95 < 500ms", request = "GET /volatile", abortOnFail = true, abortGrace = "1s")
    static class VolatileAbortTestCase {

        @RegisterExtension
        static final SampleTargetExtension target = new SampleTargetExtension();

        @Task
        void volatileEndpoint(Http http) {
            http.get("/volatile");
        }
    }

    /** The watch itself, fed one-second intervals by hand: when a breach is final, and when it may still mend. */
    @Nested
    class Watch {

        @Test
        void aCapOnARisingFigureStopsAtTheFirstIntervalThatPassesIt() {
            Run run = new Run(MaxCapTestCase.class);
            run.interval("GET /", 50, 80, 90);
            assertThat(run.reasons).isEmpty();
            run.interval("GET /", 120);

            assertThat(run.reasons).containsExactly("@Threshold 'max < 100ms' can no longer pass, at 2.0 s into the "
                    + "run: max of all requests was 120.1 ms, budget < 100 ms (n=4)");
        }

        @Test
        void aCountCapStopsOnceExceededButAFloorWaitsForTheEnd() {
            Run run = new Run(CountTestCase.class);
            run.interval("GET /", 1, 1, 1, 1, 1);
            assertThat(run.reasons).isEmpty();
            run.interval("GET /", 1);

            assertThat(run.reasons).containsExactly("@Threshold 'count <= 5' can no longer pass, at 2.0 s into the "
                    + "run: count of all requests was 6, budget <= 5");
        }

        @Test
        void aFloorOnAFallingFigureStopsOnceUndercut() {
            Run run = new Run(MinFloorTestCase.class);
            run.interval("GET /", 20, 30);
            run.interval("GET /", 5);

            assertThat(run.reasons).containsExactly("@Threshold 'min > 10ms' can no longer pass, at 2.0 s into the "
                    + "run: min of all requests was 5 ms, budget > 10 ms (n=3)");
        }

        @Test
        void aPercentileStopsOnlyAfterStayingBreachedForItsGrace() {
            Run run = new Run(PercentileGraceTestCase.class);
            run.interval("GET /", 300);
            run.interval("GET /", 300);
            assertThat(run.reasons).as("breached for 1 s of a 2 s grace").isEmpty();
            run.interval("GET /", 300);

            assertThat(run.reasons).containsExactly("@Threshold 'p95 < 100ms' stayed breached for 2.0 s (abortGrace "
                    + "2s), at 3.0 s into the run: p95 of all requests was 300 ms, budget < 100 ms (n=3)");
        }

        @Test
        void aBreachThatMendsStartsTheGraceOver() {
            Run run = new Run(PercentileGraceTestCase.class);
            run.interval("GET /", 300);
            run.interval("GET /", 300);
            run.interval("GET /", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
            run.interval("GET /", 300, 300, 300);
            run.interval("GET /", 300, 300);
            assertThat(run.reasons).as("mended at 3 s, breached again from 4 s").isEmpty();
            run.interval("GET /", 300, 300, 300);

            assertThat(run.reasons).singleElement().asString().startsWith("@Threshold 'p95 < 100ms' stayed breached "
                    + "for 2.0 s (abortGrace 2s), at 6.0 s into the run");
        }

        @Test
        void aThresholdOnOneRequestIgnoresTheOthers() {
            Run run = new Run(OneRequestTestCase.class);
            run.failing("GET /", 10);
            assertThat(run.reasons).isEmpty();
            run.failing("GET /buggy", 10);

            assertThat(run.reasons).containsExactly("@Threshold 'failures == 0 [GET /buggy]' can no longer pass, at "
                    + "2.0 s into the run: failures of GET /buggy was 1, budget == 0 (n=1)");
        }

        @Test
        void aWindowedThresholdJudgesItsWindowOnly() {
            Run run = new Run(LastStageTestCase.class);
            run.interval("GET /", 900, 900);
            run.interval("GET /", 900, 900);
            assertThat(run.reasons).as("the ramp-up's slow max is not the last stage's").isEmpty();
            run.interval("GET /", 40, 50);
            assertThat(run.reasons).isEmpty();
            run.interval("GET /", 600);

            assertThat(run.reasons).containsExactly("@Threshold 'max < 500ms [last stage]' can no longer pass, at "
                    + "4.0 s into the run: max of all requests in the last stage was 600.1 ms, budget < 500 ms (n=3)");
        }

        @Test
        void aFloorThatCanStillBeReachedNeverStopsTheRun() {
            Run run = new Run(CountTestCase.class);
            for (int i = 0; i < 40; i++) {
                run.interval("GET /buggy");
            }

            assertThat(run.reasons).as("count >= 1000 is judged at the end only").isEmpty();
        }
    }

    /** A run fed by hand: intervals of one second, cumulative figures kept as the sampler keeps them. */
    private static final class Run {

        final List<String> reasons = new ArrayList<>();
        private final RunListener watch;
        private final Map<RequestKey, Histogram> cumulative = new LinkedHashMap<>();
        private final Map<RequestKey, Long> failures = new LinkedHashMap<>();
        private final Histogram all = Histograms.newHistogram();
        private long allFailures;
        private long second;

        Run(Class<?> testCase) {
            LoadProfile profile = new ProfileReader(testCase, ConfigurationParameters.NONE, name -> null).read();
            List<RunListener> listeners = ThresholdPlan.read(testCase, ConfigurationParameters.NONE, profile)
                    .listeners();
            assertThat(listeners).hasSize(1);
            this.watch = listeners.getFirst();
            watch.runStarted(RunClock.startingNow(), new RunControl() {
                @Override
                public void stop(StopReason reason) {
                    reasons.add(reason.description());
                }

                @Override
                public void endLoad() {
                    throw new AssertionError("an abort watch stops a run, it never ends its load as planned");
                }
            });
            cumulative.put(new RequestKey("GET", "/"), Histograms.newHistogram());
            cumulative.put(new RequestKey("GET", "/buggy"), Histograms.newHistogram());
            cumulative.keySet().forEach(key -> failures.put(key, 0L));
        }

        /**
         * One second in which {@code request} answered in {@code millis}, all successful. The histograms keep three
         * significant digits: 120 ms reads back as 120.1 ms, the highest value of its bucket.
         */
        void interval(String request, long... millis) {
            record(request, 0, millis);
        }

        /** One second in which {@code request} answered once, failed, in {@code millis}. */
        void failing(String request, long millis) {
            record(request, 1, millis);
        }

        private void record(String request, long failed, long... millis) {
            List<RequestSample> samples = new ArrayList<>();
            Histogram allInterval = Histograms.newHistogram();
            for (Map.Entry<RequestKey, Histogram> entry : cumulative.entrySet()) {
                Histogram interval = Histograms.newHistogram();
                long newFailures = 0;
                if (entry.getKey().toString().equals(request)) {
                    for (long value : millis) {
                        interval.recordValue(value * 1000);
                    }
                    newFailures = failed;
                }
                entry.getValue().add(interval);
                allInterval.add(interval);
                long total = failures.merge(entry.getKey(), newFailures, Long::sum);
                allFailures += newFailures;
                samples.add(new RequestSample(entry.getKey(), interval, newFailures, 0, entry.getValue(),
                        entry.getValue(), total, 0));
            }
            all.add(allInterval);
            RequestSample aggregated = new RequestSample(new RequestKey("", "Aggregated"), allInterval,
                    failed, 0, all, all, allFailures, 0);
            long start = second * 1_000_000_000L;
            second++;
            // The sampler closes each interval a little after its nominal end.
            watch.intervalEnded(new IntervalSnapshot(start == 0 ? 0 : start + 1_000_000, second * 1_000_000_000L
                    + 1_000_000, 1, samples, aggregated, 0, 0));
        }
    }

    @LoadTest(duration = "10s", host = "http://127.0.0.1:9")
    abstract static class Fixture {

        @Task
        void home(Http http) {
            http.get("/");
        }
    }

    @Threshold(value = "max < 100ms", abortOnFail = true)
    static class MaxCapTestCase extends Fixture {
    }

    @Threshold(value = "count <= 5", abortOnFail = true)
    @Threshold(value = "count >= 1000", abortOnFail = true, abortGrace = "0s")
    static class CountTestCase extends Fixture {
    }

    @Threshold(value = "min > 10ms", abortOnFail = true)
    static class MinFloorTestCase extends Fixture {
    }

    @Threshold(value = "p95 < 100ms", abortOnFail = true, abortGrace = "2s")
    static class PercentileGraceTestCase extends Fixture {
    }

    @Threshold(value = "failures == 0", request = "GET /buggy", abortOnFail = true)
    static class OneRequestTestCase extends Fixture {
    }

    @RampStage(duration = "2s", users = 10, spawnRate = 5)
    @RampStage(duration = "8s", users = 10)
    @Threshold(value = "max < 500ms", lastStage = true, abortOnFail = true)
    @LoadTest(host = "http://127.0.0.1:9")
    static class LastStageTestCase extends Fixture {
    }
}

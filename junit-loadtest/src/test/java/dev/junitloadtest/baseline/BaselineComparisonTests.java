package dev.junitloadtest.baseline;

import static dev.junitloadtest.EngineRuns.runLoad;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EventConditions;
import org.junit.platform.testkit.engine.TestExecutionResultConditions;

import dev.junitloadtest.FixtureRun;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestVerdicts;
import dev.junitloadtest.Task;
import dev.junitloadtest.Users;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.json.Json;
import dev.junitloadtest.json.JsonValue;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.ThresholdResult;

/**
 * A run compared with its baseline through the real engine, against a target whose service time is fixed by
 * construction: the same build against the same target is never flagged, in every repeat; the same target 30% slower
 * is, on every percentile.
 */
class BaselineComparisonTests {

    /**
     * The target's service time: long enough that a loaded machine's jitter (tens of ms in the tail) is small beside
     * it, so the 30% slowdown stays well above the 20% tolerance at p99 too, and run-to-run noise well below it.
     */
    private static final Duration SERVICE_TIME = Duration.ofMillis(500);

    @TempDir
    static Path directory;

    private static FixedDelayServer target;
    private static FixedDelayServer slowerTarget;
    private static Path baseline;
    private static Path noVerdictsBaseline;

    @BeforeAll
    static void saveBaselines() throws IOException {
        target = new FixedDelayServer(SERVICE_TIME);
        slowerTarget = new FixedDelayServer(SERVICE_TIME.multipliedBy(13).dividedBy(10));
        // The JVM's first runs are slower (JIT, class loading, the first connections): a baseline saved by a cold JVM
        // would flatter every later run of this one. In CI each run is a fresh JVM, cold alike.
        runLoad(Map.of("loadtest.host", target.url(), "loadtest.duration", "4s"), FixedDelayTestCase.class);
        FixtureRun saved = runLoad(Map.of("loadtest.host", target.url(),
                "loadtest.baseline.save", directory.resolve("baselines").toString()),
                FixedDelayTestCase.class, NoVerdictsTestCase.class);
        assertThat(saved.allEvents().failed().count()).as("the baseline runs").isZero();
        baseline = directory.resolve("baselines/FixedDelayTestCase.json");
        noVerdictsBaseline = directory.resolve("baselines/NoVerdictsTestCase.json");
        JsonValue json = Json.parse(Files.readString(baseline));
        assertThat(json.get("schema").asText()).isEqualTo("junit-loadtest/summary/v1");
        assertThat(json.get("testClass").asText()).isEqualTo(FixedDelayTestCase.class.getName());
        assertThat(json.at("/requests/0/histogram").asText()).isNotEmpty();
    }

    @AfterAll
    static void stopTargets() {
        target.close();
        slowerTarget.close();
    }

    @RepeatedTest(3)
    void aRunOfTheSameBuildAgainstTheSameTargetIsNotFlagged() {
        FixtureRun run = runLoad(FixedDelayTestCase.class, Map.of("loadtest.host", target.url(),
                "loadtest.baseline", baseline.toString()));

        List<ThresholdResult> verdicts = run.result().thresholds();
        verdicts.forEach(verdict -> System.out.println("same target: " + verdict.message()));
        assertThat(verdicts).extracting(ThresholdResult::displayName).containsExactly(
                "p50 vs baseline [GET /]", "p95 vs baseline [GET /]", "p99 vs baseline [GET /]",
                "rps vs baseline [GET /]", "failure_rate vs baseline [GET /]");
        assertThat(verdicts).allSatisfy(verdict -> assertThat(verdict.passed()).as(verdict.message()).isTrue());
        assertThat(verdicts.get(1).message()).matches(
                "p95 of GET / changed [+-][0-9.]+% against the baseline, [0-9.]+ -> [0-9.]+ ms, tolerance 20%.*");
        run.testEvents().assertStatistics(stats -> stats.failed(0));
    }

    @Test
    void aThirtyPercentSlowerTargetIsFlaggedOnEveryPercentile() {
        FixtureRun run = runLoad(FixedDelayTestCase.class, Map.of("loadtest.host", slowerTarget.url(),
                "loadtest.baseline", baseline.toString()));

        List<ThresholdResult> verdicts = run.result().thresholds();
        verdicts.forEach(verdict -> System.out.println("30% slower target: " + verdict.message()));
        for (String percentile : List.of("p50", "p95", "p99")) {
            ThresholdResult verdict = verdict(verdicts, percentile + " vs baseline");
            assertThat(verdict.passed()).as(verdict.message()).isFalse();
            assertThat(verdict.message()).matches(percentile + " of GET / regressed (2[5-9]|3[0-9])% against the "
                    + "baseline, [0-9.]+ -> [0-9.]+ ms, tolerance 20%");
        }
        assertThat(verdict(verdicts, "failure_rate vs baseline").passed()).isTrue();
        // Each failed comparison is a failed test under the verdicts node, with its figures.
        run.testEvents().assertThatEvents().haveAtLeast(3, EventConditions.event(EventConditions.finishedWithFailure(
                TestExecutionResultConditions.message(message -> message.contains("regressed")))));
    }

    @Test
    void aRequestOnOneSideOnlyIsReportedAndWithoutLoadTestVerdictsTheFailuresFailTheRun() throws IOException {
        // The baseline as it was before GET / was renamed: GET /old is in it, GET / is not.
        Path renamed = directory.resolve("renamed.json");
        Files.writeString(renamed, Files.readString(noVerdictsBaseline).replace("\"name\": \"/\"",
                "\"name\": \"/old\""));
        FixtureRun run = runLoad(NoVerdictsTestCase.class, Map.of("loadtest.host", target.url(),
                "loadtest.baseline", renamed.toString()));

        List<ThresholdResult> verdicts = run.result().thresholds();
        long count = run.result().request("GET /").orElseThrow().count();
        assertThat(verdicts).extracting(ThresholdResult::displayName, ThresholdResult::passed).containsExactly(
                org.assertj.core.groups.Tuple.tuple("request vs baseline [GET /old]", false),
                org.assertj.core.groups.Tuple.tuple("request vs baseline [GET /]", true));
        assertThat(verdicts.get(0).message()).matches("GET /old was in the baseline \\([0-9,]+ requests\\) but this "
                + "run recorded none, so it cannot be compared; save a new baseline if it was removed on purpose");
        assertThat(verdicts.get(1).message()).isEqualTo("GET / is not in the baseline, so it was not compared (this "
                + "run: " + String.format(java.util.Locale.ROOT, "%,d", count) + " requests); save a new baseline to "
                + "compare it from now on");
        run.containerEvents().assertThatEvents().haveExactly(1, EventConditions.event(
                EventConditions.finishedWithFailure(TestExecutionResultConditions.message(message -> message.contains(
                        "request vs baseline [GET /old]: GET /old was in the baseline")))));
    }

    @Test
    void aBaselineOfAnotherLoadProfileIsComparedWithAWarningOnEveryOutput() throws IOException {
        Path reports = directory.resolve("other-profile");
        FixtureRun run = runLoad(NoVerdictsTestCase.class, Map.of("loadtest.host", target.url(),
                "loadtest.baseline", noVerdictsBaseline.toString(), "loadtest.users", "20",
                "loadtest.report-dir", reports.toString(), "loadtest.report-files", "true"));

        String warning = "The baseline " + noVerdictsBaseline + " ran another load profile: load model '10 users "
                + "started at once for 1s' in the baseline, '20 users started at once for 1s' here. Its figures "
                + "compare two loads as much as two builds; save a new baseline for this profile "
                + "(loadtest.baseline.save), or run the baseline's.";
        assertThat(run.result().warnings()).contains(warning);
        // Still compared: the warning says what the verdicts are worth, it does not replace them.
        assertThat(run.result().thresholds()).extracting(ThresholdResult::displayName)
                .contains("p95 vs baseline [GET /]");
        assertThat(Files.readString(reports.resolve("NoVerdictsTestCase/summary.md"))).contains(" ran another load "
                + "profile: load model '10 users started at once for 1s' in the baseline, '20 users started at once "
                + "for 1s' here. Its figures compare two loads as much as two builds; save a new baseline");
        // The same target on another loopback port is the same host: the runs above against the slower target (a
        // port of its own) have no such warning.
        FixtureRun samePort = runLoad(NoVerdictsTestCase.class, Map.of("loadtest.host", slowerTarget.url(),
                "loadtest.baseline", noVerdictsBaseline.toString()));
        assertThat(samePort.result().warnings()).noneMatch(w -> w.startsWith("The baseline "));
    }

    private static ThresholdResult verdict(List<ThresholdResult> verdicts, String expression) {
        return verdicts.stream().filter(v -> v.expression().equals(expression)).findFirst().orElseThrow();
    }

    @LoadTest(duration = "2s")
    @Users(count = 100)
    static class FixedDelayTestCase implements LoadTestVerdicts {

        @Task
        void get(Http http) {
            http.get("/");
        }
    }

    @LoadTest(duration = "1s")
    @Users(count = 10)
    static class NoVerdictsTestCase {

        @Task
        void get(Http http) {
            http.get("/");
        }
    }
}

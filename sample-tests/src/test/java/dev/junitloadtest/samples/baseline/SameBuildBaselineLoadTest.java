package dev.junitloadtest.samples.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.junitloadtest.ArrivalRate;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestVerdicts;
import dev.junitloadtest.Task;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.json.Json;
import dev.junitloadtest.json.JsonValue;
import dev.junitloadtest.samples.LauncherRuns;
import dev.junitloadtest.samples.SampleTargetExtension;

/**
 * Is this build slower than the last? The workflow of a baseline, on the Locust-on-Heroku article's API: a run saves
 * its {@code summary.json} as the baseline ({@code loadtest.baseline.save}, here into a temporary directory; a team
 * commits it, or keeps it as a CI artefact), and each later run of the class is compared with it
 * ({@code loadtest.baseline}), per request p50, p95, p99, throughput and failure rate, each a verdict.
 *
 * <p>Here the later run is the same build against the same target, so nothing may be flagged: the test is the
 * tolerance rule's promise that noise is not a regression. Two choices make that hold on a busy machine. The load is
 * an arrival rate, so the throughput is what was asked for, not what the machine had to spare. And the floor is
 * 250 ms, not the default 5 ms: the target answers {@code GET /} in well under a millisecond, and on a machine
 * shared with other builds a stall of the scheduler adds a hundred milliseconds or more to a few requests, which moves
 * a p99 of few requests by far more than 20%. Pick a floor from the spread of a few runs of the same build on the
 * machine that runs the comparison, as this one was. Each run starts its own target on a port of its own: on
 * loopback, the port is no difference in the host, so no warning says the profiles differ.
 */
class SameBuildBaselineLoadTest {

    @Test
    void theSameBuildAgainstItsOwnBaselineIsNotFlagged(@TempDir Path directory) throws IOException {
        Path baselines = directory.resolve("baselines");
        assertThat(LauncherRuns.failures(Map.of("loadtest.baseline.save", baselines.toString()), ApiRelease.class))
                .as("the run that saves the baseline").isEmpty();
        Path baseline = baselines.resolve("ApiRelease.json");
        assertThat(Json.parse(Files.readString(baseline)).get("schema").asText())
                .isEqualTo("junit-loadtest/summary/v1");

        Path reports = directory.resolve("reports");
        List<String> failures = LauncherRuns.failures(Map.of("loadtest.baseline", baseline.toString(),
                "loadtest.baseline.floor", "250ms", "loadtest.report-dir", reports.toString(),
                "loadtest.report-files", "true"), ApiRelease.class);

        JsonValue summary = Json.parse(Files.readString(reports.resolve("ApiRelease/summary.json")));
        List<String> verdicts = summary.get("thresholds").elements().stream()
                .map(verdict -> verdict.get("passed").asBoolean() + " " + verdict.get("message").asText()).toList();
        assertThat(failures).as("verdicts: %s", verdicts).isEmpty();
        // Compared, not skipped: five verdicts on GET /, each with both figures.
        assertThat(verdicts).hasSize(5).allSatisfy(verdict -> assertThat(verdict).startsWith("true ")
                .contains(" against the baseline, "));
        assertThat(summary.get("warnings").elements()).extracting(JsonValue::asText)
                .noneMatch(warning -> warning.contains("ran another load profile"));
    }

    /** The release under test: the article's API user's home request, 40 a second for 4 s. */
    @LoadTest(duration = "4s")
    @ArrivalRate(value = 40, maxUsers = 20)
    static class ApiRelease implements LoadTestVerdicts {

        @RegisterExtension
        static SampleTargetExtension target = new SampleTargetExtension();

        @Task
        void home(Http http) {
            http.get("/");
        }
    }
}

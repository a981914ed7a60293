package dev.junitloadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.Task;
import dev.junitloadtest.internal.config.LoadProfile;
import dev.junitloadtest.internal.config.ProfileReader;
import dev.junitloadtest.internal.recording.Histograms;
import dev.junitloadtest.internal.report.Reporting;
import dev.junitloadtest.json.Json;
import dev.junitloadtest.json.JsonValue;
import dev.junitloadtest.result.FailureStats;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.ResultBuilder;
import dev.junitloadtest.result.RunProfile;
import dev.junitloadtest.result.ThresholdResult;
import dev.junitloadtest.result.StopReason;

/**
 * The end-of-run outputs of a result built by hand with everything a run can end with: threshold verdicts, warnings,
 * dropped iterations and a stop reason (the engine tests cover the figures of real runs).
 */
class FinishedRunReportsTests {

    @TempDir
    Path reports;

    @Test
    void consoleSummaryEndsWithWarningsDroppedIterationsAndTheVerdictOnEachThreshold() {
        Finished finished = finish(result(), Map.of("loadtest.report-files", "false"));
        assertThat(finished.out()).startsWith("[VerdictsTestCase] 1,000 requests, 50 failures (5.00%) in 10.00 s "
                + "(ramp to 100 users); stopped early: p99 < 5ms can no longer pass" + System.lineSeparator());
        assertThat(finished.out()).contains(String.join(System.lineSeparator(),
                "",
                "Dropped iterations: 12 could not start because every user was busy",
                "",
                "Warnings",
                "- 12 iteration(s) could not start because all 10 users were busy.",
                "",
                "Thresholds",
                "PASS  failure_rate < 10%: failure rate 5.00% (50 of 1,000) < 10%",
                "FAIL  p99 < 5ms [GET /slow]: p99 of GET /slow was 20 ms, budget < 5 ms (n=1,000)",
                ""));
    }

    @Test
    void summaryJsonAndEntriesCarryTheVerdictsWarningsAndStopReason() throws IOException {
        Finished finished = finish(result(), Map.of("loadtest.report-dir", reports.toString(),
                "loadtest.console.summary", "false"));
        assertThat(finished.out()).isEmpty();
        JsonValue json = Json.parse(Files.readString(reports.resolve("VerdictsTestCase/summary.json")));
        assertThat(json.get("stopReason").asText()).isEqualTo("p99 < 5ms can no longer pass");
        assertThat(json.get("droppedIterations").asLong()).isEqualTo(12);
        assertThat(json.get("warnings").get(0).asText())
                .isEqualTo("12 iteration(s) could not start because all 10 users were busy.");
        JsonValue failed = json.get("thresholds").get(1);
        assertThat(failed.get("expression").asText()).isEqualTo("p99 < 5ms");
        assertThat(failed.get("request").asText()).isEqualTo("GET /slow");
        assertThat(failed.get("passed").asBoolean()).isFalse();
        assertThat(failed.get("message").asText()).isEqualTo("p99 of GET /slow was 20 ms, budget < 5 ms (n=1,000)");
        assertThat(json.at("/requests/0/failureRate").asDouble()).isEqualTo(0.05);
        // HdrHistogram's value for 20,000 µs: the top of its bucket at three significant digits.
        assertThat(json.at("/requests/0/responseTimeMs/p99").asDouble()).isEqualTo(20.015);

        assertThat(finished.attachments().entries())
                .containsEntry("loadtest.thresholds", "1 passed, 1 failed")
                .containsEntry("loadtest.stop-reason", "p99 < 5ms can no longer pass")
                .containsEntry("loadtest.dropped-iterations", "12")
                .containsEntry("loadtest.failure-rate", "5.00%")
                .containsEntry("loadtest.warnings", "12 iteration(s) could not start because all 10 users were busy.");
        assertThat(finished.attachments().files()).containsExactly(reports.resolve("VerdictsTestCase/report.html"),
                reports.resolve("VerdictsTestCase/summary.json"), reports.resolve("VerdictsTestCase/stats.csv"));
        // The run never started, so the streamed history has its header only; the other files are complete.
        assertThat(CsvFile.read(reports.resolve("VerdictsTestCase/stats_history.csv")).rows()).isEmpty();
        assertThat(CsvFile.read(reports.resolve("VerdictsTestCase/stats.csv")).row("GET", "/slow")
                .get("99%")).isEqualTo("20.015");
    }

    @Test
    void aFileThatCannotBeWrittenIsReportedWithoutFailingTheRun() throws IOException {
        Path blocked = reports.resolve("VerdictsTestCase");
        Files.createDirectories(blocked.resolve("summary.json"));
        Finished finished = finish(result(), Map.of("loadtest.report-dir", reports.toString(),
                "loadtest.console.summary", "false"));
        assertThat(finished.err()).startsWith("[VerdictsTestCase] Could not write "
                + blocked.resolve("summary.json").toAbsolutePath() + ": ");
        assertThat(finished.attachments().entries().get("loadtest.report-problems"))
                .startsWith("Could not write " + blocked.resolve("summary.json").toAbsolutePath());
        assertThat(finished.attachments().files()).containsExactly(blocked.resolve("report.html"),
                blocked.resolve("stats.csv"));
        assertThat(blocked.resolve("stats.csv")).isRegularFile();
    }

    @Test
    void markdownSummaryHasTheVerdictsRequestsGeneratorWarningsStopReasonAndFiles() throws IOException {
        finish(result(), Map.of("loadtest.report-dir", reports.toString(), "loadtest.console.summary", "false"));
        Path dir = reports.resolve("VerdictsTestCase");
        assertThat(Files.readString(dir.resolve("summary.md"))).isEqualTo(String.join("\n",
                "## VerdictsTestCase: ❌ FAILED",
                "",
                "1 of 2 thresholds failed. 1,000 requests, 50 (5.00%) failed, in 10.00 s (ramp to 100 users against "
                        + "http://127.0.0.1:1).",
                "",
                "Dropped iterations: 12 could not start because every user was busy.",
                "",
                "**Stopped early:** p99 < 5ms can no longer pass",
                "",
                "| Verdict | Threshold | Figures |",
                "|---|---|---|",
                "| ✅ passed | `failure_rate < 10%` | failure rate 5.00% (50 of 1,000) < 10% |",
                "| ❌ failed | `p99 < 5ms [GET /slow]` | p99 of GET /slow was 20 ms, budget < 5 ms (n=1,000) |",
                "",
                "| Type | Name | Requests | Failures | Failure % | p50 ms | p95 ms | p99 ms | req/s |",
                "|---|---|--:|--:|--:|--:|--:|--:|--:|",
                "| GET | /slow | 1,000 | 50 | 5.00% | 10.0 | 20.0 | 20.0 | 100.00 |",
                "|  | **Aggregated** | 1,000 | 50 | 5.00% | 10.0 | 20.0 | 20.0 | 100.00 |",
                "",
                "**Load generator:** not measured",
                "",
                "**Warnings**",
                "",
                "- 12 iteration(s) could not start because all 10 users were busy.",
                "",
                "**Files** in `" + dir.toAbsolutePath() + "`: `report.html`, `summary.json`, `stats.csv`, "
                        + "`stats_history.csv`, `failures.csv`, `exceptions.csv`, `summary.md`.",
                "",
                ""));
    }

    @Test
    void aRunThatFailedOnTheGeneratorsSideSaysSoInEveryOutputWhateverItsThresholds() throws IOException {
        RunProfile profile = new RunProfile("VerdictsTestCase", "3 users", List.of(), Duration.ofSeconds(1),
                Duration.ofSeconds(30), "", "test", 1, List.of());
        String failure = "3 user(s) of VerdictsTestCase ended by java.lang.StackOverflowError thrown from "
                + "VerdictsTestCase.nothing() (see the exceptions)";
        LoadTestResult result = new ResultBuilder(profile, Instant.parse("2026-01-01T00:00:00Z"),
                Duration.ofSeconds(1)).runFailure(failure)
                .notSent(Map.of("the run stopped while it waited for the rate cap", 7L)).build();

        Finished finished = finish(result, Map.of("loadtest.report-dir", reports.toString()));

        Path dir = reports.resolve("VerdictsTestCase");
        assertThat(finished.out()).contains("RUN FAILED: the figures above do not describe the load asked for"
                + System.lineSeparator() + "- " + failure + System.lineSeparator());
        assertThat(Files.readString(dir.resolve("summary.md"))).startsWith("## VerdictsTestCase: ❌ FAILED")
                .contains("**Run failed** (the figures do not describe the load asked for):\n\n- " + failure + "\n");
        assertThat(Json.parse(Files.readString(dir.resolve("summary.json"))).get("runFailures").elements())
                .extracting(JsonValue::asText).containsExactly(failure);
        assertThat(Files.readString(dir.resolve("report.html"))).contains("id=\"run-failures\"")
                .contains("<div class=\"badge\" id=\"verdict\">FAILED</div>").contains("The run failed")
                .contains("<li>" + failure + "</li>");
        assertThat(finished.attachments().entries()).containsEntry("loadtest.run-failures", failure);
        // Requests the generator did not send are counted apart, in every output, never as the target's failures.
        assertThat(finished.out()).contains("Not sent: 7 request(s) the load generator did not send (in no figure "
                + "above)" + System.lineSeparator() + "- 7 × the run stopped while it waited for the rate cap");
        assertThat(Files.readString(dir.resolve("summary.md"))).contains("Not sent by the load generator (in no "
                + "figure above): 7.\n\n- 7 × the run stopped while it waited for the rate cap\n");
        assertThat(Json.parse(Files.readString(dir.resolve("summary.json"))).at("/notSent/total").asLong())
                .isEqualTo(7);
        assertThat(Files.readString(dir.resolve("report.html"))).contains("Not sent");
    }

    @Test
    void markdownSummaryEscapesWhatWouldBreakItsTables() throws IOException {
        Histogram once = Histograms.newHistogram();
        once.recordValue(1_000);
        LoadTestResult result = new ResultBuilder(result().profile(), Instant.parse("2026-01-01T00:00:00Z"),
                Duration.ofSeconds(1))
                .request("GET", "/a|b <script>", once, once, 1, 1)
                .failure(new FailureStats("GET", "/a|b <script>", "Check failed: *expected*\nbut was [x]", 1))
                .warning("# not a heading\r\n> nor a quote")
                .build()
                .withThresholds(List.of(new ThresholdResult("failures == 0", "GET /a|b <script>", false,
                        "failures of GET /a|b <script> was 1, budget == 0 (n=1)")));
        finish(result, Map.of("loadtest.report-dir", reports.toString(), "loadtest.console.summary", "false"));
        assertThat(Files.readString(reports.resolve("VerdictsTestCase/summary.md")))
                .contains("| ❌ failed | `failures == 0 [GET /a\\|b <script>]` | failures of GET /a\\|b \\<script> "
                        + "was 1, budget == 0 (n=1) |\n")
                .contains("| GET | /a\\|b \\<script> | 1 | 1 | 100.00% |")
                .contains("| 1 | GET /a\\|b \\<script> | Check failed: \\*expected\\*<br>but was \\[x\\] |\n")
                .contains("- \\# not a heading<br>> nor a quote\n");
    }

    @Test
    void markdownSummaryIsAppendedToTheJobSummaryWithoutTruncatingIt() throws IOException {
        Path jobSummary = reports.resolve("step-summary.md");
        Files.writeString(jobSummary, "## An earlier step\n\n");
        finish(result(), Map.of("loadtest.report-dir", reports.toString(), "loadtest.console.summary", "false"),
                Map.of("GITHUB_STEP_SUMMARY", jobSummary.toString()));
        String markdown = Files.readString(reports.resolve("VerdictsTestCase/summary.md"));
        assertThat(markdown).startsWith("## VerdictsTestCase: ❌ FAILED\n");
        assertThat(Files.readString(jobSummary)).isEqualTo("## An earlier step\n\n" + markdown);
    }

    @Test
    void withoutReportFilesTheJobSummaryStillGetsTheSummaryAndSaysNoFilesWereWritten() throws IOException {
        Path jobSummary = reports.resolve("step-summary.md");
        finish(result(), Map.of("loadtest.report-files", "false", "loadtest.console.summary", "false"),
                Map.of("GITHUB_STEP_SUMMARY", jobSummary.toString()));
        assertThat(Files.readString(jobSummary)).startsWith("## VerdictsTestCase: ❌ FAILED\n")
                .endsWith("\n**Files:** none written.\n\n");
    }

    @Test
    void aJobSummaryThatCannotBeWrittenIsAReportProblem() throws IOException {
        Finished finished = finish(result(), Map.of("loadtest.report-files", "false",
                "loadtest.console.summary", "false"), Map.of("GITHUB_STEP_SUMMARY", reports.toString()));
        String problem = "Could not append to the job summary " + reports
                + " (environment variable GITHUB_STEP_SUMMARY): java.nio.file.FileSystemException: " + reports
                + ": Is a directory";
        assertThat(finished.err()).isEqualTo("[VerdictsTestCase] " + problem + System.lineSeparator());
        assertThat(finished.attachments().entries()).containsEntry("loadtest.report-problems", problem);
    }

    private static LoadTestResult result() {
        RunProfile profile = new RunProfile("VerdictsTestCase", "ramp to 100 users", List.of(),
                Duration.ofSeconds(10), Duration.ofSeconds(30), "http://127.0.0.1:1", "test", 1, List.of());
        Histogram slow = Histograms.newHistogram();
        slow.recordValueWithCount(10_000, 900);
        slow.recordValueWithCount(20_000, 100);
        return new ResultBuilder(profile, Instant.parse("2026-01-01T00:00:00Z"), Duration.ofSeconds(10))
                .request("GET", "/slow", slow, slow, 50, 1000)
                .droppedIterations(12)
                .warning("12 iteration(s) could not start because all 10 users were busy.")
                .stop(StopReason.byThreshold("p99 < 5ms [GET /slow]", "p99 < 5ms can no longer pass"))
                .build()
                .withThresholds(List.of(
                        new ThresholdResult("failure_rate < 10%", "Aggregated", true,
                                "failure rate 5.00% (50 of 1,000) < 10%"),
                        new ThresholdResult("p99 < 5ms", "GET /slow", false,
                                "p99 of GET /slow was 20 ms, budget < 5 ms (n=1,000)")));
    }

    private static Finished finish(LoadTestResult result, Map<String, String> parameters) {
        return finish(result, parameters, Map.of());
    }

    /** Finishes {@code result} as a run with these configuration parameters and environment variables would. */
    private static Finished finish(LoadTestResult result, Map<String, String> parameters,
            Map<String, String> environment) {
        LoadProfile profile = new ProfileReader(VerdictsTestCase.class, key -> Optional.empty(), name -> null).read();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            Reporting reporting = Reporting.create(VerdictsTestCase.class, profile,
                    key -> Optional.ofNullable(parameters.get(key)), environment::get);
            Reporting.Attachments attachments = reporting.finish(result);
            return new Finished(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                    attachments);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    private record Finished(String out, String err, Reporting.Attachments attachments) {
    }

    @LoadTest(duration = "10s")
    static class VerdictsTestCase {

        @Task
        void nothing() {
        }
    }
}

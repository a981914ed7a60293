package dev.junitloadtest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogProcessor;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.Task;
import dev.junitloadtest.Users;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.json.Json;
import dev.junitloadtest.json.JsonValue;
import dev.junitloadtest.result.HistoryPoint;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RequestStats;
import dev.junitloadtest.samples.SampleTargetExtension;
import dev.junitloadtest.sampletarget.SampleTarget;

/**
 * One run against the sample target's {@code /buggy} (which fails its 1st, 6th, 11th ... request) and {@code /},
 * read back from every output: the console, Locust's CSV files, the JSON summary, the HdrHistogram log and the
 * attachments. Each must show exactly the result's figures, so the 20% failure rate of {@code /buggy} is the same
 * everywhere.
 */
class BuggyRunReportsTests {

    @TempDir
    static Path reports;

    static EngineRun run;
    static Path dir;
    static LoadTestResult result;
    static RequestStats buggy;

    @BeforeAll
    static void runOnce() {
        run = EngineRun.of(BuggyTestCase.class, Map.of("loadtest.report-dir", reports.toString(),
                "loadtest.console.interval", "1s", "loadtest.csv.full-history", "true"),
                reports.resolve("junit-outputs"));
        assertThat(run.results().testEvents().failed().stream()
                .map(event -> event.getTestDescriptor().getDisplayName() + ": "
                        + event.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                                .map(Throwable::toString).orElse("")))
                .as("failed tests of the fixture").isEmpty();
        dir = reports.resolve("BuggyTestCase");
        result = run.result();
        buggy = result.request("GET /buggy").orElseThrow();
    }

    @Test
    void buggyFailsOneRequestInFiveStartingWithTheFirst() {
        // Five requests or more make the one-in-five pattern show; a loaded machine may manage few more.
        assertThat(buggy.count()).isEqualTo(BuggyTestCase.target.target().requestsServed(SampleTarget.Route.BUGGY))
                .isGreaterThan(20);
        assertThat(buggy.failures()).isEqualTo((buggy.count() + 4) / 5);
        assertThat(result.request("GET /").orElseThrow().failures()).isZero();
        assertThat(result.total().failures()).isEqualTo(buggy.failures());
    }

    @Test
    void consoleTableShowsTheResultsCountsAndFailureRate() {
        String rate = String.format(Locale.ROOT, "%.2f%%", buggy.failureRate() * 100);
        assertThat(rate).startsWith("20.");
        Matcher row = Pattern.compile("(?m)^GET +/buggy +([\\d,]+) +([\\d,]+) \\(([\\d.]+%)\\) \\| .*$")
                .matcher(run.out());
        assertThat(row.find()).as("the GET /buggy row in\n%s", run.out()).isTrue();
        assertThat(row.group(1)).isEqualTo(String.format(Locale.ROOT, "%,d", buggy.count()));
        assertThat(row.group(2)).isEqualTo(String.format(Locale.ROOT, "%,d", buggy.failures()));
        assertThat(row.group(3)).isEqualTo(rate);
        Matcher aggregated = Pattern.compile("(?m)^ +Aggregated +([\\d,]+) +([\\d,]+) \\(").matcher(run.out());
        assertThat(aggregated.find()).isTrue();
        assertThat(aggregated.group(1)).isEqualTo(String.format(Locale.ROOT, "%,d", result.total().count()));
        assertThat(run.out()).contains("[BuggyTestCase] " + String.format(Locale.ROOT, "%,d", result.total().count())
                + " requests, " + String.format(Locale.ROOT, "%,d", buggy.failures()) + " failures ("
                + String.format(Locale.ROOT, "%.2f%%", result.total().failureRate() * 100) + ") in ");
        assertThat(run.out()).containsPattern("(?m)^Failures\\R# occurrences \\| Error\\R-+\\|-+\\R *"
                + Pattern.quote(String.format(Locale.ROOT, "%,d", buggy.failures()))
                + " \\| GET /buggy: HTTP 500 Internal Server Error$");
    }

    @Test
    void consolePrintsAProgressLineEverySecondWhileRunning() {
        assertThat(run.out()).contains("[BuggyTestCase] running 10 users");
        List<String> lines = run.out().lines()
                .filter(line -> line.matches("\\[BuggyTestCase] 0:0\\d/0:02  users \\d+  req/s [\\d,]+\\.\\d  "
                        + "p95 [\\d.,]+ ms  failures [\\d,]+ \\(\\d+\\.\\d%\\)"))
                .toList();
        assertThat(lines).as("progress lines in\n%s", run.out()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(lines.getFirst()).startsWith("[BuggyTestCase] 0:01/0:02  users 10  req/s ");
        // Failures are counted from the start: /buggy's first request fails, so the first line has one at least.
        assertThat(lines.getFirst()).doesNotContain("failures 0 (");
    }

    @Test
    void statsCsvHasLocustsHeaderAndTheResultsFigures() throws IOException {
        CsvFile stats = CsvFile.read(dir.resolve("stats.csv"));
        assertThat(stats.header()).isEqualTo(LocustFixture.header("long_stats.csv"));
        assertThat(stats.rows()).extracting(row -> row.get(0) + " " + row.get(1))
                .containsExactly("GET /", "GET /buggy", " Aggregated");
        Map<String, String> row = stats.row("GET", "/buggy");
        assertThat(row.get("Request Count")).isEqualTo(Long.toString(buggy.count()));
        assertThat(row.get("Failure Count")).isEqualTo(Long.toString(buggy.failures()));
        assertThat(Double.parseDouble(row.get("Failures/s")) / Double.parseDouble(row.get("Requests/s")))
                .isCloseTo(buggy.failureRate(), within(1e-5));
        assertThat(Double.parseDouble(row.get("Requests/s"))).isCloseTo(buggy.throughput(), within(1e-6));
        assertThat(Double.parseDouble(row.get("Median Response Time"))).isEqualTo(millis(buggy.median()));
        assertThat(Double.parseDouble(row.get("Average Response Time"))).isEqualTo(millis(buggy.mean()));
        assertThat(Double.parseDouble(row.get("Min Response Time"))).isEqualTo(millis(buggy.min()));
        assertThat(Double.parseDouble(row.get("Max Response Time"))).isEqualTo(millis(buggy.max()));
        assertThat(Double.parseDouble(row.get("95%"))).isEqualTo(millis(buggy.percentile(95)));
        assertThat(Double.parseDouble(row.get("99.99%"))).isEqualTo(millis(buggy.percentile(99.99)));
        assertThat(row.get("100%")).isEqualTo(row.get("Max Response Time"));
        assertThat(Double.parseDouble(row.get("Average Content Size"))).isEqualTo(buggy.averageContentSize(),
                within(1e-6));
        Map<String, String> aggregated = stats.row("", "Aggregated");
        assertThat(aggregated.get("Request Count")).isEqualTo(Long.toString(result.total().count()));
        assertThat(aggregated.get("Failure Count")).isEqualTo(Long.toString(buggy.failures()));
    }

    @Test
    void failuresCsvCountsTheServerErrorsOfBuggy() {
        CsvFile failures = CsvFile.read(dir.resolve("failures.csv"));
        assertThat(failures.header()).isEqualTo(LocustFixture.header("long_failures.csv"));
        assertThat(failures.rows()).containsExactly(
                List.of("GET", "/buggy", "HTTP 500 Internal Server Error", Long.toString(buggy.failures())));
    }

    @Test
    void exceptionsCsvHasOnlyTheHeaderWhenNothingThrew() {
        CsvFile exceptions = CsvFile.read(dir.resolve("exceptions.csv"));
        assertThat(exceptions.header()).isEqualTo(LocustFixture.header("long_exceptions.csv"));
        assertThat(exceptions.rows()).isEmpty();
    }

    @Test
    void statsHistoryHasARowOfZerosThenEachIntervalWithTotalsEndingAtTheResults() {
        CsvFile history = CsvFile.read(dir.resolve("stats_history.csv"));
        assertThat(history.header()).isEqualTo(LocustFixture.header("longfull_stats_history.csv"));
        List<String> first = history.rows().getFirst();
        assertThat(first.subList(1, first.size())).containsExactly("0", "", "Aggregated", "0.000000", "0.000000",
                "N/A", "N/A", "N/A", "N/A", "N/A", "N/A", "N/A", "N/A", "N/A", "N/A", "N/A",
                "0", "0", "0", "0.0", "0", "0", "0");
        assertThat(Long.parseLong(first.getFirst())).isEqualTo(result.startedAt().getEpochSecond());

        List<Map<String, String>> aggregated = history.where("Name", "Aggregated"::equals);
        List<HistoryPoint> points = result.history();
        // One row per interval after the first row, as many as the result's history (at full resolution).
        assertThat(aggregated).hasSize(points.size() + 1);
        long requests = 0;
        long failed = 0;
        for (int i = 0; i < points.size(); i++) {
            Map<String, String> row = aggregated.get(i + 1);
            HistoryPoint point = points.get(i);
            assertThat(row.get("User Count")).isEqualTo(Integer.toString(point.users()));
            assertThat(Double.parseDouble(row.get("Requests/s"))).isCloseTo(point.requestsPerSecond(),
                    within(1e-6));
            if (point.requests() > 0) {
                assertThat(Double.parseDouble(row.get("95%"))).isEqualTo(millis(point.p95()));
            }
            requests += point.requests();
            failed += point.failures();
            assertThat(row.get("Total Request Count")).isEqualTo(Long.toString(requests));
            assertThat(row.get("Total Failure Count")).isEqualTo(Long.toString(failed));
            assertThat(row.get("Timestamp")).isEqualTo(Long.toString(point.time().getEpochSecond()));
        }
        Map<String, String> last = aggregated.getLast();
        assertThat(last.get("Total Request Count")).isEqualTo(Long.toString(result.total().count()));
        assertThat(last.get("Total Failure Count")).isEqualTo(Long.toString(buggy.failures()));
        // With full history, each interval lists each request name first.
        Map<String, String> lastBuggy = history.where("Name", "/buggy"::equals).getLast();
        assertThat(lastBuggy.get("Total Request Count")).isEqualTo(Long.toString(buggy.count()));
        assertThat(lastBuggy.get("Total Failure Count")).isEqualTo(Long.toString(buggy.failures()));
    }

    @Test
    void summaryJsonHoldsTheResultsFigures() throws IOException, DataFormatException {
        JsonValue json = Json.parse(Files.readString(dir.resolve("summary.json"), StandardCharsets.UTF_8));
        assertThat(json.get("schema").asText()).isEqualTo("junit-loadtest/summary/v1");
        assertThat(json.get("test").asText()).isEqualTo("BuggyTestCase");
        assertThat(json.get("testClass").asText()).isEqualTo(BuggyTestCase.class.getName());
        assertThat(json.get("startedAt").asText()).isEqualTo(result.startedAt().toString());
        assertThat(json.get("elapsedSeconds").asDouble()).isEqualTo(result.elapsed().toNanos() / 1e9);
        assertThat(json.get("stopReason").isNull()).isTrue();
        assertThat(json.at("/profile/loadModel").asText()).isEqualTo(result.profile().loadModel());
        assertThat(json.at("/profile/durationSeconds").asDouble()).isEqualTo(2.0);
        assertThat(json.at("/profile/host").asText()).isEqualTo(result.profile().host());
        assertThat(json.at("/profile/stages/0/users").asInt()).isEqualTo(10);

        JsonValue requests = json.get("requests");
        assertThat(requests.elements()).extracting(r -> r.get("method").asText() + " " + r.get("name").asText())
                .containsExactly("GET /", "GET /buggy");
        assertSameFigures(requests.get(1), buggy);
        assertSameFigures(requests.get(0), result.request("GET /").orElseThrow());
        assertSameFigures(json.get("aggregated"), result.total());
        assertThat(json.at("/aggregated/name").asText()).isEqualTo("Aggregated");

        assertThat(json.get("history").size()).isEqualTo(result.history().size());
        HistoryPoint point = result.history().getFirst();
        JsonValue first = json.at("/history/0");
        assertThat(first.get("requests").asLong()).isEqualTo(point.requests());
        assertThat(first.get("failures").asLong()).isEqualTo(point.failures());
        assertThat(first.get("users").asInt()).isEqualTo(point.users());
        assertThat(first.get("p95Ms").asDouble()).isEqualTo(millis(point.p95()));
        assertThat(first.get("time").asText()).isEqualTo(point.time().toString());

        assertThat(json.get("failures").elements()).singleElement().satisfies(failure -> {
            assertThat(failure.get("method").asText()).isEqualTo("GET");
            assertThat(failure.get("name").asText()).isEqualTo("/buggy");
            assertThat(failure.get("error").asText()).isEqualTo("HTTP 500 Internal Server Error");
            assertThat(failure.get("occurrences").asLong()).isEqualTo(buggy.failures());
        });
        assertThat(json.get("exceptions").size()).isZero();
        assertThat(json.get("tasks").elements()).extracting(t -> t.get("task").asText() + " "
                + t.get("iterations").asLong()).containsExactlyElementsOf(result.tasks().stream()
                        .map(t -> t.task() + " " + t.iterations()).toList());
        assertThat(json.get("thresholds").size()).isZero();
        assertThat(json.get("droppedIterations").asLong()).isZero();
        assertThat(json.get("warnings").size()).isEqualTo(result.warnings().size());
    }

    private static void assertSameFigures(JsonValue json, RequestStats stats) throws DataFormatException {
        assertThat(json.get("count").asLong()).isEqualTo(stats.count());
        assertThat(json.get("failures").asLong()).isEqualTo(stats.failures());
        assertThat(json.get("failureRate").asDouble()).isEqualTo(stats.failureRate());
        assertThat(json.get("requestsPerSecond").asDouble()).isEqualTo(stats.throughput());
        assertThat(json.get("failuresPerSecond").asDouble()).isEqualTo(stats.failuresPerSecond());
        assertThat(json.get("totalBytes").asLong()).isEqualTo(stats.totalBytes());
        JsonValue ms = json.get("responseTimeMs");
        assertThat(ms.get("min").asDouble()).isEqualTo(millis(stats.min()));
        assertThat(ms.get("mean").asDouble()).isEqualTo(millis(stats.mean()));
        assertThat(ms.get("max").asDouble()).isEqualTo(millis(stats.max()));
        assertThat(ms.fields().keySet()).containsExactly("min", "mean", "max", "p50", "p66", "p75", "p80", "p90",
                "p95", "p98", "p99", "p99.9", "p99.99");
        assertThat(ms.get("p50").asDouble()).isEqualTo(millis(stats.percentile(50)));
        assertThat(ms.get("p95").asDouble()).isEqualTo(millis(stats.percentile(95)));
        assertThat(ms.get("p99.9").asDouble()).isEqualTo(millis(stats.percentile(99.9)));
        assertThat(ms.get("p99.99").asDouble()).isEqualTo(millis(stats.percentile(99.99)));
        Histogram histogram = Histogram.decodeFromCompressedByteBuffer(
                java.nio.ByteBuffer.wrap(Base64.getDecoder().decode(json.get("histogram").asText())), 0);
        assertThat(histogram.getTotalCount()).isEqualTo(stats.count());
        assertThat(histogram.getValueAtPercentile(95) * 1000).isEqualTo(stats.percentile(95).toNanos());
    }

    @Test
    void histogramLogHoldsEveryRequestOnceUntaggedAndOncePerTag() throws IOException {
        Map<String, Long> counts = new HashMap<>();
        List<Double> starts = new ArrayList<>();
        try (HistogramLogReader reader = new HistogramLogReader(dir.resolve("response-times.hlog").toFile())) {
            EncodableHistogram histogram;
            while ((histogram = reader.nextIntervalHistogram()) != null) {
                String tag = histogram.getTag() == null ? "(untagged)" : histogram.getTag();
                counts.merge(tag, ((Histogram) histogram).getTotalCount(), Long::sum);
                if (histogram.getTag() == null) {
                    starts.add(histogram.getStartTimeStamp() / 1000.0);
                }
            }
        }
        assertThat(counts).containsOnly(
                Map.entry("(untagged)", result.total().count()),
                Map.entry("GET:/", result.request("GET /").orElseThrow().count()),
                Map.entry("GET:/buggy", buggy.count()));
        // Timestamps are absolute once read: the run's start plus each interval's offset.
        assertThat(starts.getFirst()).isCloseTo(result.startedAt().toEpochMilli() / 1000.0, within(0.002));
        String log = Files.readString(dir.resolve("response-times.hlog"));
        assertThat(log).contains("#[Tag GET:/buggy is request GET /buggy]");
    }

    @Test
    void histogramLogProcessorReadsEachTag() throws IOException {
        Path output = reports.resolve("processed-buggy");
        new HistogramLogProcessor(new String[] {"-i", dir.resolve("response-times.hlog").toString(), "-o",
            output.toString(), "-tag", "GET:/buggy", "-outputValueUnitRatio", "1000"}).run();
        String percentiles = Files.readString(Path.of(output + ".hgrm"));
        Matcher total = Pattern.compile("Total count\\s*=\\s*(\\d+)").matcher(percentiles);
        assertThat(total.find()).as(percentiles).isTrue();
        assertThat(Long.parseLong(total.group(1))).isEqualTo(buggy.count());
        Matcher max = Pattern.compile("#\\[Max\\s*=\\s*([\\d.]+)").matcher(percentiles);
        assertThat(max.find()).as(percentiles).isTrue();
        assertThat(Double.parseDouble(max.group(1))).isCloseTo(millis(buggy.max()), within(0.001));
    }

    @Test
    void headlineNumbersAndFilesAreAttachedToTheClassResult() {
        Map<String, String> entries = new HashMap<>();
        run.results().allEvents().reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(ReportEntry.class))
                .forEach(entry -> entries.putAll(entry.getKeyValuePairs()));
        assertThat(entries).containsEntry("loadtest.requests", Long.toString(result.total().count()))
                .containsEntry("loadtest.failures", Long.toString(buggy.failures()))
                .containsEntry("loadtest.failure-rate",
                        String.format(Locale.ROOT, "%.2f%%", result.total().failureRate() * 100))
                .containsEntry("loadtest.report-dir", dir.toAbsolutePath().toString())
                .containsEntry("loadtest.p99.ms",
                        String.format(Locale.ROOT, "%.3f", millis(result.total().percentile(99))))
                .containsEntry("loadtest.request.GET /buggy", String.format(Locale.ROOT,
                        "%d requests, %d failures (%.2f%%), %.1f req/s, p50 %.3f ms, p95 %.3f ms, p99 %.3f ms",
                        buggy.count(), buggy.failures(), buggy.failureRate() * 100, buggy.throughput(),
                        millis(buggy.median()), millis(buggy.percentile(95)), millis(buggy.percentile(99))));
        List<String> files = run.results().allEvents().fileEntryPublished().stream()
                .map(event -> event.getRequiredPayload(FileEntry.class))
                .map(file -> file.getPath().getFileName() + " " + file.getMediaType().orElse(""))
                .toList();
        assertThat(files).containsExactlyInAnyOrder("report.html text/html; charset=UTF-8",
                "summary.json application/json", "stats.csv text/csv; charset=UTF-8");
    }

    private static double millis(Duration duration) {
        return duration.toNanos() / 1e6;
    }

    @LoadTest(duration = "2s")
    @Users(count = 10)
    static class BuggyTestCase {

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
}

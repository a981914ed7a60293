package dev.junitloadtest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.Task;
import dev.junitloadtest.Users;
import dev.junitloadtest.WaitTime;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.json.Json;
import dev.junitloadtest.json.JsonValue;
import dev.junitloadtest.result.ExceptionStats;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RequestStats;
import dev.junitloadtest.samples.SampleTargetExtension;

/**
 * Our CSV files against Locust's: the headers of a real Locust 2.12.1 run (committed under
 * {@code src/test/resources/.../locust-2.12.1}) and, when Locust is installed, those of Locust's own code; the row
 * conventions; quoting of names and tracebacks that hold commas, quotes and line breaks; and Python's {@code csv}
 * module, which tools that read Locust's files use, reading ours back field for field.
 */
class LocustCsvFormatTests {

    static final List<String> FILES = List.of("stats.csv", "stats_history.csv", "failures.csv", "exceptions.csv");
    static final Map<String, String> LOCUST_FILES = Map.of("stats.csv", "long_stats.csv", "stats_history.csv",
            "long_stats_history.csv", "failures.csv", "long_failures.csv", "exceptions.csv", "long_exceptions.csv");
    static final String ODD_NAME = "home, \"quoted\"";

    /** System property that makes the tests needing Python or Locust fail rather than skip without them. */
    static final String REQUIRE_LOCUST_PROPERTY = "junitloadtest.test.require-locust";

    @TempDir
    static Path reports;

    static EngineRun run;
    static EngineRun silentRun;
    static Path dir;
    static Path silentDir;

    @BeforeAll
    static void runFixtures() {
        run = EngineRun.of(QuotingTestCase.class, Map.of("loadtest.report-dir", reports.toString(),
                "loadtest.console.interval", "off"));
        // Only the task that throws fails: its test says how often.
        assertThat(run.results().testEvents().failed().stream().map(e -> e.getTestDescriptor().getDisplayName()))
                .singleElement().asString().endsWith(" threw");
        dir = reports.resolve("QuotingTestCase");
        silentRun = EngineRun.of(NoRequestsTestCase.class, Map.of("loadtest.report-dir", reports.toString(),
                "loadtest.console.interval", "off"));
        silentDir = reports.resolve("NoRequestsTestCase");
    }

    @Test
    void headersAreThoseOfARealLocustRunAndRowsEndWithCrLf() {
        for (String file : FILES) {
            CsvFile ours = CsvFile.read(dir.resolve(file));
            assertThat(ours.header()).as(file).isEqualTo(LocustFixture.header(LOCUST_FILES.get(file)));
            String firstLine = ours.text().substring(0, ours.text().indexOf('\n') + 1);
            String locustFirstLine = LocustFixture.text(LOCUST_FILES.get(file));
            assertThat(firstLine).as(file).isEqualTo(locustFirstLine.substring(0, locustFirstLine.indexOf('\n') + 1));
        }
    }

    @Test
    void headersAreThoseOfTheInstalledLocustsOwnCode() {
        Python python = pythonWith("locust", "Locust is not installed for any of python3, /usr/bin/python3 or "
                + "python (Debian: apt-get install python3-locust); the committed Locust 2.12.1 output is checked "
                + "instead");
        JsonValue columns = Json.parse(python.run("locust_columns.py", reports));
        for (String file : FILES) {
            List<String> locust = columns.get(file).elements().stream().map(JsonValue::asText).toList();
            assertThat(CsvFile.read(dir.resolve(file)).header()).as(file).isEqualTo(locust);
        }
    }

    @Test
    void pythonsCsvModuleReadsEveryFieldAsWritten() {
        Python python = pythonWith("csv", "No Python 3 on this machine (python3, /usr/bin/python3 or python)");
        List<String> paths = FILES.stream().map(file -> dir.resolve(file).toString()).toList();
        JsonValue parsed = Json.parse(python.run("read_csv.py", reports, paths.toArray(String[]::new)));
        for (String path : paths) {
            CsvFile ours = CsvFile.read(Path.of(path));
            List<List<String>> rows = parsed.get(path).elements().stream()
                    .map(row -> row.elements().stream().map(JsonValue::asText).toList()).toList();
            assertThat(rows.getFirst()).as(path).isEqualTo(ours.header());
            assertThat(rows.subList(1, rows.size())).as(path).isEqualTo(ours.rows());
        }
        // The odd name and the multi-line traceback came through whole.
        assertThat(parsed.fields().get(dir.resolve("stats.csv").toString()).get(1).get(1).asText())
                .isEqualTo(ODD_NAME);
    }

    @Test
    void namesAndTracebacksWithCommasQuotesAndLineBreaksAreQuotedAsPythonQuotesThem() {
        LoadTestResult result = run.result();
        RequestStats odd = result.request("GET", ODD_NAME).orElseThrow();
        CsvFile stats = CsvFile.read(dir.resolve("stats.csv"));
        assertThat(stats.text()).contains("\r\nGET,\"home, \"\"quoted\"\"\"," + odd.count() + ",0,");
        assertThat(stats.row("GET", ODD_NAME).get("Request Count")).isEqualTo(Long.toString(odd.count()));

        ExceptionStats thrown = result.exceptions().getFirst();
        assertThat(thrown.traceback()).contains("\n");
        CsvFile exceptions = CsvFile.read(dir.resolve("exceptions.csv"));
        assertThat(exceptions.rows()).containsExactly(List.of(Long.toString(thrown.count()), thrown.message(),
                thrown.traceback(), "local"));
        assertThat(thrown.message()).isEqualTo("java.lang.IllegalStateException: no stock, \"sold out\"");
        assertThat(exceptions.text()).contains(",\"java.lang.IllegalStateException: no stock, \"\"sold out\"\"\",");
    }

    @Test
    void consoleListsTheExceptionsWithTheirCountAndMessage() {
        ExceptionStats thrown = run.result().exceptions().getFirst();
        assertThat(run.out()).containsPattern("(?m)^Exceptions \\(stack traces in exceptions.csv and summary.json\\)\\R"
                + "# count \\| Message +\\| Where\\R-+\\|-+\\|-+\\R *" + String.format("%,d", thrown.count())
                + " \\| java.lang.IllegalStateException: no stock, \"sold out\" \\| QuotingTestCase.outOfStock$");
    }

    @Test
    void withoutAnyRequestTheAggregatedRowHasLocustsZerosAndNotAvailablePercentiles() {
        CsvFile stats = CsvFile.read(silentDir.resolve("stats.csv"));
        assertThat(stats.rows()).containsExactly(List.of("", "Aggregated", "0", "0", "0", "0.0", "0", "0", "0",
                "0.0", "0.0", "N/A", "N/A", "N/A", "N/A", "N/A", "N/A", "N/A", "N/A", "N/A", "N/A", "N/A"));
        CsvFile history = CsvFile.read(silentDir.resolve("stats_history.csv"));
        CsvFile locustHistory = LocustFixture.csv("long_stats_history.csv");
        // Locust's first row, the one it writes before any user started, except for its timestamp.
        assertThat(history.rows().getFirst().subList(1, history.header().size()))
                .isEqualTo(locustHistory.rows().getFirst().subList(1, locustHistory.header().size()));
        for (List<String> row : history.rows()) {
            assertThat(row.subList(4, 6)).containsExactly("0.000000", "0.000000");
            assertThat(row.subList(6, 17)).containsOnly("N/A");
        }
        assertThat(silentRun.result().total().count()).isZero();
        assertThat(silentRun.out()).contains("[NoRequestsTestCase] 0 requests, 0 failures (0.00%) in ");
    }

    @Test
    void statsRowsFollowLocustsConventions() {
        CsvFile ours = CsvFile.read(dir.resolve("stats.csv"));
        CsvFile locust = LocustFixture.csv("long_stats.csv");
        // The Aggregated row last, with an empty type, in both.
        assertThat(ours.rows().getLast().subList(0, 2)).containsExactly("", "Aggregated");
        assertThat(locust.rows().getLast().subList(0, 2)).containsExactly("", "Aggregated");
        // Columns Locust fills with Python floats read as floats in ours too.
        for (String column : List.of("Average Response Time", "Average Content Size", "Requests/s", "Failures/s")) {
            assertThat(ours.where("Name", name -> true)).allSatisfy(row -> assertThat(row.get(column)).contains("."));
            assertThat(locust.where("Name", name -> true)).allSatisfy(row -> assertThat(row.get(column)).contains("."));
        }
    }

    /**
     * A Python that can import {@code module}; the test is skipped with {@code missing} as the reason when there is
     * none, or fails when {@value #REQUIRE_LOCUST_PROPERTY} is true (as in CI, which installs Locust).
     */
    private static Python pythonWith(String module, String missing) {
        Optional<Python> python = Python.withModule(module);
        if (python.isEmpty() && Boolean.getBoolean(REQUIRE_LOCUST_PROPERTY)) {
            throw new IllegalStateException(missing + " (-D" + REQUIRE_LOCUST_PROPERTY + "=true: not skipped)");
        }
        assumeTrue(python.isPresent(), missing);
        return python.get();
    }

    @LoadTest(duration = "1s")
    @Users(count = 2)
    @WaitTime(min = "10ms", max = "10ms")
    static class QuotingTestCase {

        @RegisterExtension
        static final SampleTargetExtension target = new SampleTargetExtension();

        @Task
        void home(Http http) {
            http.request("GET", "/").name(ODD_NAME).send();
        }

        @Task
        void outOfStock() {
            throw new IllegalStateException("no stock, \"sold out\"");
        }
    }

    @LoadTest(duration = "1s")
    @Users(count = 1)
    @WaitTime(min = "100ms", max = "100ms")
    static class NoRequestsTestCase {

        @Task
        void think() {
            // No request at all: every figure is empty.
        }
    }
}

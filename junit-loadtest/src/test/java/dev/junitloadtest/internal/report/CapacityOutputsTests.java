package dev.junitloadtest.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.junitloadtest.CapacitySearch;
import dev.junitloadtest.EngineRuns;
import dev.junitloadtest.FixtureRun;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.Task;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.json.Json;
import dev.junitloadtest.json.JsonValue;
import dev.junitloadtest.result.Capacity;
import dev.junitloadtest.result.CapacityStep;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.samples.SampleTargetExtension;

/**
 * A capacity search shows the same steps everywhere: the console's step table, {@code summary.md}'s,
 * {@code capacity.csv} and the {@code capacity} object of {@code summary.json}. The sample target's {@code /buggy} fails one request in five, so
 * every step breaks {@code failure_rate < 1%}: the first step's breach is confirmed by the second, no step held, the
 * capacity is 0 users, and the search ends there, long before its last step.
 */
class CapacityOutputsTests {

    @TempDir
    Path reports;

    @Test
    void theConsoleTheCsvFileAndSummaryJsonShowTheSameSteps() throws IOException {
        FixtureRun run = EngineRuns.runLoad(BuggyCapacityTestCase.class, Map.of("loadtest.report-dir",
                reports.toString(), "loadtest.report-files", "true"));
        LoadTestResult result = run.result();
        Capacity capacity = result.capacity().orElseThrow();
        assertThat(capacity.outcome()).isEqualTo(Capacity.Outcome.LIMIT_FOUND);
        assertThat(capacity.steps()).hasSize(2).allSatisfy(step -> assertThat(step.held()).isFalse());
        assertThat(capacity.held()).isEmpty();
        assertThat(capacity.users()).isZero();
        assertThat(capacity.requestsPerSecond()).isZero();
        assertThat(capacity.describe()).isEqualTo("no step held; 1 users broke a budget, confirmed");
        CapacityStep first = capacity.steps().getFirst();
        assertThat(first.breaches()).singleElement().asString().startsWith("failure_rate of all requests in step 1 (")
                .endsWith(" failed), budget < 1%");

        String nl = System.lineSeparator();
        String console = ConsoleSummary.render(result);
        assertThat(console).contains(nl + "Capacity: no step held; 1 users broke a budget, confirmed" + nl
                + "Budgets: failure_rate < 1%; knee: ");
        List<String> rows = console.lines().dropWhile(line -> !line.startsWith("Budgets: ")).skip(1).limit(4)
                .toList();
        assertThat(rows.get(0)).startsWith("Step").contains("Users", "# reqs", "req/s", "p95", "Verdict");
        assertThat(rows.get(2)).matches(" *1 +1 \\|.*\\| BROKE \\(confirmed\\)");
        assertThat(rows.get(3)).matches(" *2 +2 \\|.*\\| broke \\(confirms\\)");

        Path dir = reports.resolve("BuggyCapacityTestCase");
        List<String> csv = Files.readAllLines(dir.resolve("capacity.csv"), StandardCharsets.UTF_8);
        assertThat(csv.getFirst()).isEqualTo(String.join(",", CapacityReport.CSV_COLUMNS));
        assertThat(csv).hasSize(3);
        assertThat(csv.get(1)).startsWith("1,1," + dev.junitloadtest.result.Formats.seconds(first.judgedFrom())
                + "," + dev.junitloadtest.result.Formats.seconds(first.judgedTo()) + "," + first.requests() + ","
                + first.failures() + ",").contains(",BROKE (confirmed),\"failure_rate of all requests in step 1");
        assertThat(csv.get(2)).startsWith("2,2,").contains(",broke (confirms),");

        String markdown = Files.readString(dir.resolve("summary.md"));
        assertThat(markdown).contains("\n**Capacity:** no step held; 1 users broke a budget, confirmed\n\nBudgets: "
                + "`failure_rate < 1%`; knee: ", "\n| Step | Users | Requests | Failure % | req/s | p50 ms | p95 ms | "
                + "p99 ms | Verdict |\n|--:|--:|--:|--:|--:|--:|--:|--:|---|\n| 1 | 1 | "
                + dev.junitloadtest.result.Formats.count(first.requests()) + " | ");
        assertThat(markdown.lines().filter(line -> line.startsWith("| 1 | 1 | ") || line.startsWith("| 2 | 2 | ")))
                .hasSize(2).satisfiesExactly(row -> assertThat(row).endsWith(" | BROKE (confirmed) |"),
                        row -> assertThat(row).endsWith(" | broke (confirms) |"));
        // The capacity comes after the thresholds and before the requests.
        assertThat(markdown.indexOf("**Capacity:**")).isLessThan(markdown.indexOf("| Type | Name |"));

        JsonValue json = Json.parse(Files.readString(dir.resolve("summary.json"))).get("capacity");
        assertThat(json.get("outcome").asText()).isEqualTo("LIMIT_FOUND");
        assertThat(json.get("users").asLong()).isZero();
        assertThat(json.get("heldStep").isNull()).isTrue();
        assertThat(json.get("breachStep").asLong()).isEqualTo(1);
        assertThat(json.get("budgets").elements()).extracting(JsonValue::asText).containsExactly("failure_rate < 1%");
        assertThat(json.get("steps").elements()).hasSize(2);
        assertThat(json.get("steps").get(0).get("requests").asLong()).isEqualTo(first.requests());
        assertThat(json.get("steps").get(0).get("failures").asLong()).isEqualTo(first.failures());
        assertThat(json.get("steps").get(1).get("users").asLong()).isEqualTo(2);
    }

    @LoadTest(stopTimeout = "1s")
    @CapacitySearch(startUsers = 1, step = 1, maxUsers = 10, stepDuration = "1s", warmUp = 0,
            budgets = "failure_rate < 1%")
    static class BuggyCapacityTestCase {

        @RegisterExtension
        static SampleTargetExtension target = new SampleTargetExtension();

        @Task
        void buggy(Http http) {
            http.get("/buggy");
        }
    }
}

package dev.junitloadtest.report.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.junitloadtest.internal.baseline.BaselineRun;
import dev.junitloadtest.internal.report.html.HtmlReport;
import dev.junitloadtest.json.Json;
import dev.junitloadtest.json.JsonValue;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.ResultBuilder;
import dev.junitloadtest.result.RunProfile;
import dev.junitloadtest.result.ThresholdResult;

class HtmlReportTests {

    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"report-data\">(.*?)</script>", Pattern.DOTALL);

    @Test
    void everyTextFromTheRunIsEscapedForHtml() {
        // The chart data holds the test's name too, JSON-escaped: checked on its own below.
        String page = DATA.matcher(HtmlReport.render(SyntheticResults.hostile())).replaceFirst("");

        for (String hostile : SyntheticResults.HOSTILE) {
            assertThat(page).doesNotContain(hostile);
        }
        assertThat(page)
                .contains("<td class=\"name\">&lt;/script&gt;&lt;script&gt;window.__pwned = &#39;script&#39;"
                        + "&lt;/script&gt;</td>")
                .contains("<td class=\"error\">&lt;img src=x onerror=&quot;window.__pwned = &#39;img&#39;&quot;&gt;"
                        + "</td>")
                .contains("<li>{{data}} {{body}} &amp;amp; &amp;lt;b&amp;gt; \u2028\u2029 ]]&gt; &lt;![CDATA[</li>")
                .doesNotContain("<img", "<svg", "<iframe", "<!--", " onerror=\"", " onload=\"");
    }

    @Test
    void theChartDataCannotLeaveItsScriptElementAndReadsBackExactly() {
        LoadTestResult hostile = SyntheticResults.hostile();
        String page = HtmlReport.render(hostile);

        assertThat(count(page, "<script")).isEqualTo(3);
        assertThat(count(page, "</script")).isEqualTo(3);
        Matcher data = DATA.matcher(page);
        assertThat(data.find()).isTrue();
        assertThat(data.group(1)).doesNotContain("<", ">", "&");
        JsonValue json = Json.parse(data.group(1));
        assertThat(json.get("test").asText()).isEqualTo(hostile.profile().testName());
    }

    @Test
    void thePageLoadsNothingFromOutsideAndRunsOnlyItsOwnScripts() {
        String page = HtmlReport.render(SyntheticResults.known());
        String markup = page.replaceAll("(?s)<script>.*?</script>", "<script></script>");

        assertThat(markup).doesNotContainPattern("(?i)\\s(src|href)\\s*=\\s*\"(?!#)")
                .doesNotContainPattern("(?i)<link|@import|url\\(");
        assertThat(page).containsPattern("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                + "script-src 'sha256-[A-Za-z0-9+/=]{44}' 'sha256-[A-Za-z0-9+/=]{44}'; style-src 'unsafe-inline'; "
                + "img-src data:; base-uri 'none'; form-action 'none'\">");
    }

    @Test
    void theRequestsTableCarriesEveryFigureOfARequestAndTheAggregatedRow() {
        String page = HtmlReport.render(SyntheticResults.known());

        String figures = "<td class=\"num\">100</td><td class=\"num bad\">5</td><td class=\"num bad\">5.0%</td>"
                + "<td class=\"num\">50.0</td><td class=\"num\">50.5</td><td class=\"num\">1.00</td>"
                + "<td class=\"num\">100</td><td class=\"num\">90.0</td><td class=\"num\">95.0</td>"
                + "<td class=\"num\">99.0</td><td class=\"num\">100</td><td class=\"num\">10.0</td>"
                + "<td class=\"num\">100</td></tr>";
        assertThat(page)
                .contains("<tr><td class=\"method\">GET</td><td class=\"name\">/orders/{id}</td>" + figures)
                .contains("<tfoot>\n<tr><td class=\"method\"></td><td class=\"name\">Aggregated</td>" + figures)
                .contains("<tr><td class=\"method\">GET</td><td class=\"name\">/orders/{id}</td>"
                        + "<td class=\"error\">HTTP 503 Service Unavailable</td><td class=\"num\">5</td></tr>")
                .contains("<div class=\"message\">java.lang.IllegalStateException: no order id</div><details>"
                        + "<summary>Stack trace</summary><pre>java.lang.IllegalStateException: no order id\n"
                        + "\tat OrdersLoadTest.showOrder(OrdersLoadTest.java:42)</pre></details></td>"
                        + "<td class=\"where\"><code>OrdersLoadTest.showOrder</code></td>")
                .contains("<td><code>showOrder</code></td><td class=\"num\">28</td><td class=\"num bad\">3</td>");
    }

    @Test
    void theHeaderGivesTheVerdictOnTheThresholds() {
        LoadTestResult known = SyntheticResults.known();
        LoadTestResult passed = known.withThresholds(List.of(known.thresholds().getFirst()));

        assertThat(HtmlReport.render(known)).contains("<div class=\"badge\" id=\"verdict\">FAILED</div>",
                "<span class=\"verdict-summary\">1 of 2 thresholds broken</span>",
                "<title>dev.example.OrdersLoadTest · FAILED</title>",
                "<tr class=\"fail\"><td><span class=\"pill pill-fail\">FAIL</span></td><td><code>failure_rate &lt; 1%"
                        + "</code></td><td>failure_rate was 5.0%, budget &lt; 1% (5 of 100)</td></tr>",
                "<tr class=\"pass\"><td><span class=\"pill pill-pass\">PASS</span></td><td><code>p95 &lt; 500ms "
                        + "[GET /orders/{id}]</code></td>");
        assertThat(HtmlReport.render(passed)).contains("<div class=\"badge\" id=\"verdict\">PASSED</div>",
                "<span class=\"verdict-summary\">The threshold was met</span>");
        assertThat(HtmlReport.render(known.withThresholds(List.of()))).contains(
                "<div class=\"badge\" id=\"verdict\">COMPLETED</div>",
                "<span class=\"verdict-summary\">No thresholds declared</span>");
    }

    @Test
    void theProfileTellsHowTheRunWasConfigured() {
        String page = HtmlReport.render(SyntheticResults.known());

        assertThat(page).contains("<dt>Load model</dt><dd>stages: 5s → 4 users @ 2/s, 5s → 4 users at once</dd>",
                "<dt>Duration</dt><dd>10s</dd>", "<dt>Stop timeout</dt><dd>30s</dd>",
                "<dt>Host</dt><dd><code>http://127.0.0.1:8089</code> <span class=\"muted\">from @TargetHost "
                        + "OrdersLoadTest.host</span></dd>",
                "<dt>Seed</dt><dd><code>42</code></dd>", "<dt>Started</dt><dd>2025-11-22 20:33:10 UTC</dd>",
                "<tr><td>OrdersLoadTest</td><td>weight 1</td><td>between 50ms and 100ms</td><td><code class=\"task\">"
                        + "listOrders (3)</code> <code class=\"task\">showOrder (1)</code></td></tr>",
                "<tr><td class=\"num\">2</td><td class=\"num\">0:05</td><td class=\"num\">0:10</td>"
                        + "<td class=\"num\">4</td><td class=\"num\">at once</td></tr>");
    }

    @Test
    void theChartDataHoldsOnePointPerIntervalWithLatenciesInMilliseconds() {
        Matcher data = DATA.matcher(HtmlReport.render(SyntheticResults.known()));
        assertThat(data.find()).isTrue();
        JsonValue json = Json.parse(data.group(1));

        assertThat(json.get("t").toString()).isEqualTo("[0.0,5.0,10.0]");
        assertThat(json.get("users").toString()).isEqualTo("[0,4,4]");
        assertThat(json.get("rps").toString()).isEqualTo("[null,10.0,10.0]");
        assertThat(json.get("fps").toString()).isEqualTo("[null,1.0,0.0]");
        // HdrHistogram at 3 digits reports the top of each value's bucket: 25 ms reads as up to 25.016 ms.
        assertThat(json.at("/p50/1").asDouble()).isCloseTo(25, within(0.025));
        assertThat(json.at("/p99/2").asDouble()).isCloseTo(100, within(0.1));
        assertThat(json.get("stages").toString()).isEqualTo(
                "[{\"number\":1,\"start\":0.0,\"end\":5.0,\"users\":4},{\"number\":2,\"start\":5.0,\"end\":10.0,"
                        + "\"users\":4}]");
        assertThat(json.get("startedAt").asLong()).isEqualTo(Instant.parse("2025-11-22T20:33:10Z").toEpochMilli());
        assertThat(json.get("from").asDouble()).isZero();
    }

    @Test
    void aWindowOfTheRunChartsFromItsStartAndSaysWhatItCovers() {
        String page = HtmlReport.render(SyntheticResults.known().from(Duration.ofSeconds(5)));
        Matcher data = DATA.matcher(page);
        assertThat(data.find()).isTrue();
        JsonValue json = Json.parse(data.group(1));

        assertThat(json.get("from").asDouble()).isEqualTo(5.0);
        assertThat(json.get("t").toString()).isEqualTo("[10.0]");
        assertThat(json.get("users").toString()).isEqualTo("[4]");
        assertThat(page).contains("<div class=\"notice\">This report covers 0:05–0:10 of the run; failures, "
                + "exceptions and tasks are those of the whole run.</div>");
    }

    @Test
    void anIntervalWithoutRequestsIsAGapNotAZeroLatency() {
        RunProfile profile = new RunProfile("Idle", "1 user for 1s", List.of(), Duration.ofSeconds(1),
                Duration.ofSeconds(1), "", "", 1, List.of());
        LoadTestResult idle = new ResultBuilder(profile, Instant.EPOCH, Duration.ofSeconds(1))
                .interval(Duration.ZERO, Duration.ofSeconds(1), 1)
                .build();
        String page = HtmlReport.render(idle);
        Matcher data = DATA.matcher(page);
        assertThat(data.find()).isTrue();

        assertThat(Json.parse(data.group(1)).get("p95").toString()).isEqualTo("[null,null]");
        assertThat(page).contains("<td colspan=\"15\" class=\"empty\">No requests were recorded.</td>",
                "<p class=\"empty\">No request failed.</p>", "<p class=\"empty\">No task or hook threw.</p>",
                "<dt>Host</dt><dd><span class=\"muted\">none (absolute URLs only)</span></dd>");
    }

    @Test
    void writeCreatesTheDirectoryAndLeavesOnlyTheReport(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("loadtest/OrdersLoadTest/report.html");

        HtmlReport.write(SyntheticResults.known(), file);
        HtmlReport.write(SyntheticResults.known().withThresholds(List.of(
                new ThresholdResult("max < 5s", "Aggregated", true, "max was 100 ms"))), file);

        assertThat(Files.readString(file)).contains("<div class=\"badge\" id=\"verdict\">PASSED</div>");
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aReportStaysSmall() {
        // uPlot is about 50 KB; the rest is the page's own style, script and figures.
        assertThat(HtmlReport.render(SyntheticResults.known()).length()).isBetween(50_000, 90_000);
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    @Test
    void againstABaselineTheRequestsPercentilesStandBesideTheBaselinesWithTheChangeAndARegressionMarked() {
        BaselineRun baseline = SyntheticResults.fasterBaseline();
        LoadTestResult compared = SyntheticResults.comparedWithARegressedP95();

        String page = HtmlReport.render(compared, java.util.Optional.of(baseline));

        assertThat(page).contains("<section id=\"baseline\">\n<h2>Against the baseline</h2>",
                "Baseline <code>src/test/resources/baselines/OrdersLoadTest.json</code>, run 2025-11-21T10:00:00Z",
                "<td class=\"name\">/orders/{id}</td><td class=\"num\">40.0 → 50.0 (+25%)</td>"
                        + "<td class=\"num bad\">76.0 → 95.0 (+25%)</td><td class=\"num\">80.1 → 99.0 (+24%)</td>"
                        + "<td class=\"num\">8.0 → 10.0 (+25%)</td><td class=\"num\">0% → 5.0%</td></tr>",
                "<td class=\"name\">/gone</td><td colspan=\"5\" class=\"bad\">in the baseline, not recorded in "
                        + "this run</td>",
                // The overlay: the baseline's bar over this run's, each on the scale of the request's largest figure.
                "<div class=\"overlay-row\" data-percentile=\"p95\"><span class=\"overlay-label\">p95</span>"
                        + "<div class=\"overlay-bars\"><div class=\"bar before\" style=\"width: 76.79%\" data-ms=\"76.031\"");
        assertThat(page).doesNotContain("data-request=\"GET /gone\"");
        // In the overlay too, the regressed p95 is in the failure colour, and only it.
        assertThat(overlayRow(page, "p95")).contains("<div class=\"bar now regressed\"");
        assertThat(overlayRow(page, "p50")).contains("<div class=\"bar now\"").doesNotContain("regressed");
        assertThat(overlayRow(page, "p99")).contains("<div class=\"bar now\"").doesNotContain("regressed");
        assertThat(HtmlReport.render(SyntheticResults.known())).doesNotContain("Against the baseline");
    }

    /** The baseline overlay's row of {@code percentile}, e.g. {@code p95}, of the first request it shows. */
    private static String overlayRow(String page, String percentile) {
        int from = page.indexOf("data-percentile=\"" + percentile + "\"", page.indexOf("class=\"baseline-overlay\""));
        assertThat(from).as("the overlay's %s row", percentile).isNotNegative();
        return page.substring(from, page.indexOf("</div>\n", from));
    }
}

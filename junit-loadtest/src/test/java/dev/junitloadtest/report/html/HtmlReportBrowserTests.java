package dev.junitloadtest.report.html;

import static dev.junitloadtest.EngineRuns.runLoad;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.Events;

import dev.junitloadtest.CapacitySearch;
import dev.junitloadtest.FixtureRun;
import dev.junitloadtest.LoadTest;
import dev.junitloadtest.RampStage;
import dev.junitloadtest.Task;
import dev.junitloadtest.UserType;
import dev.junitloadtest.WaitTime;
import dev.junitloadtest.http.Http;
import dev.junitloadtest.internal.report.html.HtmlReport;
import dev.junitloadtest.json.JsonValue;
import dev.junitloadtest.result.Capacity;
import dev.junitloadtest.result.FailureStats;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RequestStats;
import dev.junitloadtest.result.ThresholdResult;
import dev.junitloadtest.samples.SampleTargetExtension;

/**
 * Opens reports in a real headless Chromium (Debian's {@code chromium} package) and checks what a person would see:
 * the page renders, every chart is drawn from the run's data, nothing is logged as an error, nothing is fetched, and
 * hostile text stays text. Skipped, saying why, where no Chromium is installed.
 */
class HtmlReportBrowserTests {

    /** System property that turns a missing Chromium from a skipped test into a failed one, for CI. */
    static final String REQUIRE_CHROMIUM_PROPERTY = "junitloadtest.test.require-chromium";

    static final Path OUTPUT = Path.of("target", "html-report");

    static Chromium chromium;

    // Per test rather than per class, so that each test shows as skipped, with the reason, rather than vanishing.
    @BeforeEach
    void startChromium() throws IOException, InterruptedException {
        Path executable = Chromium.executable().orElse(null);
        String missing = "No Chromium to test report.html in: install Debian's `chromium` package (apt-get install "
                + "chromium), or name the browser with -D" + Chromium.EXECUTABLE_PROPERTY + "=/path/to/chromium";
        if (executable == null && Boolean.getBoolean(REQUIRE_CHROMIUM_PROPERTY)) {
            throw new IllegalStateException(missing + " (-D" + REQUIRE_CHROMIUM_PROPERTY + "=true: not skipped)");
        }
        Assumptions.assumeTrue(executable != null, missing);
        if (chromium == null) {
            chromium = Chromium.launch(executable);
        }
    }

    @AfterAll
    static void stopChromium() throws IOException {
        if (chromium != null) {
            chromium.close();
            chromium = null;
        }
    }

    @Test
    void theReportOfARealRunRendersItsChartsAndTablesWithoutAnError() throws Exception {
        FixtureRun shop = runLoad(ShopTestCase.class);
        Events tests = shop.testEvents();
        // checkout() throws every time, and its task result says so; nothing else fails.
        assertThat(tests.failed().stream().map(event -> event.getTestDescriptor().getDisplayName()))
                .singleElement().asString().matches("[0-9,]+ runs, [0-9,]+ threw");
        LoadTestResult run = shop.result();
        RequestStats buggy = run.request("GET /buggy").orElseThrow();
        // The thresholds engine is not part of this test: two verdicts made here give the table something to show.
        LoadTestResult result = run.withThresholds(List.of(
                new ThresholdResult("failure_rate < 1%", "Aggregated", false, String.format(java.util.Locale.ROOT,
                        "failure_rate was %.1f%%, budget < 1%% (%d of %d)", run.total().failureRate() * 100,
                        run.total().failures(), run.total().count())),
                new ThresholdResult("p95 < 500ms", "GET /", true, String.format(java.util.Locale.ROOT,
                        "p95 was %.2f ms, budget < 500 ms (n=%d)",
                        run.request("GET /").orElseThrow().percentile(95).toNanos() / 1e6,
                        run.request("GET /").orElseThrow().count()))));
        Path file = OUTPUT.resolve("real-run/report.html");
        HtmlReport.write(result, file);

        chromium.open(file.toUri(), 1400, 900);

        assertThat(chromium.problems()).isEmpty();
        assertThat(chromium.requestedUrls()).containsExactly(file.toUri().toString());
        JsonValue charts = chromium.evaluate("""
                window.loadTestReport.charts.map(u => ({
                  id: u.root.parentNode.id,
                  points: u.data[0].length,
                  series: u.series.slice(1).map(s => s.label),
                  drawn: u.data.slice(1).map(values => values.some(v => v > 0)),
                  pixels: (() => {
                    const canvas = u.root.querySelector('canvas');
                    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                    const colours = u.series.slice(1)
                        .map(s => s.stroke().match(/[0-9a-f]{2}/gi).map(h => parseInt(h, 16)));
                    let count = 0;
                    for (let i = 0; i < pixels.length; i += 4) {
                      if (pixels[i + 3] > 200 && colours.some(([r, g, b]) => Math.abs(pixels[i] - r) < 8
                          && Math.abs(pixels[i + 1] - g) < 8 && Math.abs(pixels[i + 2] - b) < 8)) count++;
                    }
                    return count;
                  })()
                }))""");
        assertThat(charts.elements()).extracting(chart -> chart.get("id").asText())
                .containsExactly("chart-throughput", "chart-latency", "chart-users");
        assertThat(charts.elements()).extracting(chart -> chart.get("series").toString()).containsExactly(
                "[\"Requests/s\",\"Failures/s\"]", "[\"p50\",\"p95\",\"p99\",\"max\"]", "[\"Users\"]");
        for (JsonValue chart : charts.elements()) {
            // One point per interval, after the run's start with no users.
            assertThat(chart.get("points").asInt()).as("points of %s", chart.get("id")).isEqualTo(
                    result.history().size() + 1).isGreaterThanOrEqualTo(5);
            assertThat(chart.get("drawn").elements()).as("series with data in %s", chart.get("id"))
                    .allMatch(JsonValue::asBoolean);
            // The series' own colours on the canvas: uPlot drew lines, not just axes and grid. Counted over all
            // series, because lines drawn later cover earlier ones where they coincide (p50 under p95 when the
            // latencies are flat); a line across the plot is several hundred pixels whatever its shape.
            assertThat(chart.get("pixels").asInt()).as("pixels in the series' colours of %s", chart.get("id"))
                    .isGreaterThan(300);
        }

        JsonValue page = chromium.evaluate("""
                ({
                  verdict: document.getElementById('verdict').textContent,
                  requests: [...document.querySelectorAll('table.stats tbody td.name')].map(td => td.textContent),
                  buggyFailRate: [...document.querySelectorAll('table.stats tbody tr')]
                      .find(tr => tr.querySelector('td.name').textContent === '/buggy').children[4].textContent,
                  failures: [...document.querySelectorAll('table.failures td.error')].map(td => td.textContent),
                  exceptions: [...document.querySelectorAll('table.exceptions .message')].map(div => div.textContent),
                  thresholds: document.querySelectorAll('table.thresholds tbody tr').length,
                  stages: document.querySelectorAll('table.stages tbody tr').length,
                  height: document.documentElement.scrollHeight
                })""");
        assertThat(page.get("verdict").asText()).isEqualTo("FAILED");
        assertThat(page.get("requests").toString()).isEqualTo("[\"/\",\"/buggy\",\"/volatile\"]");
        assertThat(page.get("buggyFailRate").asText())
                .isEqualTo(String.format(java.util.Locale.ROOT, "%.1f%%", buggy.failureRate() * 100));
        assertThat(page.get("failures").elements()).extracting(JsonValue::asText)
                .containsExactlyElementsOf(result.failures().stream().map(FailureStats::error).toList())
                .contains("HTTP 500 Internal Server Error");
        assertThat(page.get("exceptions").toString())
                .isEqualTo("[\"java.lang.IllegalStateException: the cart is empty\"]");
        assertThat(page.get("thresholds").asInt()).isEqualTo(2);
        assertThat(page.get("stages").asInt()).isEqualTo(3);

        // Pointing at the fourth point of one chart shows its values in the legends of all three.
        JsonValue point = chromium.evaluate("""
                (() => {
                  const u = window.loadTestReport.charts[0];
                  const over = u.root.querySelector('.u-over').getBoundingClientRect();
                  return { x: over.left + u.valToPos(u.data[0][3], 'x'), y: over.top + over.height / 2 };
                })()""");
        chromium.moveMouse(point.get("x").asDouble(), point.get("y").asDouble());
        JsonValue legends = chromium.evaluate("""
                ({
                  indexes: window.loadTestReport.charts.map(u => u.legend.idx),
                  p95: document.querySelector('#chart-latency .u-legend .u-series:nth-child(3) .u-value').textContent,
                  users: document.querySelector('#chart-users .u-legend .u-series:nth-child(2) .u-value').textContent
                })""");
        assertThat(legends.get("indexes").toString()).isEqualTo("[3,3,3]");
        assertThat(legends.get("p95").asText()).matches("[0-9][0-9.,]* ms");
        assertThat(legends.get("users").asText()).isEqualTo(String.valueOf(result.history().get(2).users()));
        Files.write(OUTPUT.resolve("real-run/report-top.png"), chromium.screenshot());
        chromium.viewport(1400, page.get("height").asInt());
        byte[] png = chromium.screenshot();
        Files.write(OUTPUT.resolve("real-run/report.png"), png);
        assertThat(png.length).isGreaterThan(20_000);
        assertThat(chromium.problems()).isEmpty();
    }

    @Test
    void hostileNamesAndMessagesShowAsTextAndRunNothing() throws Exception {
        LoadTestResult hostile = SyntheticResults.hostile();
        Path file = OUTPUT.resolve("hostile/report.html");
        HtmlReport.write(hostile, file);

        chromium.open(file.toUri(), 1400, 900);

        assertThat(chromium.problems()).isEmpty();
        JsonValue page = chromium.evaluate("""
                ({
                  pwned: window.__pwned === undefined ? null : String(window.__pwned),
                  scripts: document.scripts.length,
                  injected: document.querySelectorAll('img, svg, iframe, [onerror], [onload], [onmouseover], '
                      + '[onfocus], [autofocus]').length,
                  title: document.title,
                  heading: document.querySelector('h1').textContent,
                  names: [...document.querySelectorAll('table.stats tbody td.name')].map(td => td.textContent),
                  errors: [...document.querySelectorAll('table.failures td.error')].map(td => td.textContent),
                  warnings: [...document.querySelectorAll('#warnings li')].map(li => li.textContent),
                  dataTest: JSON.parse(document.getElementById('report-data').textContent).test,
                  charts: window.loadTestReport.charts.length
                })""");
        assertThat(page.get("pwned").isNull()).as("window.__pwned is %s", page.get("pwned")).isTrue();
        assertThat(page.get("scripts").asInt()).isEqualTo(3);
        assertThat(page.get("injected").asInt()).isZero();
        String worst = hostile.profile().testName();
        assertThat(page.get("title").asText()).isEqualTo(worst + " · FAILED");
        assertThat(page.get("heading").asText()).isEqualTo(worst);
        assertThat(page.get("dataTest").asText()).isEqualTo(worst);
        List<String> sorted = hostile.requests().stream().map(RequestStats::name).toList();
        assertThat(page.get("names").elements()).extracting(JsonValue::asText).containsExactlyElementsOf(sorted);
        assertThat(page.get("errors").elements()).extracting(JsonValue::asText)
                .containsExactlyInAnyOrderElementsOf(SyntheticResults.HOSTILE);
        assertThat(page.get("warnings").elements()).extracting(JsonValue::asText)
                .containsExactlyElementsOf(SyntheticResults.HOSTILE);
        assertThat(page.get("charts").asInt()).isEqualTo(3);
        Files.write(OUTPUT.resolve("hostile/report.png"), chromium.screenshot());
    }

    @Test
    void theReportOfACapacitySearchDrawsThroughputAndP95AgainstUsers() throws Exception {
        LoadTestResult result = runLoad(CapacitySearchTestCase.class).result();
        Capacity capacity = result.capacity().orElseThrow();
        assertThat(capacity.steps()).hasSize(3);
        Path file = OUTPUT.resolve("capacity/report.html");
        HtmlReport.write(result, file);

        chromium.open(file.toUri(), 1400, 900);

        assertThat(chromium.problems()).isEmpty();
        JsonValue chart = chromium.evaluate("""
                (() => {
                  const u = window.loadTestReport.capacityChart;
                  const canvas = u.root.querySelector('canvas');
                  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                  const colours = u.series.slice(1).map(s => s.stroke().match(/[0-9a-f]{2}/gi).map(h => parseInt(h, 16)));
                  const counts = colours.map(([r, g, b]) => {
                    let count = 0;
                    for (let i = 0; i < pixels.length; i += 4) {
                      if (pixels[i + 3] > 200 && Math.abs(pixels[i] - r) < 8 && Math.abs(pixels[i + 1] - g) < 8
                          && Math.abs(pixels[i + 2] - b) < 8) count++;
                    }
                    return count;
                  });
                  return {
                    id: u.root.parentNode.id,
                    users: u.data[0],
                    series: u.series.slice(1).map(s => s.label),
                    drawn: u.data.slice(1).map(values => values.every(v => v > 0)),
                    pixels: counts,
                    rows: document.querySelectorAll('#capacity table.capacity tbody tr').length,
                    timeCharts: window.loadTestReport.charts.length
                  };
                })()""");
        assertThat(chart.get("id").asText()).isEqualTo("chart-capacity");
        assertThat(chart.get("users").toString()).isEqualTo("[2,4,6]");
        assertThat(chart.get("series").toString()).isEqualTo("[\"Requests/s\",\"p95\"]");
        assertThat(chart.get("drawn").toString()).as("every step has a rate and a p95").isEqualTo("[true,true]");
        // Each series drew a line of its own colour across the plot, not only points or axes.
        assertThat(chart.get("pixels").elements()).allSatisfy(count -> assertThat(count.asInt()).isGreaterThan(100));
        assertThat(chart.get("rows").asInt()).isEqualTo(3);
        assertThat(chart.get("timeCharts").asInt()).isEqualTo(3);
        Files.write(OUTPUT.resolve("capacity/report.png"), chromium.screenshot());
    }

    @Test
    void theBaselinesPercentilesAreLaidOverThisRunsAsBarsToScale() throws Exception {
        Path file = OUTPUT.resolve("baseline/report.html");
        Files.createDirectories(file.getParent());
        Files.writeString(file, HtmlReport.render(SyntheticResults.comparedWithARegressedP95(),
                java.util.Optional.of(SyntheticResults.fasterBaseline())));

        chromium.open(file.toUri(), 1400, 900);

        assertThat(chromium.problems()).isEmpty();
        JsonValue overlay = chromium.evaluate("""
                [...document.querySelectorAll('#baseline .overlay-request')].map(request => ({
                  request: request.dataset.request,
                  rows: [...request.querySelectorAll('.overlay-row')].map(row => {
                    const [before, now] = [...row.querySelectorAll('.bar')];
                    return {
                      percentile: row.dataset.percentile,
                      before: before.getBoundingClientRect().width,
                      now: now.getBoundingClientRect().width,
                      beforeMs: Number(before.dataset.ms),
                      nowMs: Number(now.dataset.ms),
                      regressed: now.classList.contains('regressed'),
                      nowColour: getComputedStyle(now).backgroundColor,
                      beforeColour: getComputedStyle(before).backgroundColor
                    };
                  })
                }))""");
        // Only the request both runs have is laid over; the one the run lacks is in the table, as missing.
        assertThat(overlay.elements()).extracting(request -> request.get("request").asText())
                .containsExactly("GET /orders/{id}");
        List<JsonValue> rows = overlay.get(0).get("rows").elements();
        assertThat(rows).extracting(row -> row.get("percentile").asText()).containsExactly("p50", "p95", "p99");
        double widest = rows.stream().mapToDouble(row -> Math.max(row.get("before").asDouble(),
                row.get("now").asDouble())).max().orElseThrow();
        double largest = rows.stream().mapToDouble(row -> Math.max(row.get("beforeMs").asDouble(),
                row.get("nowMs").asDouble())).max().orElseThrow();
        assertThat(widest).as("the largest figure's bar has room to show").isGreaterThan(100);
        for (JsonValue row : rows) {
            // Drawn to scale: each bar's width is its figure's share of the request's largest, to a pixel.
            assertThat(row.get("before").asDouble()).isCloseTo(widest * row.get("beforeMs").asDouble() / largest,
                    within(1.0));
            assertThat(row.get("now").asDouble()).isCloseTo(widest * row.get("nowMs").asDouble() / largest,
                    within(1.0));
            // This run is 25% slower: its bar is the longer one, and in another colour than the baseline's.
            assertThat(row.get("now").asDouble()).isGreaterThan(row.get("before").asDouble());
            assertThat(row.get("nowColour").asText()).isNotEqualTo(row.get("beforeColour").asText());
        }
        assertThat(rows).extracting(row -> row.get("regressed").asBoolean()).containsExactly(false, true, false);
        assertThat(rows.get(1).get("nowColour").asText()).isNotEqualTo(rows.get(0).get("nowColour").asText());
        Files.write(OUTPUT.resolve("baseline/report.png"), chromium.screenshot());
    }

    /** A capacity search of three one-second steps that all hold: 2, 4 and 6 users on the sample target's {@code /}. */
    @LoadTest(stopTimeout = "1s")
    @CapacitySearch(startUsers = 2, step = 2, maxUsers = 6, stepDuration = "1s", warmUp = 0,
            budgets = {"p95 < 5s", "failure_rate < 1%"})
    static class CapacitySearchTestCase {

        @RegisterExtension
        static SampleTargetExtension target = new SampleTargetExtension();

        @Task
        void home(Http http) {
            http.get("/");
        }
    }

    /**
     * A short shop: ramps to 12 users, holds, ramps down. Shoppers mostly browse {@code /}, often hit {@code /buggy}
     * (one request in five fails) and always fail to check out (it throws); two patient users wait on
     * {@code /volatile}, whose delay grows by a second every ten requests to the target's counter.
     */
    @LoadTest(stopTimeout = "300ms", seed = "42")
    @RampStage(duration = "2s", users = 12, spawnRate = 8)
    @RampStage(duration = "2s", users = 12)
    @RampStage(duration = "1s", users = 5, spawnRate = 20)
    @UserType(ShopTestCase.class)
    @UserType(value = PatientUser.class, fixedCount = 2)
    @WaitTime(min = "40ms", max = "120ms")
    static class ShopTestCase {

        @RegisterExtension
        static final SampleTargetExtension target = new SampleTargetExtension();

        @Task(weight = 8)
        void browse(Http http) {
            http.get("/");
        }

        @Task(weight = 4)
        void buggy(Http http) {
            http.get("/buggy");
        }

        @Task(weight = 1)
        void checkout(Http http) {
            throw new IllegalStateException("the cart is empty");
        }
    }

    /** Waits on {@code /volatile}, however long it takes. */
    public static class PatientUser {

        @Task
        void slow(Http http) {
            http.get("/volatile");
        }
    }
}

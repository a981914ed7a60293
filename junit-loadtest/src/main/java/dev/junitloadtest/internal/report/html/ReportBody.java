package dev.junitloadtest.internal.report.html;

import static dev.junitloadtest.internal.report.html.Html.text;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.junitloadtest.internal.baseline.BaselineRun;
import dev.junitloadtest.LoadTestVerdicts;
import dev.junitloadtest.result.ExceptionStats;
import dev.junitloadtest.result.FailureStats;
import dev.junitloadtest.result.Formats;
import dev.junitloadtest.result.HistoryPoint;
import dev.junitloadtest.internal.report.CapacityReport;
import dev.junitloadtest.result.Capacity;
import dev.junitloadtest.result.CapacityStep;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RequestStats;
import dev.junitloadtest.result.TaskStats;
import dev.junitloadtest.result.ThresholdResult;

/**
 * The report's markup, rendered on the JVM: the verdict, headline figures, chart placeholders and every table. The
 * tables need no script, so the figures can be read where a viewer blocks scripts; only the charts do. Every text
 * that comes from the run passes through {@link Html#text(String)}. Internal.
 */
final class ReportBody {

    private final LoadTestResult result;
    private final StringBuilder out = new StringBuilder(16_384);

    private ReportBody(LoadTestResult result) {
        this.result = result;
    }

    static String render(LoadTestResult result, Optional<BaselineRun> baseline) {
        ReportBody body = new ReportBody(result);
        body.header();
        body.out.append("<main>\n");
        body.notices();
        body.headline();
        body.charts();
        body.capacity();
        body.thresholds();
        body.requests();
        baseline.ifPresent(before -> new BaselineSection(result, before, body.out).render());
        body.failures();
        body.exceptions();
        body.tasks();
        new ProfileSection(result, body.out).render();
        body.out.append("</main>\n");
        return body.out.toString();
    }

    private void header() {
        List<ThresholdResult> thresholds = result.thresholds();
        long broken = thresholds.stream().filter(verdict -> !verdict.passed()).count();
        String verdict;
        String summary;
        if (LoadTestVerdicts.Verdicts.runFailed(result) && broken == 0) {
            // Green thresholds do not make a run that ended early or failed on the generator's side a pass.
            verdict = "fail";
            summary = result.stopReason().isPresent() ? "The run ended early" : "The run failed";
        } else if (thresholds.isEmpty()) {
            verdict = "none";
            summary = "No thresholds declared";
        } else if (broken > 0) {
            verdict = "fail";
            summary = broken + " of " + thresholds.size() + (thresholds.size() == 1 ? " threshold" : " thresholds")
                    + " broken";
        } else {
            verdict = "pass";
            summary = thresholds.size() == 1 ? "The threshold was met" : "All " + thresholds.size()
                    + " thresholds met";
        }
        String badge = switch (verdict) {
            case "fail" -> "FAILED";
            case "pass" -> "PASSED";
            default -> "COMPLETED";
        };
        out.append("<header class=\"top verdict-").append(verdict).append("\" id=\"top\">\n<div class=\"wrap\">\n")
                .append("<div class=\"badge\" id=\"verdict\">").append(badge).append("</div>\n")
                .append("<div class=\"title\">\n<h1>").append(text(result.profile().testName())).append("</h1>\n")
                .append("<p class=\"subtitle\"><span class=\"verdict-summary\">").append(text(summary))
                .append("</span>");
        if (result.stopReason().isPresent()) {
            out.append(" <span class=\"chip chip-warn\">stopped early</span>");
        }
        out.append("</p>\n<p class=\"facts\">").append("Started ").append(Formats.timestamp(result.startedAt()))
                .append(" · measured ").append(Formats.elapsed(result.elapsed()))
                .append(" · ").append(text(result.profile().loadModel()));
        if (!result.profile().host().isEmpty()) {
            out.append(" · ").append(text(result.profile().host()));
        }
        out.append("</p>\n</div>\n</div>\n</header>\n<nav class=\"sections\"><div class=\"wrap\">")
                .append("<a href=\"#charts\">Charts</a><a href=\"#thresholds\">Thresholds</a>")
                .append("<a href=\"#requests\">Requests</a><a href=\"#failures\">Failures</a>")
                .append("<a href=\"#exceptions\">Exceptions</a><a href=\"#tasks\">Tasks</a>")
                .append("<a href=\"#profile\">Profile</a></div></nav>\n");
    }

    private void notices() {
        if (result.stopReason().isEmpty() && result.warnings().isEmpty() && result.runFailures().isEmpty()
                && !result.isWindow()) {
            return;
        }
        out.append("<section class=\"notices\" id=\"notices\">\n");
        result.stopReason().ifPresent(reason -> out.append("<div class=\"notice notice-stop\" id=\"stop-reason\">")
                .append("<strong>Stopped early.</strong> ").append(text(reason)).append("</div>\n"));
        if (!result.runFailures().isEmpty()) {
            out.append("<div class=\"notice notice-stop\" id=\"run-failures\"><strong>Run failed.</strong> ")
                    .append("The figures do not describe the load asked for:<ul>");
            for (String failure : result.runFailures()) {
                out.append("<li>").append(text(failure)).append("</li>");
            }
            out.append("</ul></div>\n");
        }
        if (!result.warnings().isEmpty()) {
            out.append("<div class=\"notice notice-warn\" id=\"warnings\"><strong>")
                    .append(result.warnings().size() == 1 ? "Warning" : "Warnings").append("</strong><ul>");
            for (String warning : result.warnings()) {
                out.append("<li>").append(text(warning)).append("</li>");
            }
            out.append("</ul></div>\n");
        }
        if (result.isWindow()) {
            out.append("<div class=\"notice\">This report covers ").append(Formats.offset(result.windowStart()))
                    .append("–").append(Formats.offset(result.windowEnd()))
                    .append(" of the run; failures, exceptions and tasks are those of the whole run.</div>\n");
        }
        out.append("</section>\n");
    }

    private void headline() {
        RequestStats total = result.total();
        int peakUsers = result.history().stream().mapToInt(HistoryPoint::users).max().orElse(0);
        out.append("<section class=\"headline\" id=\"headline\">\n");
        card("Requests", Formats.count(total.count()), "");
        card("Failures", Formats.count(total.failures()), Formats.compactPercent(total.failureRate()),
                total.failures() > 0 ? " bad" : "");
        card("Throughput", Formats.compactRate(total.throughput()), "req/s");
        card("Median", Formats.compactMillis(total.median()), "ms");
        card("p95", Formats.compactMillis(total.percentile(95)), "ms");
        card("p99", Formats.compactMillis(total.percentile(99)), "ms");
        card("Max", Formats.compactMillis(total.max()), "ms");
        card("Peak users", Formats.count(peakUsers), "");
        out.append("</section>\n");
    }

    private void card(String label, String value, String unit) {
        card(label, value, unit, "");
    }

    private void card(String label, String value, String unit, String modifier) {
        out.append("<div class=\"card").append(modifier).append("\"><div class=\"label\">").append(label)
                .append("</div><div class=\"value\">").append(value);
        if (!unit.isEmpty()) {
            out.append(" <span class=\"unit\">").append(unit).append("</span>");
        }
        out.append("</div></div>\n");
    }

    private void charts() {
        out.append("<section id=\"charts\">\n<h2>Over time</h2>\n");
        chart("throughput", "Throughput", "requests and failures per second");
        chart("latency", "Response times", "percentiles of each interval, ms");
        chart("users", "Users", "running at the end of each interval");
        out.append("<noscript><p class=\"empty\">The charts need JavaScript; the tables below do not.</p></noscript>\n")
                .append("</section>\n");
    }

    /** A capacity search's result: the capacity in words, throughput and p95 against users, the step table. */
    private void capacity() {
        if (result.capacity().isEmpty()) {
            return;
        }
        Capacity capacity = result.capacity().get();
        out.append("<section id=\"capacity\">\n<h2>Capacity</h2>\n<p class=\"capacity-verdict\">")
                .append(text(capacity.describe())).append("</p>\n<p>Budgets: <code>")
                .append(text(String.join(", ", capacity.budgets()))).append("</code>; knee: ")
                .append(text(CapacityReport.knee(capacity))).append("</p>\n");
        String load = capacity.byArrivalRate() ? "Arrival rate (it/s)" : "Users";
        chart("capacity", "Throughput and p95 against " + (capacity.byArrivalRate() ? "the arrival rate" : "users"),
                "each step after its warm-up");
        out.append("<div class=\"scroll\">\n<table class=\"stats capacity\">\n<thead><tr><th class=\"num\">Step</th>")
                .append("<th class=\"num\">").append(load).append("</th><th class=\"num\">Requests</th><th class=\"num\">Fail %</th>")
                .append("<th class=\"num\">req/s</th><th class=\"num\">p50</th><th class=\"num\">p95</th>")
                .append("<th class=\"num\">p99</th><th>Verdict</th><th>Breaches</th></tr></thead>\n<tbody>\n");
        for (CapacityStep step : capacity.steps()) {
            out.append("<tr class=\"").append(step.held() ? "pass" : "fail").append("\">");
            for (String cell : List.of(Integer.toString(step.number()), CapacityReport.load(step),
                    Formats.count(step.requests()), Formats.compactPercent(step.failureRate()),
                    Formats.compactRate(step.requestsPerSecond()), Formats.compactMillis(step.p50()),
                    Formats.compactMillis(step.p95()), Formats.compactMillis(step.p99()))) {
                out.append("<td class=\"num\">").append(cell).append("</td>");
            }
            out.append("<td>").append(text(CapacityReport.verdict(capacity, step))).append("</td><td>")
                    .append(text(String.join("; ", step.breaches()))).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n</div>\n</section>\n");
    }

    private void chart(String id, String title, String caption) {
        out.append("<figure class=\"chart-card\"><figcaption><span class=\"chart-title\">").append(title)
                .append("</span> <span class=\"caption\">").append(caption).append("</span></figcaption>")
                .append("<div class=\"chart\" id=\"chart-").append(id).append("\"></div></figure>\n");
    }

    private void thresholds() {
        out.append("<section id=\"thresholds\">\n<h2>Thresholds</h2>\n");
        if (result.thresholds().isEmpty()) {
            out.append("<p class=\"empty\">No thresholds declared. Add <code>@Threshold(\"p95 &lt; 500ms\")</code> ")
                    .append("to the class to fail the build when a budget breaks.</p>\n</section>\n");
            return;
        }
        out.append("<table class=\"thresholds\">\n<thead><tr><th>Verdict</th><th>Threshold</th><th>Figures</th>")
                .append("</tr></thead>\n<tbody>\n");
        for (ThresholdResult verdict : result.thresholds()) {
            out.append("<tr class=\"").append(verdict.passed() ? "pass" : "fail").append("\"><td><span class=\"pill ")
                    .append(verdict.passed() ? "pill-pass\">PASS" : "pill-fail\">FAIL").append("</span></td><td><code>")
                    .append(text(verdict.displayName())).append("</code></td><td>").append(text(verdict.message()))
                    .append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n</section>\n");
    }

    private void requests() {
        out.append("<section id=\"requests\">\n<h2>Requests</h2>\n<div class=\"scroll\">\n<table class=\"stats\">\n")
                .append("<thead><tr class=\"group\"><th colspan=\"5\"></th>")
                .append("<th colspan=\"8\" class=\"span\">Response time, ms</th><th colspan=\"2\"></th></tr>\n")
                .append("<tr><th>Type</th><th>Name</th><th class=\"num\">Requests</th>")
                .append("<th class=\"num\">Fails</th><th class=\"num\">Fail %</th><th class=\"num\">Median</th>")
                .append("<th class=\"num\">Avg</th><th class=\"num\">Min</th><th class=\"num\">Max</th>")
                .append("<th class=\"num\">p90</th><th class=\"num\">p95</th><th class=\"num\">p99</th>")
                .append("<th class=\"num\">p99.9</th><th class=\"num\">req/s</th>")
                .append("<th class=\"num\">Avg size, B</th></tr></thead>\n<tbody>\n");
        for (RequestStats stats : result.requests()) {
            statsRow(stats);
        }
        if (result.requests().isEmpty()) {
            out.append("<tr><td colspan=\"15\" class=\"empty\">No requests were recorded.</td></tr>\n");
        }
        out.append("</tbody>\n<tfoot>\n");
        statsRow(result.total());
        out.append("</tfoot>\n</table>\n</div>\n</section>\n");
    }

    private void statsRow(RequestStats stats) {
        out.append("<tr><td class=\"method\">").append(text(stats.method())).append("</td><td class=\"name\">")
                .append(text(stats.name())).append("</td>");
        number(Formats.count(stats.count()), "");
        number(Formats.count(stats.failures()), stats.failures() > 0 ? "bad" : "");
        number(Formats.compactPercent(stats.failureRate()), stats.failures() > 0 ? "bad" : "");
        for (Duration latency : List.of(stats.median(), stats.mean(), stats.min(), stats.max(), stats.percentile(90),
                stats.percentile(95), stats.percentile(99), stats.percentile(99.9))) {
            number(Formats.compactMillis(latency), "");
        }
        number(Formats.compactRate(stats.throughput()), "");
        number(Formats.bytes(stats.averageContentSize()), "");
        out.append("</tr>\n");
    }

    private void number(String value, String modifier) {
        out.append("<td class=\"num").append(modifier.isEmpty() ? "" : " " + modifier).append("\">").append(value)
                .append("</td>");
    }

    private void failures() {
        out.append("<section id=\"failures\">\n<h2>Failures</h2>\n");
        if (result.failures().isEmpty()) {
            out.append("<p class=\"empty\">No request failed.</p>\n</section>\n");
            return;
        }
        out.append("<div class=\"scroll\">\n<table class=\"failures\">\n<thead><tr><th>Type</th><th>Name</th>")
                .append("<th>Error</th><th class=\"num\">Occurrences</th></tr></thead>\n<tbody>\n");
        for (FailureStats failure : result.failures()) {
            out.append("<tr><td class=\"method\">").append(text(failure.method())).append("</td><td class=\"name\">")
                    .append(text(failure.name())).append("</td><td class=\"error\">").append(text(failure.error()))
                    .append("</td>");
            number(Formats.count(failure.occurrences()), "");
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n</div>\n</section>\n");
    }

    private void exceptions() {
        out.append("<section id=\"exceptions\">\n<h2>Exceptions</h2>\n");
        if (result.exceptions().isEmpty()) {
            out.append("<p class=\"empty\">No task or hook threw.</p>\n</section>\n");
            return;
        }
        out.append("<table class=\"exceptions\">\n<thead><tr><th class=\"num\">Count</th><th>Exception</th>")
                .append("<th>Where</th></tr></thead>\n<tbody>\n");
        for (ExceptionStats exception : result.exceptions()) {
            out.append("<tr>");
            number(Formats.count(exception.count()), "");
            out.append("<td class=\"exception\"><div class=\"message\">").append(text(exception.message()))
                    .append("</div>");
            if (!exception.traceback().isBlank()) {
                out.append("<details><summary>Stack trace</summary><pre>").append(text(exception.traceback()))
                        .append("</pre></details>");
            }
            out.append("</td><td class=\"where\">");
            Set<String> where = new TreeSet<>(exception.where());
            boolean first = true;
            for (String place : where) {
                out.append(first ? "" : "<br>").append("<code>").append(text(place)).append("</code>");
                first = false;
            }
            out.append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n</section>\n");
    }

    private void tasks() {
        out.append("<section id=\"tasks\">\n<h2>Tasks</h2>\n");
        if (result.tasks().isEmpty()) {
            out.append("<p class=\"empty\">No task ran.</p>\n</section>\n");
            return;
        }
        out.append("<table class=\"tasks\">\n<thead><tr><th>User type</th><th>Task</th>")
                .append("<th class=\"num\">Iterations</th><th class=\"num\">Threw</th></tr></thead>\n<tbody>\n");
        for (TaskStats task : result.tasks()) {
            out.append("<tr><td>").append(text(task.userType())).append("</td><td><code>").append(text(task.task()))
                    .append("</code></td>");
            number(Formats.count(task.iterations()), "");
            number(Formats.count(task.exceptions()), task.exceptions() > 0 ? "bad" : "");
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n</section>\n");
    }
}

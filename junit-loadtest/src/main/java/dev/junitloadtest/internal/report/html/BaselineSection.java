package dev.junitloadtest.internal.report.html;

import static dev.junitloadtest.internal.report.html.Html.text;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.junitloadtest.internal.baseline.BaselineComparison;
import dev.junitloadtest.internal.baseline.BaselineRun;
import dev.junitloadtest.result.Formats;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RequestStats;

/**
 * The report's comparison with the baseline: per request, the baseline's p50, p95 and p99, throughput and failure
 * rate beside this run's, with the change, a change that failed its verdict marked. The verdicts themselves, with
 * their reasons, are in the thresholds table. Internal.
 */
final class BaselineSection {

    private final LoadTestResult result;
    private final BaselineRun baseline;
    private final StringBuilder out;

    BaselineSection(LoadTestResult result, BaselineRun baseline, StringBuilder out) {
        this.result = result;
        this.baseline = baseline;
        this.out = out;
    }

    void render() {
        out.append("<section id=\"baseline\">\n<h2>Against the baseline</h2>\n<p class=\"muted\">Baseline <code>")
                .append(text(baseline.file())).append("</code>, run ").append(text(baseline.startedAt()))
                .append(" · ").append(text(baseline.loadModel()))
                .append(". Each cell: baseline → this run (change).</p>\n")
                .append("<div class=\"scroll\">\n<table class=\"stats baseline\">\n<thead><tr><th>Type</th>")
                .append("<th>Name</th>");
        for (double percentile : BaselineComparison.PERCENTILES) {
            out.append("<th class=\"num\">p").append((long) percentile).append(", ms</th>");
        }
        out.append("<th class=\"num\">req/s</th><th class=\"num\">Fail %</th></tr></thead>\n<tbody>\n");
        Set<String> keys = new LinkedHashSet<>();
        baseline.requests().forEach(request -> keys.add(request.key()));
        result.requests().forEach(request -> keys.add(request.key()));
        for (String key : keys) {
            row(key, baseline.request(key), result.requests().stream().filter(r -> r.key().equals(key)).findFirst());
        }
        out.append("</tbody>\n</table>\n</div>\n</section>\n");
    }

    private void row(String key, Optional<BaselineRun.Request> before, Optional<RequestStats> now) {
        String method = before.map(BaselineRun.Request::method).or(() -> now.map(RequestStats::method)).orElse("");
        String name = before.map(BaselineRun.Request::name).or(() -> now.map(RequestStats::name)).orElse(key);
        out.append("<tr><td class=\"method\">").append(text(method)).append("</td><td class=\"name\">")
                .append(text(name)).append("</td>");
        if (before.isEmpty() || now.isEmpty()) {
            out.append("<td colspan=\"5\" class=\"").append(before.isEmpty() ? "muted\">not in the baseline"
                    : "bad\">in the baseline, not recorded in this run").append("</td></tr>\n");
            return;
        }
        BaselineRun.Request was = before.get();
        RequestStats is = now.get();
        for (double percentile : BaselineComparison.PERCENTILES) {
            cell(key, "p" + (long) percentile, millis(was.responseTimes().percentile(percentile)),
                    millis(is.percentile(percentile)), Formats::compactMillis);
        }
        cell(key, "rps", was.throughput(), is.throughput(), Formats::compactRate);
        out.append("<td class=\"num").append(failed(key, "failure_rate") ? " bad" : "").append("\">")
                .append(Formats.compactPercent(was.failureRate())).append(" → ")
                .append(Formats.compactPercent(is.failureRate())).append("</td></tr>\n");
    }

    private void cell(String key, String metric, double was, double is,
            java.util.function.DoubleFunction<String> format) {
        String change = was == 0 ? "" : String.format(Locale.ROOT, " (%+.0f%%)", (is - was) / was * 100);
        out.append("<td class=\"num").append(failed(key, metric) ? " bad" : "").append("\">")
                .append(format.apply(was)).append(" → ").append(format.apply(is)).append(change).append("</td>");
    }

    /** Whether the verdict on {@code metric} of {@code key} against the baseline failed. */
    private boolean failed(String key, String metric) {
        String expression = metric + " vs baseline";
        return result.thresholds().stream().anyMatch(verdict -> !verdict.passed()
                && verdict.request().equals(key) && verdict.expression().equals(expression));
    }

    private static double millis(Duration duration) {
        return duration.toNanos() / 1e6;
    }
}

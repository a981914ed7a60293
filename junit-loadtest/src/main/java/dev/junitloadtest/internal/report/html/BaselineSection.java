package dev.junitloadtest.internal.report.html;

import static dev.junitloadtest.internal.report.html.Html.text;

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
 * rate beside this run's, with the change, a change that failed its verdict marked; then the percentiles of both runs
 * as bars laid one over the other. The verdicts themselves, with
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
            row(key, baseline.request(key), recorded(key));
        }
        out.append("</tbody>\n</table>\n</div>\n");
        overlay(keys);
        out.append("</section>\n");
    }

    /**
     * The baseline's percentiles laid over this run's, per request on both sides: for each percentile a grey bar (the
     * baseline) above a coloured one (this run), both on the scale of the request's largest figure, a bar that failed
     * its verdict in the failure colour. Plain HTML and CSS, so it needs no script and prints as it shows.
     */
    private void overlay(Set<String> keys) {
        out.append("<figure class=\"baseline-overlay\"><figcaption><span class=\"chart-title\">Percentiles against "
                + "the baseline</span> <span class=\"caption\">grey: the baseline; colour: this run; each request on "
                + "the scale of its largest figure</span></figcaption>\n");
        for (String key : keys) {
            Optional<BaselineRun.Request> before = baseline.request(key);
            Optional<RequestStats> now = recorded(key);
            if (before.isEmpty() || now.isEmpty()) {
                continue;
            }
            double scale = 0;
            for (double percentile : BaselineComparison.PERCENTILES) {
                scale = Math.max(scale, Math.max(
                        Formats.millisValue(before.get().responseTimes().percentile(percentile)),
                        Formats.millisValue(now.get().percentile(percentile))));
            }
            out.append("<div class=\"overlay-request\" data-request=\"").append(text(key)).append("\">")
                    .append("<div class=\"overlay-name\">").append(text(key)).append("</div>\n");
            for (double percentile : BaselineComparison.PERCENTILES) {
                String metric = "p" + (long) percentile;
                double was = Formats.millisValue(before.get().responseTimes().percentile(percentile));
                double is = Formats.millisValue(now.get().percentile(percentile));
                out.append("<div class=\"overlay-row\" data-percentile=\"").append(metric).append("\">")
                        .append("<span class=\"overlay-label\">").append(metric).append("</span>")
                        .append("<div class=\"overlay-bars\">");
                bar("before", was, scale, "the baseline");
                bar(failed(key, metric) ? "now regressed" : "now", is, scale, "this run");
                out.append("</div><span class=\"overlay-values\">").append(Formats.compactMillis(was))
                        .append(" → ").append(Formats.compactMillis(is)).append(" ms</span></div>\n");
            }
            out.append("</div>\n");
        }
        out.append("</figure>\n");
    }

    private void bar(String kind, double millis, double scale, String whose) {
        double width = scale > 0 ? millis / scale * 100 : 0;
        out.append("<div class=\"bar ").append(kind).append("\" style=\"width: ")
                .append(String.format(Locale.ROOT, "%.2f", width)).append("%\" data-ms=\"")
                .append(String.format(Locale.ROOT, "%.3f", millis)).append("\" title=\"").append(whose).append(": ")
                .append(Formats.compactMillis(millis)).append(" ms\"></div>");
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
            cell(key, "p" + (long) percentile, Formats.millisValue(was.responseTimes().percentile(percentile)),
                    Formats.millisValue(is.percentile(percentile)), Formats::compactMillis);
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

    /**
     * This run's figures of the request recorded as {@code key}, by the exact key as the comparison matches it (not
     * {@link LoadTestResult#request(String)}, which also takes a name alone).
     */
    private Optional<RequestStats> recorded(String key) {
        return result.requests().stream().filter(r -> r.key().equals(key)).findFirst();
    }

    /** Whether the verdict on {@code metric} of {@code key} against the baseline failed. */
    private boolean failed(String key, String metric) {
        String expression = metric + " vs baseline";
        return result.thresholds().stream().anyMatch(verdict -> !verdict.passed()
                && verdict.request().equals(key) && verdict.expression().equals(expression));
    }
}

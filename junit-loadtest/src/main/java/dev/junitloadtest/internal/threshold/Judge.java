package dev.junitloadtest.internal.threshold;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.junitloadtest.internal.recording.Histograms;
import dev.junitloadtest.result.Formats;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RequestStats;
import dev.junitloadtest.result.StopReason;
import dev.junitloadtest.result.ThresholdResult;

/**
 * Judges thresholds on a run's result, and words the figures behind a verdict the same way for verdicts and for
 * aborts: {@code p95 of GET /volatile in the last stage (10.0-20.0 s) was 1,203.4 ms, budget < 500 ms (n=4,812)}.
 * Internal.
 */
final class Judge {

    private static final String STOPPED = "; it stopped the run early";

    private Judge() {
    }

    /** The verdicts of {@code spec} on {@code result}: one, or one per request name when it judges each. */
    static List<ThresholdResult> evaluate(ThresholdSpec spec, LoadTestResult result) {
        LoadTestResult window = spec.window().select(result);
        String where = spec.window() instanceof Window.Whole ? ""
                : spec.window().phrase() + " (" + Formats.span(window.windowStart(), window.windowEnd()) + ")";
        List<ThresholdResult> verdicts = new ArrayList<>();
        switch (spec.scope()) {
            case Scope.All all -> verdicts.add(judge(spec, Scope.AGGREGATED,
                    spec.expression().metric().kind().ofGenerator() ? "the load generator"
                            : "all requests", where,
                    Figures.withRun(Figures.of(window.total()), result.generatorHealth(), result.capacity())));
            case Scope.One one -> {
                Optional<RequestStats> inRun = result.request(one.key());
                if (inRun.isEmpty()) {
                    verdicts.add(spec.verdict(one.key(), false, spec.expression().metric().name() + " of "
                            + one.key() + ": " + unknown(one.key(), result) + ", so the budget "
                            + spec.expression().budgetText() + " cannot be judged", ""));
                } else {
                    verdicts.add(judge(spec, one.key(), inRun.get().key(), where, figures(window, inRun.get())));
                }
            }
            case Scope.Each each -> {
                if (result.requests().isEmpty()) {
                    verdicts.add(spec.verdict(spec.request(), false, spec.expression().metric().name()
                            + " of each request: no requests were recorded, so the budget "
                            + spec.expression().budgetText() + " cannot be judged", ""));
                }
                for (RequestStats stats : result.requests()) {
                    verdicts.add(judge(spec, stats.key(), stats.key(), where, figures(window, stats)));
                }
            }
        }
        // The verdict of the threshold (and request) that stopped the run says so.
        Optional<String> stoppedBy = result.stop().flatMap(StopReason::threshold);
        return verdicts.stream().map(v -> stoppedBy.filter(spec.displayName(v.request())::equals).isPresent()
                ? new ThresholdResult(v.expression(), v.request(), v.passed(), v.message() + STOPPED, v.window(),
                        v.actual())
                : v).toList();
    }

    /** The figures of {@code stats}'s request in {@code window}; zero if it had none there. */
    private static Figures figures(LoadTestResult window, RequestStats stats) {
        return window.request(stats.key()).map(Figures::of).orElseGet(() -> Figures.of(Histograms.newHistogram(),
                Histograms.newHistogram(), 0, window.elapsed()));
    }

    private static ThresholdResult judge(ThresholdSpec spec, String request, String subject, String where,
            Figures figures) {
        Expression expression = spec.expression();
        Metric metric = expression.metric();
        if (figures.count() == 0 && metric.needsRequests()) {
            return spec.verdict(request, false, metric.name() + " of " + subject + where + ": no requests were "
                    + "recorded, so the budget " + expression.budgetText() + " cannot be judged", "");
        }
        if (metric.kind().ofCapacity() && figures.capacity().isEmpty()) {
            return spec.verdict(request, false, metric.name() + ": no capacity search ran (the run was "
                    + "configured as something else), so the budget " + expression.budgetText() + " cannot be judged",
                    "");
        }
        BigDecimal actual = metric.measure(figures);
        return spec.verdict(request, expression.holds(actual), describe(expression, subject, where, figures, actual),
                expression.format(actual));
    }

    /**
     * The figures behind a verdict: {@code p95 of GET /volatile was 1,203.4 ms, budget < 500 ms (n=4,812)}.
     *
     * @param subject {@code all requests} or the request
     * @param where the window, e.g. {@code  in the last stage (10.0-20.0 s)}; empty for the whole run
     */
    static String describe(Expression expression, String subject, String where, Figures figures, BigDecimal actual) {
        Metric.Kind kind = expression.metric().kind();
        if (kind.ofCapacity()) {
            return expression.metric().name() + " was " + expression.format(actual) + ", budget "
                    + expression.budgetText() + ": " + figures.capacity().orElseThrow().describe();
        }
        String text = expression.metric().name() + " of " + subject + where + " was " + expression.format(actual);
        if (kind == Metric.Kind.FAILURE_RATE) {
            return text + " (" + Formats.count(figures.failures()) + " of " + Formats.count(figures.count())
                    + " failed), budget " + expression.budgetText();
        }
        return text + ", budget " + expression.budgetText() + switch (expression.metric().quantity()) {
            // A count of requests is its own sample count.
            case USERS -> "";
            case COUNT -> kind == Metric.Kind.COUNT ? "" : " (n=" + Formats.count(figures.count()) + ")";
            case RATE -> " (n=" + Formats.count(figures.count()) + " in " + at(figures.elapsed()) + ")";
            case TIME, PERCENTAGE -> " (n=" + Formats.count(figures.count()) + ")";
        };
    }

    /** Why {@code key} names no request of {@code result}. */
    static String unknown(String key, LoadTestResult result) {
        List<String> sameName = result.requests().stream().filter(r -> r.name().equals(key)).map(RequestStats::key)
                .toList();
        if (sameName.size() > 1) {
            return "'" + key + "' was recorded with several methods (" + String.join(", ", sameName)
                    + "); write the method too";
        }
        String recorded = result.requests().isEmpty() ? "nothing was recorded"
                : "recorded: " + result.requests().stream().map(RequestStats::key).collect(Collectors.joining(", "));
        return "no request " + key + " was recorded in the run (" + recorded + ")";
    }

    /** {@code offset} as abort reasons show it: {@code 3.0 s}. */
    static String at(Duration offset) {
        return Formats.seconds(offset) + " s";
    }
}

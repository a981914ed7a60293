package dev.junitloadtest.report.html;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.HdrHistogram.Histogram;

import dev.junitloadtest.internal.baseline.BaselineRun;
import dev.junitloadtest.internal.recording.Histograms;
import dev.junitloadtest.result.ExceptionStats;
import dev.junitloadtest.result.FailureStats;
import dev.junitloadtest.result.LatencyDistribution;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.ResultBuilder;
import dev.junitloadtest.result.StopReason;
import dev.junitloadtest.result.RunProfile;
import dev.junitloadtest.result.TaskStats;
import dev.junitloadtest.result.ThresholdResult;
import dev.junitloadtest.result.StopReason;

/** Results built by hand, for figures known in advance and for text no real target would send. */
final class SyntheticResults {

    /** Text that would break out of HTML or of the data's script element if anything were not escaped. */
    static final List<String> HOSTILE = List.of(
            "</script><script>window.__pwned = 'script'</script>",
            "<img src=x onerror=\"window.__pwned = 'img'\">",
            "<!-- <script>window.__pwned = 'comment'</script>",
            "\" onmouseover=\"window.__pwned = 'attribute'\" x=\"",
            "' onfocus='window.__pwned = 1' autofocus='",
            "{{data}} {{body}} &amp; &lt;b&gt; \u2028\u2029 ]]> <![CDATA[",
            "<svg onload=\"window.__pwned = 'svg'\"></svg><iframe srcdoc=\"x\"></iframe>");

    private SyntheticResults() {
    }

    /**
     * A baseline of {@link #known()}'s class, 25% faster on {@code GET /orders/{id}} (1 to 80 ms, evenly), and with a
     * {@code GET /gone} the run does not have.
     */
    static BaselineRun fasterBaseline() {
        Histogram faster = new Histogram(3);
        for (int millis = 1; millis <= 80; millis++) {
            faster.recordValue(millis * 1000L);
        }
        return new BaselineRun("src/test/resources/baselines/OrdersLoadTest.json", "dev.example.OrdersLoadTest",
                "2025-11-21T10:00:00Z", "4 users at once for 10s", "", List.of(
                        new BaselineRun.Request("GET", "/orders/{id}", 0, 8.0, LatencyDistribution.ofMicros(faster)),
                        new BaselineRun.Request("GET", "/gone", 0, 1.0, LatencyDistribution.ofMicros(faster))));
    }

    /** {@link #known()} with a failed verdict on its p95 of {@code GET /orders/{id}} against the baseline. */
    static LoadTestResult comparedWithARegressedP95() {
        return known().withThresholds(List.of(new ThresholdResult("p95 vs baseline", "GET /orders/{id}", false,
                "p95 of GET /orders/{id} regressed 25% against the baseline")));
    }

    /**
     * {@code GET /orders/{id}}: latencies of 1, 2, ... 100 ms, 5 failures, 100 bytes each, over 10 s with 4 users;
     * two intervals of 5 s; one passed and one failed threshold.
     */
    static LoadTestResult known() {
        RunProfile profile = new RunProfile("dev.example.OrdersLoadTest", "stages: 5s → 4 users @ 2/s, 5s → 4 users at once",
                List.of(new RunProfile.UserTypeInfo("OrdersLoadTest", 1, 0, "between 50ms and 100ms",
                        List.of("listOrders (3)", "showOrder (1)"))),
                Duration.ofSeconds(10), Duration.ofSeconds(30), "http://127.0.0.1:8089",
                "@TargetHost OrdersLoadTest.host", 42, List.of(
                        new RunProfile.StageInfo(1, Duration.ZERO, Duration.ofSeconds(5), 4, 2),
                        new RunProfile.StageInfo(2, Duration.ofSeconds(5), Duration.ofSeconds(10), 4,
                                Double.POSITIVE_INFINITY)));
        Histogram all = Histograms.newHistogram();
        Histogram first = Histograms.newHistogram();
        Histogram second = Histograms.newHistogram();
        for (int millis = 1; millis <= 100; millis++) {
            all.recordValue(millis * 1000L);
            (millis <= 50 ? first : second).recordValue(millis * 1000L);
        }
        ResultBuilder builder = new ResultBuilder(profile, Instant.parse("2025-11-22T20:33:10Z"),
                Duration.ofSeconds(10))
                .request("GET", "/orders/{id}", all, all, 5, 10_000)
                .intervalRequest("GET", "/orders/{id}", Histograms.compress(first), null, 50, 5, 5_000)
                .interval(Duration.ZERO, Duration.ofSeconds(5), 4)
                .intervalRequest("GET", "/orders/{id}", Histograms.compress(second), null, 50, 0, 5_000)
                .interval(Duration.ofSeconds(5), Duration.ofSeconds(10), 4)
                .failure(new FailureStats("GET", "/orders/{id}", "HTTP 503 Service Unavailable", 5))
                .exception(new ExceptionStats(3, "java.lang.IllegalStateException: no order id",
                        "java.lang.IllegalStateException: no order id\n\tat OrdersLoadTest.showOrder(OrdersLoadTest.java:42)",
                        Set.of("OrdersLoadTest.showOrder")))
                .task(new TaskStats("OrdersLoadTest", "listOrders", 75, 0))
                .task(new TaskStats("OrdersLoadTest", "showOrder", 28, 3));
        return builder.build().withThresholds(List.of(
                new ThresholdResult("p95 < 500ms", "GET /orders/{id}", true, "p95 was 95.0 ms, budget < 500 ms (n=100)"),
                new ThresholdResult("failure_rate < 1%", "Aggregated", false,
                        "failure_rate was 5.0%, budget < 1% (5 of 100)")));
    }

    /** Every name, error, message, trace and label that the run's target or code could choose is hostile. */
    static LoadTestResult hostile() {
        String worst = String.join(" ", HOSTILE);
        RunProfile profile = new RunProfile(worst, worst, List.of(new RunProfile.UserTypeInfo(worst, 1, 0, worst,
                HOSTILE)), Duration.ofSeconds(2), Duration.ofSeconds(1), worst, worst, 7, List.of(
                        new RunProfile.StageInfo(1, Duration.ZERO, Duration.ofSeconds(1), 2, 2),
                        new RunProfile.StageInfo(2, Duration.ofSeconds(1), Duration.ofSeconds(2), 1, 5)));
        ResultBuilder builder = new ResultBuilder(profile, Instant.parse("2025-11-22T20:33:10Z"),
                Duration.ofSeconds(2));
        for (int i = 0; i < HOSTILE.size(); i++) {
            Histogram histogram = twice(i);
            builder.request(HOSTILE.get(i), HOSTILE.get(i), histogram, histogram, 1, 10);
            builder.failure(new FailureStats(HOSTILE.get(i), HOSTILE.get(i), HOSTILE.get(i), 1));
            builder.exception(new ExceptionStats(1, HOSTILE.get(i), HOSTILE.get(i) + "\n\tat " + HOSTILE.get(i),
                    Set.of(HOSTILE.get(i))));
            builder.task(new TaskStats(HOSTILE.get(i), HOSTILE.get(i), 1, 1));
            builder.warning(HOSTILE.get(i));
        }
        for (int i = 0; i < HOSTILE.size(); i++) {
            builder.intervalRequest(HOSTILE.get(i), HOSTILE.get(i), Histograms.compress(twice(i)), null, 2, 1, 10);
        }
        builder.interval(Duration.ZERO, Duration.ofSeconds(1), 2);
        for (int i = 0; i < HOSTILE.size(); i++) {
            builder.intervalRequest(HOSTILE.get(i), HOSTILE.get(i), Histograms.compress(twice(i)), null, 2, 0, 10);
        }
        builder.interval(Duration.ofSeconds(1), Duration.ofSeconds(2), 1);
        builder.stop(StopReason.of(StopReason.Kind.INTERRUPTED, worst));
        return builder.build().withThresholds(HOSTILE.stream()
                .map(text -> new ThresholdResult(text, text, false, text)).toList());
    }

    /** Two requests, of 1 and 2 ms times {@code i + 1}. */
    private static Histogram twice(int i) {
        Histogram histogram = Histograms.newHistogram();
        histogram.recordValue(1000L * (i + 1));
        histogram.recordValue(2000L * (i + 1));
        return histogram;
    }
}

package dev.junitloadtest.internal.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.junitloadtest.internal.recording.Histograms;
import dev.junitloadtest.json.Json;
import dev.junitloadtest.result.ExceptionStats;
import dev.junitloadtest.result.FailureStats;
import dev.junitloadtest.result.Formats;
import dev.junitloadtest.result.HistoryPoint;
import dev.junitloadtest.result.LatencyDistribution;
import dev.junitloadtest.result.GeneratorHealth;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RequestStats;
import dev.junitloadtest.result.RunProfile;
import dev.junitloadtest.result.TaskStats;
import dev.junitloadtest.result.ThresholdResult;

/**
 * Writes {@code summary.json}: everything a result holds, in the documented schema {@value #SCHEMA} (see the README's
 * Outputs section). Durations are seconds ({@code ...Seconds}) or milliseconds ({@code ...Ms}) as their names say,
 * times are ISO-8601 UTC, rates are per second and fractions from 0 to 1. Each request's {@code histogram} is its
 * response-time HdrHistogram (µs) in HdrHistogram's compressed base64 form, the same as an {@code .hlog} line's
 * payload, so runs can be re-analysed and merged exactly. Fields are only ever added within a schema version.
 * Internal.
 */
final class JsonSummary {

    /** The schema identifier; a change that is not an addition gets a new version. */
    static final String SCHEMA = "junit-loadtest/summary/v1";

    /** The percentiles written for each request, as {@code p50} ... {@code p99.99}. */
    static final double[] PERCENTILES = {50, 66, 75, 80, 90, 95, 98, 99, 99.9, 99.99};

    private JsonSummary() {
    }

    static void write(Path file, Class<?> testClass, LoadTestResult result) throws IOException {
        Files.writeString(file, Json.writePretty(summary(testClass, result)), StandardCharsets.UTF_8);
    }

    /** The summary as maps and lists, in the order written. */
    static Map<String, Object> summary(Class<?> testClass, LoadTestResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("schema", SCHEMA);
        json.put("test", result.profile().testName());
        json.put("testClass", testClass.getName());
        json.put("startedAt", result.startedAt().toString());
        json.put("elapsedSeconds", seconds(result.elapsed()));
        json.put("stopReason", result.stopReason());
        json.put("runFailures", result.runFailures());
        json.put("profile", profile(result.profile()));
        List<Object> requests = new ArrayList<>();
        result.requests().forEach(stats -> requests.add(request(stats)));
        json.put("requests", requests);
        json.put("aggregated", request(result.total()));
        json.put("history", history(result));
        json.put("failures", failures(result));
        json.put("exceptions", exceptions(result));
        json.put("tasks", tasks(result));
        json.put("thresholds", thresholds(result));
        json.put("capacity", result.capacity().map(CapacityReport::json).orElse(null));
        json.put("droppedIterations", result.droppedIterations());
        Map<String, Object> notSent = new LinkedHashMap<>();
        notSent.put("total", result.notSentCount());
        notSent.put("byReason", result.notSent());
        json.put("notSent", notSent);
        json.put("generator", generator(result.generatorHealth()));
        json.put("warnings", result.warnings());
        return json;
    }

    private static Map<String, Object> profile(RunProfile profile) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("loadModel", profile.loadModel());
        json.put("durationSeconds", seconds(profile.duration()));
        json.put("stopTimeoutSeconds", seconds(profile.stopTimeout()));
        json.put("host", profile.host());
        json.put("hostSource", profile.hostSource());
        json.put("seed", profile.seed());
        List<Object> types = new ArrayList<>();
        for (RunProfile.UserTypeInfo type : profile.userTypes()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("name", type.name());
            t.put("weight", type.weight());
            t.put("fixedCount", type.fixedCount());
            t.put("waitTime", type.waitTime());
            t.put("tasks", type.tasks());
            types.add(t);
        }
        json.put("userTypes", types);
        List<Object> stages = new ArrayList<>();
        for (RunProfile.StageInfo stage : profile.stages()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("number", stage.number());
            s.put("startSeconds", seconds(stage.start()));
            s.put("endSeconds", seconds(stage.end()));
            s.put("users", stage.users());
            // JSON has no infinity: null is "all users at once".
            s.put("spawnRate", Double.isInfinite(stage.spawnRate()) ? null : stage.spawnRate());
            stages.add(s);
        }
        json.put("stages", stages);
        return json;
    }

    private static Map<String, Object> request(RequestStats stats) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("method", stats.method());
        json.put("name", stats.name());
        json.put("count", stats.count());
        json.put("failures", stats.failures());
        json.put("failureRate", stats.failureRate());
        json.put("requestsPerSecond", stats.throughput());
        json.put("failuresPerSecond", stats.failuresPerSecond());
        json.put("totalBytes", stats.totalBytes());
        json.put("averageContentSize", stats.averageContentSize());
        json.put("responseTimeMs", latencies(stats.responseTimes()));
        json.put("serviceTimeMs", latencies(stats.serviceTimes()));
        json.put("histogram", Histograms.base64(stats.responseTimes().histogram()));
        return json;
    }

    /** {@code min}, {@code mean}, {@code max} and {@code p50} ... {@code p99.99}, in milliseconds. */
    static Map<String, Object> latencies(LatencyDistribution latencies) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("min", Formats.millisValue(latencies.min()));
        json.put("mean", Formats.millisValue(latencies.mean()));
        json.put("max", Formats.millisValue(latencies.max()));
        for (double percentile : PERCENTILES) {
            json.put(percentileKey(percentile), Formats.millisValue(latencies.percentile(percentile)));
        }
        return json;
    }

    /** {@code p50}, {@code p99.9}. */
    static String percentileKey(double percentile) {
        return percentile == Math.rint(percentile) ? "p" + (long) percentile : "p" + percentile;
    }

    private static List<Object> history(LoadTestResult result) {
        List<Object> points = new ArrayList<>();
        for (HistoryPoint point : result.history()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("startSeconds", seconds(point.start()));
            json.put("endSeconds", seconds(point.end()));
            json.put("time", point.time().toString());
            json.put("users", point.users());
            json.put("requests", point.requests());
            json.put("failures", point.failures());
            json.put("requestsPerSecond", point.requestsPerSecond());
            json.put("failuresPerSecond", point.failuresPerSecond());
            json.put("p50Ms", Formats.millisValue(point.p50()));
            json.put("p95Ms", Formats.millisValue(point.p95()));
            json.put("p99Ms", Formats.millisValue(point.p99()));
            json.put("maxMs", Formats.millisValue(point.max()));
            points.add(json);
        }
        return points;
    }

    private static List<Object> failures(LoadTestResult result) {
        List<Object> rows = new ArrayList<>();
        for (FailureStats failure : result.failures()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("method", failure.method());
            json.put("name", failure.name());
            json.put("error", failure.error());
            json.put("occurrences", failure.occurrences());
            rows.add(json);
        }
        return rows;
    }

    private static List<Object> exceptions(LoadTestResult result) {
        List<Object> rows = new ArrayList<>();
        for (ExceptionStats exception : result.exceptions()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("count", exception.count());
            json.put("message", exception.message());
            json.put("traceback", exception.traceback());
            json.put("where", exception.where().stream().sorted().toList());
            rows.add(json);
        }
        return rows;
    }

    private static List<Object> tasks(LoadTestResult result) {
        List<Object> rows = new ArrayList<>();
        for (TaskStats task : result.tasks()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("userType", task.userType());
            json.put("task", task.task());
            json.put("iterations", task.iterations());
            json.put("exceptions", task.exceptions());
            rows.add(json);
        }
        return rows;
    }

    private static List<Object> thresholds(LoadTestResult result) {
        List<Object> rows = new ArrayList<>();
        for (ThresholdResult threshold : result.thresholds()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("expression", threshold.expression());
            json.put("request", threshold.request());
            json.put("passed", threshold.passed());
            json.put("message", threshold.message());
            rows.add(json);
        }
        return rows;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static Map<String, Object> generator(GeneratorHealth health) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("measured", health.isMeasured());
        json.put("healthy", health.isHealthy());
        json.put("cores", health.cores());
        json.put("cpuAverage", health.cpuAverage());
        json.put("cpuPeak", health.cpuPeak());
        json.put("saturatedSeconds", health.saturatedSeconds());
        json.put("measuredSeconds", health.measuredSeconds());
        json.put("pauseP99Ms", health.pauses().percentile(99).toNanos() / 1e6);
        json.put("pauseMaxMs", health.pauses().max().toNanos() / 1e6);
        json.put("schedulingLagP99Ms", health.schedulingLag().percentile(99).toNanos() / 1e6);
        json.put("schedulingLagMaxMs", health.schedulingLag().max().toNanos() / 1e6);
        json.put("gcSeconds", health.gcTime().toNanos() / 1e9);
        json.put("problems", health.problems());
        return json;
    }
}

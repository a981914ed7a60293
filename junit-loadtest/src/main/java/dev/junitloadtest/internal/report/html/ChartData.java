package dev.junitloadtest.internal.report.html;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.junitloadtest.result.Capacity;
import dev.junitloadtest.result.CapacityStep;
import dev.junitloadtest.result.HistoryPoint;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.RunProfile;

/**
 * The data behind the report's charts, as the JSON object its script reads: one array per series, aligned on
 * {@code t}, the end of each recorded interval in seconds from the run's start (uPlot's columnar layout), after a
 * first point at the start of a whole run where there are no users and nothing measured yet. Latencies are
 * milliseconds; an interval without requests has no latencies ({@code null}, a gap in the line) rather than zeros
 * that would read as fast responses. Internal.
 */
final class ChartData {

    private ChartData() {
    }

    static Map<String, Object> of(LoadTestResult result) {
        List<Object> t = new ArrayList<>();
        List<Object> users = new ArrayList<>();
        List<Object> rps = new ArrayList<>();
        List<Object> fps = new ArrayList<>();
        List<Object> p50 = new ArrayList<>();
        List<Object> p95 = new ArrayList<>();
        List<Object> p99 = new ArrayList<>();
        List<Object> max = new ArrayList<>();
        List<HistoryPoint> history = result.history();
        if (!result.isWindow() && !history.isEmpty() && history.getFirst().start().isZero()) {
            // A run starts with no users: the users chart ramps from there. Nothing was measured yet.
            t.add(0.0);
            users.add(0);
            for (List<Object> series : List.of(rps, fps, p50, p95, p99, max)) {
                series.add(null);
            }
        }
        for (HistoryPoint point : history) {
            t.add(seconds(point.end()));
            users.add(point.users());
            rps.add(round(point.requestsPerSecond()));
            fps.add(round(point.failuresPerSecond()));
            boolean measured = point.requests() > 0;
            p50.add(measured ? millis(point.p50()) : null);
            p95.add(measured ? millis(point.p95()) : null);
            p99.add(measured ? millis(point.p99()) : null);
            max.add(measured ? millis(point.max()) : null);
        }
        List<Object> stages = new ArrayList<>();
        for (RunProfile.StageInfo stage : result.profile().stages()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("number", stage.number());
            json.put("start", seconds(stage.start()));
            json.put("end", seconds(stage.end()));
            json.put("users", stage.users());
            stages.add(json);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("test", result.profile().testName());
        data.put("startedAt", result.startedAt().toEpochMilli());
        data.put("from", seconds(result.windowStart()));
        data.put("t", t);
        data.put("users", users);
        data.put("rps", rps);
        data.put("fps", fps);
        data.put("p50", p50);
        data.put("p95", p95);
        data.put("p99", p99);
        data.put("max", max);
        data.put("stages", stages);
        data.put("capacity", result.capacity().map(ChartData::capacity).orElse(null));
        return data;
    }

    /** A capacity search's steps against their users: requests per second and p95 (null for a step without any). */
    private static Map<String, Object> capacity(Capacity capacity) {
        List<Object> users = new ArrayList<>();
        List<Object> rps = new ArrayList<>();
        List<Object> p95 = new ArrayList<>();
        // uPlot needs its x values in order; narrowing steps ran after the breach at loads below it.
        List<CapacityStep> byLoad = capacity.steps().stream()
                .sorted(java.util.Comparator.comparingDouble(CapacityStep::load)).toList();
        for (CapacityStep step : byLoad) {
            users.add(step.load());
            rps.add(round(step.requestsPerSecond()));
            p95.add(step.requests() > 0 ? millis(step.p95()) : null);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("users", users);
        json.put("rps", rps);
        json.put("p95", p95);
        json.put("capacityUsers", capacity.held().map(CapacityStep::load).orElse(null));
        json.put("kneeUsers", capacity.knee().map(CapacityStep::load).orElse(null));
        json.put("loadLabel", capacity.byArrivalRate() ? "iterations/s" : "users");
        return json;
    }

    private static double seconds(Duration duration) {
        return round(duration.toNanos() / 1e9);
    }

    private static double millis(Duration duration) {
        return round(duration.toNanos() / 1e6);
    }

    // Three decimals are a microsecond of latency and a millisecond of time: the resolution of the recording, and
    // they keep a long run's history small.
    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}

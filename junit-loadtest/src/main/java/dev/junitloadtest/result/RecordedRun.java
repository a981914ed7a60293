package dev.junitloadtest.result;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.HdrHistogram.Histogram;

/**
 * What one run recorded, frozen when its {@link LoadTestResult} is built: the material every window of the run is
 * computed from, and the tables that cover the whole run in every window. Immutable; shared by a result and all its
 * windows.
 */
final class RecordedRun {

    final RunProfile profile;
    final Instant startedAt;
    final Duration end;
    final List<Interval> intervals;
    final List<FailureStats> failures;
    final List<ExceptionStats> exceptions;
    final List<TaskStats> tasks;
    final long droppedIterations;
    final Map<String, Long> notSent;
    final List<String> warnings;
    final List<String> runFailures;
    final Optional<StopReason> stop;
    final GeneratorHealth generatorHealth;

    RecordedRun(RunProfile profile, Instant startedAt, Duration end, List<Interval> intervals,
            List<FailureStats> failures, List<ExceptionStats> exceptions, List<TaskStats> tasks,
            long droppedIterations, Map<String, Long> notSent, List<String> warnings, List<String> runFailures,
            Optional<StopReason> stop, GeneratorHealth generatorHealth) {
        this.profile = profile;
        this.startedAt = startedAt;
        this.end = end;
        this.intervals = List.copyOf(intervals);
        this.failures = List.copyOf(failures);
        this.exceptions = List.copyOf(exceptions);
        this.tasks = List.copyOf(tasks);
        this.droppedIterations = droppedIterations;
        this.notSent = Collections.unmodifiableMap(new LinkedHashMap<>(notSent));
        this.warnings = List.copyOf(warnings);
        this.runFailures = List.copyOf(runFailures);
        this.stop = stop;
        this.generatorHealth = generatorHealth;
    }

    /** This run with {@code more} warnings after its own. */
    RecordedRun withWarnings(List<String> more) {
        List<String> all = new java.util.ArrayList<>(warnings);
        all.addAll(more);
        return new RecordedRun(profile, startedAt, end, intervals, failures, exceptions, tasks, droppedIterations,
                notSent, all, runFailures, stop, generatorHealth);
    }

    boolean windowed(Duration start, Duration stop) {
        return !start.isZero() || !stop.equals(end);
    }

    /** The window from {@code start} to {@code stop}, made of the intervals {@code inside} it. */
    LoadTestResult window(Duration start, Duration stop, List<Interval> inside, List<ThresholdResult> verdicts) {
        Duration elapsed = stop.minus(start);
        Map<String, Totals> totals = new LinkedHashMap<>();
        for (Interval interval : inside) {
            for (IntervalRequest request : interval.requests()) {
                totals.computeIfAbsent(request.key(), k -> new Totals(request.method(), request.name()))
                        .add(request);
            }
        }
        Totals all = new Totals("", "Aggregated");
        List<RequestStats> requests = new ArrayList<>();
        for (Totals request : totals.values().stream().sorted(Comparator.comparing((Totals t) -> t.name)
                .thenComparing(t -> t.method)).toList()) {
            // A failure is counted at most one interval after its request's time; at a window's edge that could
            // show more failures than requests.
            request.failures = Math.min(request.failures, request.responseTimes.getTotalCount());
            requests.add(request.stats(elapsed));
            all.add(request);
        }
        return new LoadTestResult(this, start, stop, requests, all.stats(elapsed), inside, verdicts);
    }

    /** One request name's figures summed over intervals. */
    private static final class Totals {

        final String method;
        final String name;
        final Histogram responseTimes = LatencyDistribution.newHistogram();
        final Histogram serviceTimes = LatencyDistribution.newHistogram();
        long failures;
        long bytes;

        Totals(String method, String name) {
            this.method = method;
            this.name = name;
        }

        void add(IntervalRequest request) {
            Histogram response = ResultBuilder.decompress(request.responseTimes());
            responseTimes.add(response);
            serviceTimes.add(request.serviceTimes() == request.responseTimes() ? response
                    : ResultBuilder.decompress(request.serviceTimes()));
            failures += request.failures();
            bytes += request.bytes();
        }

        void add(Totals other) {
            responseTimes.add(other.responseTimes);
            serviceTimes.add(other.serviceTimes);
            failures += other.failures;
            bytes += other.bytes;
        }

        RequestStats stats(Duration elapsed) {
            return new RequestStats(method, name, failures, bytes, elapsed,
                    LatencyDistribution.ofMicros(responseTimes), LatencyDistribution.ofMicros(serviceTimes));
        }
    }

    /**
     * One recorded interval of the run, the material of windows and history.
     *
     * @param start interval start, from the run's start
     * @param end interval end
     * @param users users running at its end
     * @param requests each request name's figures in it
     */
    record Interval(Duration start, Duration end, int users, List<IntervalRequest> requests) {

        Interval {
            requests = List.copyOf(requests);
        }
    }

    /**
     * One request name's figures in an {@link Interval}, its histograms (µs) in HdrHistogram's compressed encoding:
     * an interval of a long run costs bytes, not the kilobytes of a live histogram.
     *
     * @param responseTimes response times
     * @param serviceTimes plain service times; the same bytes as {@code responseTimes} in the closed model
     */
    record IntervalRequest(String method, String name, byte[] responseTimes, byte[] serviceTimes, long count,
            long failures, long bytes) {

        String key() {
            return method + " " + name;
        }
    }
}

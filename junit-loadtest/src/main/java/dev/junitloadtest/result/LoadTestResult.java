package dev.junitloadtest.result;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.HdrHistogram.Histogram;

import dev.junitloadtest.internal.recording.Histograms;

/**
 * {@code LoadTestResult} holds everything a load test run measured: per request name and all together, counts,
 * failures, throughput and latency distributions; the history over time; the failures and exceptions tables; the
 * profile the run used; and the verdicts on its thresholds. It is handed to the {@code @Test} and {@code @AfterAll}
 * methods of a {@link dev.junitloadtest.LoadTest @LoadTest} class that declare a parameter of this type. Immutable
 * and thread-safe.
 *
 * <p>A result can be narrowed to a window of the run with {@link #between(Duration, Duration)}, {@link #from(Duration)},
 * {@link #stage(int)} or {@link #lastStage()}, to judge the steady state without the ramp-up. A window's request
 * figures and history cover the window only (the recorded intervals, normally of one second, that start in it); its
 * failures, exceptions and task tables are those of the whole run.
 */
public final class LoadTestResult {

    private final RunProfile profile;
    private final Instant startedAt;
    private final Duration windowStart;
    private final Duration windowEnd;
    private final List<RequestStats> requests;
    private final RequestStats total;
    private final List<Interval> intervals;
    private final List<FailureStats> failures;
    private final List<ExceptionStats> exceptions;
    private final List<TaskStats> tasks;
    private final long droppedIterations;
    private final Map<String, Long> notSent;
    private final List<ThresholdResult> thresholds;
    private final List<String> warnings;
    private final List<String> runFailures;
    private final Optional<StopReason> stop;
    private final GeneratorHealth generatorHealth;

    private LoadTestResult(Builder builder, Duration windowStart, Duration windowEnd, List<RequestStats> requests,
            RequestStats total, List<Interval> intervals, List<ThresholdResult> thresholds) {
        this.profile = builder.profile;
        this.startedAt = builder.startedAt;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.requests = List.copyOf(requests);
        this.total = total;
        this.intervals = List.copyOf(intervals);
        this.failures = List.copyOf(builder.failures);
        this.exceptions = List.copyOf(builder.exceptions);
        this.tasks = List.copyOf(builder.tasks);
        this.droppedIterations = builder.droppedIterations;
        this.notSent = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(builder.notSent));
        this.thresholds = List.copyOf(thresholds);
        this.warnings = List.copyOf(builder.warnings);
        this.runFailures = List.copyOf(builder.runFailures);
        this.stop = Optional.ofNullable(builder.stop);
        this.generatorHealth = builder.generatorHealth;
        this.builder = builder;
    }

    private final Builder builder;

    /** The profile the run used. */
    public RunProfile profile() {
        return profile;
    }

    /** When the run started (its first user). */
    public Instant startedAt() {
        return startedAt;
    }

    /** Where this result starts, from the run's start: zero for the whole run. */
    public Duration windowStart() {
        return windowStart;
    }

    /** Where this result ends, from the run's start: the end of the run for the whole run. */
    public Duration windowEnd() {
        return windowEnd;
    }

    /** The measured time this result covers: from its start to its end. */
    public Duration elapsed() {
        return windowEnd.minus(windowStart);
    }

    /** Whether this is a window of the run rather than the whole of it. */
    public boolean isWindow() {
        return builder.windowed(windowStart, windowEnd);
    }

    /** The figures of each request name, ordered by name then method (as Locust orders them). */
    public List<RequestStats> requests() {
        return requests;
    }

    /** The figures of all requests together (the {@code Aggregated} row). */
    public RequestStats total() {
        return total;
    }

    /**
     * The figures of the request recorded as {@code key}, written as the method and name separated by a space, e.g.
     * {@code "GET /volatile"}, or as the name alone when only one method used it.
     */
    public Optional<RequestStats> request(String key) {
        Objects.requireNonNull(key, "key");
        for (RequestStats stats : requests) {
            if (stats.key().equals(key)) {
                return Optional.of(stats);
            }
        }
        List<RequestStats> byName = requests.stream().filter(stats -> stats.name().equals(key)).toList();
        return byName.size() == 1 ? Optional.of(byName.getFirst()) : Optional.empty();
    }

    /** The figures of {@code method} and {@code name}. */
    public Optional<RequestStats> request(String method, String name) {
        return request(method + " " + name);
    }

    /** The history, one point per recorded interval of this result, oldest first. */
    public List<HistoryPoint> history() {
        List<HistoryPoint> points = new ArrayList<>();
        for (Interval interval : intervals) {
            Histogram histogram = Histograms.newHistogram();
            long count = 0;
            long failed = 0;
            for (IntervalRequest request : interval.requests()) {
                histogram.add(Histograms.decompress(request.histogram()));
                count += request.count();
                failed += request.failures();
            }
            LatencyDistribution latencies = LatencyDistribution.ofMicros(histogram);
            points.add(new HistoryPoint(interval.start(), interval.end(), startedAt.plus(interval.end()),
                    interval.users(), count, failed, latencies.percentile(50), latencies.percentile(95),
                    latencies.percentile(99), latencies.max()));
        }
        return points;
    }

    /** The failures, most frequent first. */
    public List<FailureStats> failures() {
        return failures;
    }

    /** The exceptions thrown by task and hook code, most frequent first. */
    public List<ExceptionStats> exceptions() {
        return exceptions;
    }

    /** How often each task ran and threw. */
    public List<TaskStats> tasks() {
        return tasks;
    }

    /** Open-model iterations that could not start because every user was busy at the cap. */
    public long droppedIterations() {
        return droppedIterations;
    }

    /**
     * The requests the load generator did not send, by reason: the run stopped while they waited for the rate cap
     * or before they reached a connection, or the generator itself failed (HttpClient's I/O thread died, file
     * descriptors ran out). They are not in any request figure: the target never saw them. Covers the whole run,
     * for windows too.
     */
    public Map<String, Long> notSent() {
        return notSent;
    }

    /** How many requests the load generator did not send, whatever the reason; see {@link #notSent()}. */
    public long notSentCount() {
        return notSent.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The verdicts on the run's thresholds, in declaration order. */
    public List<ThresholdResult> thresholds() {
        return thresholds;
    }

    /** Things worth knowing about how the run went: caps reached, users that would not stop, etc. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Why the run failed on the load generator's side, whatever its thresholds say: task or hook code that threw an
     * {@link Error}, users whose {@code @OnStart} failed, requests the generator could not send. Each is a reason the
     * figures do not describe the load that was asked for; a non-empty list fails the run. Empty for a sound run.
     * Covers the whole run, for windows too.
     */
    public List<String> runFailures() {
        return runFailures;
    }

    /**
     * Whether the load generator itself kept up during the run (its CPU, its pauses, its users' lateness), so a
     * result the generator skewed is not taken for the target's. Covers the whole run, for windows too.
     */
    public GeneratorHealth generatorHealth() {
        return generatorHealth;
    }

    /**
     * Why the run ended before its planned end (an abort, an interruption), as every output words it: the
     * {@linkplain StopReason#description() description} of {@link #stop()}. Empty if it ran its course.
     */
    public Optional<String> stopReason() {
        return stop.map(StopReason::description);
    }

    /** Why the run ended before its planned end: what stopped it, and which threshold; empty if it ran its course. */
    public Optional<StopReason> stop() {
        return stop;
    }

    /** This result with {@code verdicts} as its thresholds. */
    public LoadTestResult withThresholds(List<ThresholdResult> verdicts) {
        return new LoadTestResult(builder, windowStart, windowEnd, requests, total, intervals, verdicts);
    }

    /**
     * This run between {@code from} and {@code to} (offsets from its start), as the recorded intervals (normally one
     * second each) that start within that span.
     *
     * @throws IllegalArgumentException if {@code from} is not before {@code to}, or is negative
     */
    public LoadTestResult between(Duration from, Duration to) {
        if (from.isNegative() || from.compareTo(to) >= 0) {
            throw new IllegalArgumentException("A window needs 0 <= from < to, but was from " + from + " to " + to);
        }
        // An interval belongs to the window it starts in: adjacent windows (two stages) never share one, and a window
        // that starts after a ramp holds none of the ramp's intervals.
        List<Interval> inside = builder.intervals.stream()
                .filter(i -> i.start().compareTo(from) >= 0 && i.start().compareTo(to) < 0).toList();
        if (inside.isEmpty()) {
            return builder.assemble(from, to.compareTo(builder.end) > 0 ? builder.end : to, List.of(), thresholds);
        }
        Duration start = inside.getFirst().start();
        Duration end = inside.getLast().end();
        return builder.assemble(start, end, inside, thresholds);
    }

    /** This run from {@code from} (an offset from its start) to its end. */
    public LoadTestResult from(Duration from) {
        return between(from, builder.end.plusNanos(1));
    }

    /**
     * Stage {@code number} (from 1) of a closed-model run.
     *
     * @throws IllegalArgumentException if there is no such stage
     */
    public LoadTestResult stage(int number) {
        List<RunProfile.StageInfo> stages = profile.stages();
        if (number < 1 || number > stages.size()) {
            throw new IllegalArgumentException("This run has " + stages.size() + " stage(s); there is no stage "
                    + number);
        }
        RunProfile.StageInfo stage = stages.get(number - 1);
        Duration end = number == stages.size() ? builder.end.plusNanos(1) : stage.end();
        return between(stage.start(), end);
    }

    /** The last stage of a closed-model run: with a ramp-up first, its steady state. */
    public LoadTestResult lastStage() {
        return stage(profile.stages().size());
    }

    @Override
    public String toString() {
        return "LoadTestResult[" + profile.testName() + ": " + total.count() + " requests, " + total.failures()
                + " failures in " + elapsed() + (isWindow() ? " (window " + windowStart + ".." + windowEnd + ")" : "")
                + "]";
    }

    /** Starts a result; see {@link Builder}. */
    public static Builder builder(RunProfile profile, Instant startedAt, Duration elapsed) {
        return new Builder(profile, startedAt, elapsed);
    }

    /**
     * One recorded interval of the run, the material of windows and history.
     *
     * @param start interval start, from the run's start
     * @param end interval end
     * @param users users running at its end
     * @param requests each request name's figures in it
     */
    public record Interval(Duration start, Duration end, int users, List<IntervalRequest> requests) {

        /** Copies the requests. */
        public Interval {
            requests = List.copyOf(requests);
        }
    }

    /**
     * One request name's figures in an {@link Interval}.
     *
     * @param method the method
     * @param name the name
     * @param histogram the response times in microseconds, as an HdrHistogram in its compressed encoding
     * @param count requests
     * @param failures failed requests
     * @param bytes response body bytes
     */
    public record IntervalRequest(String method, String name, byte[] histogram, long count, long failures,
            long bytes) {

        /** {@code "GET /volatile"}. */
        public String key() {
            return method + " " + name;
        }
    }

    /**
     * Assembles a {@link LoadTestResult}. Used by the engine, and by tools that rebuild results (from a JSON summary,
     * from merged shards); a load test never needs one. Not thread-safe.
     */
    public static final class Builder {

        private final RunProfile profile;
        private final Instant startedAt;
        private final Duration end;
        private final Map<String, RequestTotals> totals = new LinkedHashMap<>();
        private final List<Interval> intervals = new ArrayList<>();
        private final List<FailureStats> failures = new ArrayList<>();
        private final List<ExceptionStats> exceptions = new ArrayList<>();
        private final List<TaskStats> tasks = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        private final Map<String, Long> notSent = new LinkedHashMap<>();
        private final List<String> runFailures = new ArrayList<>();
        private long droppedIterations;
        private StopReason stop;
        private GeneratorHealth generatorHealth = GeneratorHealth.unknown();

        private Builder(RunProfile profile, Instant startedAt, Duration elapsed) {
            this.profile = Objects.requireNonNull(profile, "profile");
            this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
            this.end = Objects.requireNonNull(elapsed, "elapsed");
        }

        /**
         * Adds one request name's figures over the whole run.
         *
         * @param responseTimes response times in microseconds (copied)
         * @param serviceTimes service times in microseconds (copied)
         */
        public Builder request(String method, String name, Histogram responseTimes, Histogram serviceTimes,
                long failureCount, long bytes) {
            totals.put(method + " " + name, new RequestTotals(method, name, Histograms.copyOf(responseTimes),
                    Histograms.copyOf(serviceTimes), failureCount, bytes));
            return this;
        }

        /** Adds a recorded interval; add them in order. */
        public Builder interval(Interval interval) {
            intervals.add(interval);
            return this;
        }

        /** Adds a row of the failures table. */
        public Builder failure(FailureStats failure) {
            failures.add(failure);
            return this;
        }

        /** Adds a row of the exceptions table. */
        public Builder exception(ExceptionStats exception) {
            exceptions.add(exception);
            return this;
        }

        /** Adds a task's counts. */
        public Builder task(TaskStats task) {
            tasks.add(task);
            return this;
        }

        /** Sets the count of dropped open-model iterations. */
        public Builder droppedIterations(long count) {
            droppedIterations = count;
            return this;
        }

        /** Sets the requests the load generator did not send, by reason. */
        public Builder notSent(Map<String, Long> counts) {
            notSent.clear();
            notSent.putAll(counts);
            return this;
        }

        /** Adds a warning. */
        public Builder warning(String warning) {
            warnings.add(warning);
            return this;
        }

        /** Adds a reason the run failed on the generator's side (see {@link LoadTestResult#runFailures()}). */
        public Builder runFailure(String reason) {
            runFailures.add(Objects.requireNonNull(reason, "reason"));
            return this;
        }

        /** Sets what was measured of the load generator itself. */
        public Builder generatorHealth(GeneratorHealth health) {
            generatorHealth = java.util.Objects.requireNonNull(health, "health");
            return this;
        }

        /** Records why the run ended early. */
        public Builder stop(StopReason reason) {
            stop = Objects.requireNonNull(reason, "reason");
            return this;
        }

        /** The result of the whole run. */
        public LoadTestResult build() {
            failures.sort(Comparator.comparingLong(FailureStats::occurrences).reversed());
            exceptions.sort(Comparator.comparingLong(ExceptionStats::count).reversed());
            tasks.sort(Comparator.comparing(TaskStats::userType).thenComparing(TaskStats::task));
            Histogram all = Histograms.newHistogram();
            Histogram allService = Histograms.newHistogram();
            long failed = 0;
            long bytes = 0;
            List<RequestStats> requests = new ArrayList<>();
            for (RequestTotals t : totals.values().stream().sorted(Comparator.comparing(RequestTotals::name)
                    .thenComparing(RequestTotals::method)).toList()) {
                requests.add(new RequestStats(t.method(), t.name(), t.failures(), t.bytes(), end,
                        LatencyDistribution.ofMicros(t.responseTimes()),
                        LatencyDistribution.ofMicros(t.serviceTimes())));
                all.add(t.responseTimes());
                allService.add(t.serviceTimes());
                failed += t.failures();
                bytes += t.bytes();
            }
            RequestStats total = new RequestStats("", "Aggregated", failed, bytes, end,
                    LatencyDistribution.ofMicros(all), LatencyDistribution.ofMicros(allService));
            return new LoadTestResult(this, Duration.ZERO, end, requests, total, intervals, List.of());
        }

        private boolean windowed(Duration start, Duration stop) {
            return !start.isZero() || !stop.equals(end);
        }

        private LoadTestResult assemble(Duration start, Duration stop, List<Interval> inside,
                List<ThresholdResult> verdicts) {
            Duration elapsed = stop.minus(start);
            Map<String, Histogram> histograms = new LinkedHashMap<>();
            Map<String, long[]> counts = new LinkedHashMap<>();
            Map<String, String[]> keys = new LinkedHashMap<>();
            for (Interval interval : inside) {
                for (IntervalRequest request : interval.requests()) {
                    histograms.computeIfAbsent(request.key(), k -> Histograms.newHistogram())
                            .add(Histograms.decompress(request.histogram()));
                    long[] figures = counts.computeIfAbsent(request.key(), k -> new long[2]);
                    figures[0] += request.failures();
                    figures[1] += request.bytes();
                    keys.putIfAbsent(request.key(), new String[] {request.method(), request.name()});
                }
            }
            Histogram all = Histograms.newHistogram();
            long failed = 0;
            long bytes = 0;
            List<RequestStats> requests = new ArrayList<>();
            for (String key : keys.keySet().stream().sorted(Comparator.comparing((String k) -> keys.get(k)[1])
                    .thenComparing(k -> keys.get(k)[0])).collect(Collectors.toList())) {
                Histogram histogram = histograms.get(key);
                long[] figures = counts.get(key);
                // A failure is counted at most one interval after its request's time; at a window's edge that could
                // show more failures than requests.
                figures[0] = Math.min(figures[0], histogram.getTotalCount());
                LatencyDistribution latencies = LatencyDistribution.ofMicros(histogram);
                requests.add(new RequestStats(keys.get(key)[0], keys.get(key)[1], figures[0], figures[1], elapsed,
                        latencies, latencies));
                all.add(histogram);
                failed += figures[0];
                bytes += figures[1];
            }
            LatencyDistribution allLatencies = LatencyDistribution.ofMicros(all);
            RequestStats total = new RequestStats("", "Aggregated", failed, bytes, elapsed, allLatencies,
                    allLatencies);
            return new LoadTestResult(this, start, stop, requests, total, inside, verdicts);
        }

        private record RequestTotals(String method, String name, Histogram responseTimes, Histogram serviceTimes,
                long failures, long bytes) {
        }
    }
}

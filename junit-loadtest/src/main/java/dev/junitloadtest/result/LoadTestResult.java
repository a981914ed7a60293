package dev.junitloadtest.result;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.HdrHistogram.Histogram;
import org.apiguardian.api.API;

/**
 * {@code LoadTestResult} holds everything a load test run measured: per request name and all together, counts,
 * failures, throughput and latency distributions; the history over time; the failures and exceptions tables; the
 * profile the run used; and the verdicts on its thresholds. It is handed to the {@code @Test} and {@code @AfterAll}
 * methods of a {@link dev.junitloadtest.LoadTest @LoadTest} class that declare a parameter of this type. Immutable
 * and thread-safe.
 *
 * <p>A result can be narrowed to a window of the run with {@link #between(Duration, Duration)}, {@link #from(Duration)},
 * {@link #stage(int)} or {@link #lastStage()}, to judge the steady state without the ramp-up. A window's request
 * figures and history cover the window only (the recorded intervals, normally of one second, that start in it),
 * response and service times alike; its failures, exceptions and task tables are those of the whole run.
 *
 * <p>Results are made by the engine only; a load test receives them and never builds one.
 */
@API(status = STABLE, since = "0.1")
public final class LoadTestResult {

    private final RunProfile profile;
    private final Instant startedAt;
    private final Duration windowStart;
    private final Duration windowEnd;
    private final List<RequestStats> requests;
    private final RequestStats total;
    private final RecordedRun run;
    private final List<RecordedRun.Interval> intervals;
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
    private final Optional<Capacity> capacity;

    LoadTestResult(RecordedRun run, Duration windowStart, Duration windowEnd, List<RequestStats> requests,
            RequestStats total, List<RecordedRun.Interval> intervals, List<ThresholdResult> thresholds) {
        this(run, windowStart, windowEnd, requests, total, intervals, thresholds, Optional.empty());
    }

    private LoadTestResult(RecordedRun run, Duration windowStart, Duration windowEnd, List<RequestStats> requests,
            RequestStats total, List<RecordedRun.Interval> intervals, List<ThresholdResult> thresholds,
            Optional<Capacity> capacity) {
        this.capacity = Objects.requireNonNull(capacity, "capacity");
        this.run = run;
        this.profile = run.profile;
        this.startedAt = run.startedAt;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.requests = List.copyOf(requests);
        this.total = total;
        this.intervals = List.copyOf(intervals);
        this.failures = run.failures;
        this.exceptions = run.exceptions;
        this.tasks = run.tasks;
        this.droppedIterations = run.droppedIterations;
        this.notSent = run.notSent;
        this.thresholds = List.copyOf(thresholds);
        this.warnings = run.warnings;
        this.runFailures = run.runFailures;
        this.stop = run.stop;
        this.generatorHealth = run.generatorHealth;
    }

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
        return run.windowed(windowStart, windowEnd);
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
        for (RecordedRun.Interval interval : intervals) {
            Histogram histogram = LatencyDistribution.newHistogram();
            long count = 0;
            long failed = 0;
            for (RecordedRun.IntervalRequest request : interval.requests()) {
                histogram.add(ResultBuilder.decompress(request.responseTimes()));
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

    /**
     * What the run's {@link dev.junitloadtest.CapacitySearch @CapacitySearch} found: the capacity, the steps and the
     * knee. Empty for a run without a search. Covers the whole run, for windows too.
     */
    public Optional<Capacity> capacity() {
        return capacity;
    }

    /** This result with {@code verdicts} as its thresholds. */
    public LoadTestResult withThresholds(List<ThresholdResult> verdicts) {
        return new LoadTestResult(run, windowStart, windowEnd, requests, total, intervals, verdicts, capacity);
    }

    /**
     * This result with {@code more} warnings after the run's own, e.g. that the baseline it is compared with ran
     * another load profile. Internal: for the engine, which knows such things only once the run is over.
     */
    @API(status = API.Status.INTERNAL, since = "0.1")
    public LoadTestResult withWarnings(List<String> more) {
        return more.isEmpty() ? this : new LoadTestResult(run.withWarnings(more), windowStart, windowEnd, requests,
                total, intervals, thresholds, capacity);
    }

    /** This result with {@code found}, what its capacity search found. */
    public LoadTestResult withCapacity(Capacity found) {
        return new LoadTestResult(run, windowStart, windowEnd, requests, total, intervals, thresholds,
                Optional.of(found));
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
        List<RecordedRun.Interval> inside = run.intervals.stream()
                .filter(i -> i.start().compareTo(from) >= 0 && i.start().compareTo(to) < 0).toList();
        if (inside.isEmpty()) {
            return run.window(from, to.compareTo(run.end) > 0 ? run.end : to, List.of(), thresholds)
                    .withCapacityOf(this);
        }
        Duration start = inside.getFirst().start();
        Duration end = inside.getLast().end();
        return run.window(start, end, inside, thresholds).withCapacityOf(this);
    }

    /** This run from {@code from} (an offset from its start) to its end. */
    public LoadTestResult from(Duration from) {
        return between(from, run.end.plusNanos(1));
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
        Duration end = number == stages.size() ? run.end.plusNanos(1) : stage.end();
        return between(stage.start(), end);
    }

    /** The last stage of a closed-model run: with a ramp-up first, its steady state. */
    public LoadTestResult lastStage() {
        return stage(profile.stages().size());
    }

    /** What the run recorded, shared by this result and all its windows: for {@link ResultBuilder#intervals}. */
    RecordedRun recorded() {
        return run;
    }

    private LoadTestResult withCapacityOf(LoadTestResult whole) {
        return whole.capacity.isEmpty() ? this : new LoadTestResult(run, windowStart, windowEnd, requests, total,
                intervals, thresholds, whole.capacity);
    }

    @Override
    public String toString() {
        return "LoadTestResult[" + profile.testName() + ": " + total.count() + " requests, " + total.failures()
                + " failures in " + elapsed() + (isWindow() ? " (window " + windowStart + ".." + windowEnd + ")" : "")
                + "]";
    }
}

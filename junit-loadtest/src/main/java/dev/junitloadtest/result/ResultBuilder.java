package dev.junitloadtest.result;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.DataFormatException;

import org.HdrHistogram.Histogram;
import org.apiguardian.api.API;

/**
 * {@code ResultBuilder} assembles a {@link LoadTestResult} from what a run recorded: the engine's way, and the
 * library's tests', to make one. A result cannot be made otherwise; what the builder collects is copied and frozen
 * by {@link #build()}, so the result and its windows stay immutable whatever is done with the builder afterwards.
 *
 * <p>Internal: public only because the engine lives in another package; not for load tests, and it may change in
 * any release. Not thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class ResultBuilder {

    private final RunProfile profile;
    private final Instant startedAt;
    private final Duration end;
    private final Map<String, RequestTotals> totals = new LinkedHashMap<>();
    private final List<RecordedRun.Interval> intervals = new ArrayList<>();
    private List<RecordedRun.IntervalRequest> intervalRequests = new ArrayList<>();
    private final List<FailureStats> failures = new ArrayList<>();
    private final List<ExceptionStats> exceptions = new ArrayList<>();
    private final List<TaskStats> tasks = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, Long> notSent = new LinkedHashMap<>();
    private final List<String> runFailures = new ArrayList<>();
    private long droppedIterations;
    private StopReason stop;
    private GeneratorHealth generatorHealth = GeneratorHealth.unknown();

    /**
     * Starts the result of a run.
     *
     * @param profile the profile the run used
     * @param startedAt when its first user started
     * @param elapsed how long it was measured
     */
    public ResultBuilder(RunProfile profile, Instant startedAt, Duration elapsed) {
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
    public ResultBuilder request(String method, String name, Histogram responseTimes, Histogram serviceTimes,
            long failureCount, long bytes) {
        totals.put(method + " " + name, new RequestTotals(method, name, LatencyDistribution.copyOf(responseTimes),
                LatencyDistribution.copyOf(serviceTimes), failureCount, bytes));
        return this;
    }

    /**
     * Adds one request name's figures in the interval {@link #interval} adds next.
     *
     * @param responseTimes its response times (µs), {@linkplain #compress(Histogram) compressed}; kept, not copied
     * @param serviceTimes its service times, encoded the same way, or {@code null} when they are the response times
     *     (the closed model)
     */
    public ResultBuilder intervalRequest(String method, String name, byte[] responseTimes, byte[] serviceTimes,
            long count, long failureCount, long bytes) {
        intervalRequests.add(new RecordedRun.IntervalRequest(method, name, Objects.requireNonNull(responseTimes),
                serviceTimes == null ? responseTimes : serviceTimes, count, failureCount, bytes));
        return this;
    }

    /**
     * Adds a recorded interval, holding the requests added by {@link #intervalRequest} since the previous one; add
     * intervals in order.
     *
     * @param start its start, from the run's start
     * @param stop its end
     * @param users users running at its end
     */
    public ResultBuilder interval(Duration start, Duration stop, int users) {
        intervals.add(new RecordedRun.Interval(start, stop, users, intervalRequests));
        intervalRequests = new ArrayList<>();
        return this;
    }

    /** Adds a row of the failures table. */
    public ResultBuilder failure(FailureStats failure) {
        failures.add(failure);
        return this;
    }

    /** Adds a row of the exceptions table. */
    public ResultBuilder exception(ExceptionStats exception) {
        exceptions.add(exception);
        return this;
    }

    /** Adds a task's counts. */
    public ResultBuilder task(TaskStats task) {
        tasks.add(task);
        return this;
    }

    /** Sets the count of dropped open-model iterations. */
    public ResultBuilder droppedIterations(long count) {
        droppedIterations = count;
        return this;
    }

    /** Sets the requests the load generator did not send, by reason. */
    public ResultBuilder notSent(Map<String, Long> counts) {
        notSent.clear();
        notSent.putAll(counts);
        return this;
    }

    /** Adds a warning. */
    public ResultBuilder warning(String warning) {
        warnings.add(warning);
        return this;
    }

    /** Adds a reason the run failed on the generator's side (see {@link LoadTestResult#runFailures()}). */
    public ResultBuilder runFailure(String reason) {
        runFailures.add(Objects.requireNonNull(reason, "reason"));
        return this;
    }

    /** Sets what was measured of the load generator itself. */
    public ResultBuilder generatorHealth(GeneratorHealth health) {
        generatorHealth = Objects.requireNonNull(health, "health");
        return this;
    }

    /** Records why the run ended early. */
    public ResultBuilder stop(StopReason reason) {
        stop = Objects.requireNonNull(reason, "reason");
        return this;
    }

    /** The result of the whole run. */
    public LoadTestResult build() {
        List<FailureStats> sortedFailures = new ArrayList<>(failures);
        sortedFailures.sort(Comparator.comparingLong(FailureStats::occurrences).reversed());
        List<ExceptionStats> sortedExceptions = new ArrayList<>(exceptions);
        sortedExceptions.sort(Comparator.comparingLong(ExceptionStats::count).reversed());
        List<TaskStats> sortedTasks = new ArrayList<>(tasks);
        sortedTasks.sort(Comparator.comparing(TaskStats::userType).thenComparing(TaskStats::task));
        RecordedRun run = new RecordedRun(profile, startedAt, end, intervals, sortedFailures, sortedExceptions,
                sortedTasks, droppedIterations, notSent, warnings, runFailures, Optional.ofNullable(stop),
                generatorHealth);
        Histogram all = LatencyDistribution.newHistogram();
        Histogram allService = LatencyDistribution.newHistogram();
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
        return new LoadTestResult(run, Duration.ZERO, end, requests, total, run.intervals, List.of());
    }

    /**
     * {@code histogram} in HdrHistogram's compressed encoding, as {@link #intervalRequest} takes it: an interval of a
     * long run then costs bytes rather than the kilobytes of a live histogram.
     */
    public static byte[] compress(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return bytes;
    }

    /** The histogram {@link #compress(Histogram)} encoded, growing to any range added to it. */
    public static Histogram decompress(byte[] bytes) {
        try {
            Histogram decoded = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
            decoded.setAutoResize(true);
            return decoded;
        } catch (DataFormatException e) {
            throw new IllegalStateException("A histogram kept by this run could not be decoded", e);
        }
    }

    /**
     * The recorded intervals of {@code result}'s whole run, windows or not, as {@link #intervalRequest} and
     * {@link #interval} took them: the material of a run's mergeable results, from which a merge builds the whole.
     */
    public static List<Interval> intervals(LoadTestResult result) {
        return result.recorded().intervals.stream().map(interval -> new Interval(interval.start(), interval.end(),
                interval.users(), interval.requests().stream().map(request -> new IntervalRequest(request.method(),
                        request.name(), request.responseTimes(),
                        request.serviceTimes() == request.responseTimes() ? null : request.serviceTimes(),
                        request.count(), request.failures(), request.bytes())).toList())).toList();
    }

    /**
     * A recorded interval, as {@link #intervals(LoadTestResult)} hands it out.
     *
     * @param start its start, from the run's start
     * @param end its end
     * @param users users running at its end
     * @param requests each request name's figures in it
     */
    @API(status = INTERNAL, since = "0.1")
    public record Interval(Duration start, Duration end, int users, List<IntervalRequest> requests) {

        /** Copies the requests. */
        public Interval {
            requests = List.copyOf(requests);
        }
    }

    /**
     * One request name's figures in an {@link Interval}, as {@link #intervalRequest} takes them.
     *
     * @param responseTimes response times (µs), {@linkplain #compress(Histogram) compressed}
     * @param serviceTimes service times encoded the same way, or {@code null} when they are the response times
     */
    @API(status = INTERNAL, since = "0.1")
    public record IntervalRequest(String method, String name, byte[] responseTimes, byte[] serviceTimes, long count,
            long failures, long bytes) {
    }

    private record RequestTotals(String method, String name, Histogram responseTimes, Histogram serviceTimes,
            long failures, long bytes) {
    }
}

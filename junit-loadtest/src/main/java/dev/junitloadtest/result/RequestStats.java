package dev.junitloadtest.result;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;

import org.apiguardian.api.API;

/**
 * {@code RequestStats} holds the figures of one request name (or of all requests together, the
 * {@linkplain LoadTestResult#total() aggregated} row) over a run or a window of it, as a row of Locust's statistics
 * table. Immutable and thread-safe.
 */
@API(status = STABLE, since = "0.1")
public final class RequestStats {

    private final String method;
    private final String name;
    private final long failures;
    private final long totalBytes;
    private final Duration elapsed;
    private final LatencyDistribution responseTimes;
    private final LatencyDistribution serviceTimes;

    RequestStats(String method, String name, long failures, long totalBytes, Duration elapsed,
            LatencyDistribution responseTimes, LatencyDistribution serviceTimes) {
        this.method = method;
        this.name = name;
        this.failures = failures;
        this.totalBytes = totalBytes;
        this.elapsed = elapsed;
        this.responseTimes = responseTimes;
        this.serviceTimes = serviceTimes;
    }

    /** The HTTP method, or the type given to timed work; empty for the aggregated row. */
    public String method() {
        return method;
    }

    /** The name requests were recorded under, e.g. {@code /api/v1/orders/{id}}; {@code Aggregated} for all. */
    public String name() {
        return name;
    }

    /** {@code "GET /volatile"}: method and name, as thresholds and assertions refer to a request. */
    public String key() {
        return method.isEmpty() ? name : method + " " + name;
    }

    /** Number of requests, failures included. */
    public long count() {
        return responseTimes.count();
    }

    /** Number of failed requests. */
    public long failures() {
        return failures;
    }

    /** Failed requests as a fraction of all, from 0 to 1; 0 when there were none. */
    public double failureRate() {
        return count() == 0 ? 0 : (double) failures / count();
    }

    /** Requests per second over the measured time of the run or window. */
    public double throughput() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : count() / seconds;
    }

    /** Failures per second over the measured time of the run or window. */
    public double failuresPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : failures / seconds;
    }

    /** Bytes of all response bodies. */
    public long totalBytes() {
        return totalBytes;
    }

    /** Mean size of a response body in bytes; 0 when there were no requests. */
    public double averageContentSize() {
        return count() == 0 ? 0 : (double) totalBytes / count();
    }

    /**
     * Response times: from sending to receiving the complete response (or the failure). In the open model they are
     * measured from each iteration's intended start, so they include any delay the load generator had in starting
     * it (coordinated-omission corrected); {@link #serviceTimes()} leaves that out.
     */
    public LatencyDistribution responseTimes() {
        return responseTimes;
    }

    /**
     * Plain service times, from the moment the request was sent; the same as {@link #responseTimes()} in the closed
     * model. For a window, those of the window's intervals, as its response times.
     */
    public LatencyDistribution serviceTimes() {
        return serviceTimes;
    }

    /** {@code responseTimes().percentile(percentile)}. */
    public Duration percentile(double percentile) {
        return responseTimes.percentile(percentile);
    }

    /** {@code responseTimes().median()}. */
    public Duration median() {
        return responseTimes.median();
    }

    /** {@code responseTimes().mean()}. */
    public Duration mean() {
        return responseTimes.mean();
    }

    /** {@code responseTimes().min()}. */
    public Duration min() {
        return responseTimes.min();
    }

    /** {@code responseTimes().max()}. */
    public Duration max() {
        return responseTimes.max();
    }

    /** The measured time that {@link #throughput()} is computed over. */
    public Duration elapsed() {
        return elapsed;
    }

    @Override
    public String toString() {
        return key() + ": " + count() + " requests, " + failures + " failures, median " + median().toNanos() / 1e6
                + " ms, p95 " + percentile(95).toNanos() / 1e6 + " ms";
    }
}

package dev.junitloadtest.result;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import java.time.Instant;

import org.apiguardian.api.API;

/**
 * {@code HistoryPoint} holds the figures of one interval of a run (normally one second; longer runs keep coarser
 * intervals), all requests together: the raw material of the users, throughput and latency charts.
 *
 * @param start when the interval started, from the run's start
 * @param end when the interval ended, from the run's start
 * @param time the wall-clock time at the interval's end
 * @param users users running at the interval's end
 * @param requests requests completed in the interval
 * @param failures failed requests in the interval
 * @param p50 median response time in the interval
 * @param p95 95th percentile in the interval
 * @param p99 99th percentile in the interval
 * @param max slowest response in the interval
 */
@API(status = STABLE, since = "0.1")
public record HistoryPoint(Duration start, Duration end, Instant time, int users, long requests, long failures,
        Duration p50, Duration p95, Duration p99, Duration max) {

    /** Requests per second in the interval. */
    public double requestsPerSecond() {
        double seconds = end.minus(start).toNanos() / 1e9;
        return seconds <= 0 ? 0 : requests / seconds;
    }

    /** Failures per second in the interval. */
    public double failuresPerSecond() {
        double seconds = end.minus(start).toNanos() / 1e9;
        return seconds <= 0 ? 0 : failures / seconds;
    }
}

package dev.junitloadtest.internal.recording;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;

import org.apiguardian.api.API;

/**
 * What the sampler saw at the end of one interval, handed to every {@link RunListener}. Valid only during the
 * callback (its histograms are recycled). Internal.
 *
 * @param startOffsetNanos interval start, from the run's start
 * @param endOffsetNanos interval end, from the run's start
 * @param users users running at the end of the interval
 * @param requests each request name, ordered by name then method
 * @param aggregated all requests together
 * @param droppedIterations open-model iterations dropped so far
 * @param exceptions exceptions thrown by user code so far
 */
@API(status = INTERNAL, since = "0.1")
public record IntervalSnapshot(long startOffsetNanos, long endOffsetNanos, int users, List<RequestSample> requests,
        RequestSample aggregated, long droppedIterations, long exceptions) {

    /** Interval length in seconds. */
    public double seconds() {
        return (endOffsetNanos - startOffsetNanos) / 1e9;
    }
}

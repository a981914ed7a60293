package dev.junitloadtest.internal.recording;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.HdrHistogram.Histogram;
import org.apiguardian.api.API;

/**
 * One request name's figures at the end of an interval: the interval's own and the run's so far. The histograms
 * belong to the sampler and are valid only during the listener callback that receives them; copy what must be kept.
 * Internal.
 *
 * @param key the request
 * @param interval response times (µs) of the interval
 * @param intervalFailures failures of the interval
 * @param intervalBytes response bytes of the interval
 * @param cumulative response times (µs) of the run so far
 * @param serviceCumulative plain service times (µs) of the run so far; the same as {@code cumulative} in the closed model
 * @param totalFailures failures of the run so far
 * @param totalBytes response bytes of the run so far
 * @param serviceInterval plain service times (µs) of the interval; the very same histogram as {@code interval} in the
 *     closed model, where a request's response time is its service time
 */
@API(status = INTERNAL, since = "0.1")
public record RequestSample(RequestKey key, Histogram interval, long intervalFailures, long intervalBytes,
        Histogram cumulative, Histogram serviceCumulative, long totalFailures, long totalBytes,
        Histogram serviceInterval) {

    /** A sample whose service times are its response times (the closed model). */
    public RequestSample(RequestKey key, Histogram interval, long intervalFailures, long intervalBytes,
            Histogram cumulative, Histogram serviceCumulative, long totalFailures, long totalBytes) {
        this(key, interval, intervalFailures, intervalBytes, cumulative, serviceCumulative, totalFailures, totalBytes,
                interval);
    }
}

package dev.junitloadtest.internal.recording;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Recorder;
import org.apiguardian.api.API;

/**
 * Records the requests of one {@link RequestKey}: wait-free, without locks or allocation per request, from any
 * number of threads. Response times go to one HdrHistogram recorder (from the intended start time in the open model)
 * and, in the open model only, plain service times to a second one; failures and bytes to adders. The sampler
 * drains it each interval. Thread-safe. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class RequestRecorder {

    private final RequestKey key;
    private final Recorder responseTimes = Histograms.newRecorder();
    private final Recorder serviceTimes;
    private final LongAdder failures = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final FailureLog failureLog;

    RequestRecorder(RequestKey key, boolean separateServiceTimes, FailureLog failureLog) {
        this.key = key;
        this.serviceTimes = separateServiceTimes ? Histograms.newRecorder() : null;
        this.failureLog = failureLog;
    }

    /** What this recorder records. */
    public RequestKey key() {
        return key;
    }

    /**
     * Records one request.
     *
     * @param serviceMicros time from sending to the complete response (or the failure)
     * @param lagMicros how late the request's iteration started after its intended start (0 in the closed model)
     * @param bodyBytes size of the response body
     * @param error why the request failed, or {@code null} for a success
     */
    public void record(long serviceMicros, long lagMicros, long bodyBytes, String error) {
        long service = Histograms.clamp(serviceMicros);
        responseTimes.recordValue(Histograms.clamp(service + lagMicros));
        if (serviceTimes != null) {
            serviceTimes.recordValue(service);
        }
        if (bodyBytes > 0) {
            bytes.add(bodyBytes);
        }
        if (error != null) {
            failures.increment();
            failureLog.record(key, error);
        }
    }

    Recorder responseTimes() {
        return responseTimes;
    }

    Recorder serviceTimes() {
        return serviceTimes;
    }

    long failures() {
        return failures.sum();
    }

    long bytes() {
        return bytes.sum();
    }
}

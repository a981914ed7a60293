package dev.junitloadtest.internal.merge;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.apiguardian.api.API;

import dev.junitloadtest.internal.recording.Histograms;
import dev.junitloadtest.internal.recording.IntervalSnapshot;
import dev.junitloadtest.internal.recording.RequestKey;
import dev.junitloadtest.internal.recording.RequestSample;
import dev.junitloadtest.internal.recording.RunClock;
import dev.junitloadtest.internal.recording.RunControl;
import dev.junitloadtest.internal.recording.RunListener;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.ResultBuilder;

/**
 * Hands a finished result's recorded intervals to the listeners that write the streamed outputs
 * ({@code stats_history.csv}, the {@code .hlog}) as the sampler would have while it ran: a merge's history files are
 * written by the same code as a run's. A listener that throws is left out, as the sampler leaves it out. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class HistoryReplay {

    private HistoryReplay() {
    }

    /**
     * Replays {@code result}'s intervals to {@code listeners}, from its start to its end; returns what went wrong with
     * listeners that failed.
     */
    public static List<String> replay(LoadTestResult result, List<RunListener> listeners) {
        List<RunListener> live = new ArrayList<>(listeners);
        List<String> problems = new ArrayList<>();
        RunClock clock = RunClock.startedAt(result.startedAt());
        call(live, problems, listener -> listener.runStarted(clock, RunControl.none()));
        Map<RequestKey, Running> totals = new HashMap<>();
        Running all = new Running();
        for (ResultBuilder.Interval interval : ResultBuilder.intervals(result)) {
            List<RequestSample> samples = new ArrayList<>();
            Histogram aggregated = Histograms.newHistogram();
            long failures = 0;
            long bytes = 0;
            for (ResultBuilder.IntervalRequest request : interval.requests()) {
                RequestKey key = new RequestKey(request.method(), request.name());
                Histogram responses = Histograms.decompress(request.responseTimes());
                Histogram services = request.serviceTimes() == null ? responses
                        : Histograms.decompress(request.serviceTimes());
                Running total = totals.computeIfAbsent(key, k -> new Running());
                total.add(responses, services, request.failures(), request.bytes());
                samples.add(new RequestSample(key, responses, request.failures(), request.bytes(), total.responses,
                        total.services, total.failures, total.bytes, services));
                aggregated.add(responses);
                all.services.add(services);
                failures += request.failures();
                bytes += request.bytes();
            }
            all.responses.add(aggregated);
            all.failures += failures;
            all.bytes += bytes;
            samples.sort(Comparator.comparing(RequestSample::key));
            IntervalSnapshot snapshot = new IntervalSnapshot(interval.start().toNanos(), interval.end().toNanos(),
                    interval.users(), List.copyOf(samples), new RequestSample(new RequestKey("", "Aggregated"),
                            aggregated, failures, bytes, all.responses, all.services, all.failures, all.bytes),
                    result.droppedIterations(), 0);
            call(live, problems, listener -> listener.intervalEnded(snapshot));
        }
        call(live, problems, RunListener::runEnded);
        return problems;
    }

    private static void call(List<RunListener> listeners, List<String> problems,
            java.util.function.Consumer<RunListener> callback) {
        for (RunListener listener : List.copyOf(listeners)) {
            try {
                callback.accept(listener);
            } catch (RuntimeException e) {
                listeners.remove(listener);
                problems.add(listener.getClass().getSimpleName() + " failed and was stopped: " + e);
            }
        }
    }

    /** One request's figures so far. */
    private static final class Running {
        final Histogram responses = Histograms.newHistogram();
        final Histogram services = Histograms.newHistogram();
        long failures;
        long bytes;

        void add(Histogram response, Histogram service, long failed, long sent) {
            responses.add(response);
            services.add(service);
            failures += failed;
            bytes += sent;
        }
    }
}

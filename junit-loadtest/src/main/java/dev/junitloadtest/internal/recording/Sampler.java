package dev.junitloadtest.internal.recording;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.apiguardian.api.API;

/**
 * Swaps every recorder's interval histograms once per interval, on its own platform thread so it keeps time when
 * virtual users saturate the carriers, and hands the figures to the listeners and the {@link Timeline}. It is the
 * only reader of the recorders, so the cumulative histograms it keeps need no locking. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class Sampler {

    private final Recording recording;
    private final RunClock clock;
    private final long intervalNanos;
    private final List<RunListener> listeners;
    private final List<String> listenerProblems = new CopyOnWriteArrayList<>();
    private final Map<RequestKey, State> states = new HashMap<>();
    private final Histogram aggregatedInterval = Histograms.newHistogram();
    private final Histogram aggregatedCumulative = Histograms.newHistogram();
    private final Histogram aggregatedServiceCumulative = Histograms.newHistogram();
    private final Timeline timeline = new Timeline();
    private final Thread thread;
    private volatile boolean running = true;
    private long lastSampleNanos;
    private long aggregatedFailures;
    private long aggregatedBytes;
    private boolean finished;

    /** A sampler of {@code recording}, not yet started. */
    public Sampler(Recording recording, RunClock clock, Duration interval, List<RunListener> listeners, String name) {
        this.recording = recording;
        this.clock = clock;
        this.intervalNanos = interval.toNanos();
        this.listeners = new ArrayList<>(listeners);
        this.thread = Thread.ofPlatform().daemon().name("loadtest-sampler-" + name).unstarted(this::loop);
    }

    /**
     * Starts sampling; the first interval starts at the run clock's origin. Listeners get {@code control} to stop the
     * run.
     */
    public void start(RunControl control) {
        for (RunListener listener : List.copyOf(listeners)) {
            call(listener, () -> listener.runStarted(clock, control));
        }
        thread.start();
    }

    private void loop() {
        long next = intervalNanos;
        while (running) {
            long wait = next - clock.offsetNanos();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
                continue;
            }
            synchronized (this) {
                if (running) {
                    sample(clock.offsetNanos());
                }
            }
            next += intervalNanos;
            // After a long pause (a debugger, a stalled machine) sample once, not once per missed interval.
            long now = clock.offsetNanos();
            if (next < now) {
                next = now + intervalNanos - (now % intervalNanos);
            }
        }
    }

    /**
     * Stops the thread and takes the last sample, so every request recorded before this call is counted exactly
     * once. Call after every writer has stopped.
     */
    public void finish() throws InterruptedException {
        running = false;
        LockSupport.unpark(thread);
        thread.join();
        synchronized (this) {
            if (!finished) {
                finished = true;
                sample(clock.offsetNanos());
                timeline.close();
                for (RunListener listener : List.copyOf(listeners)) {
                    call(listener, listener::runEnded);
                }
            }
        }
    }

    private void sample(long nowNanos) {
        aggregatedInterval.reset();
        long intervalFailures = 0;
        long intervalBytes = 0;
        List<RequestSample> samples = new ArrayList<>();
        for (RequestRecorder recorder : recording.recorders()) {
            State state = states.computeIfAbsent(recorder.key(), k -> new State());
            // Counters before histograms: a request records its time first and its failure and bytes after, so every
            // failure counted here has its time in the histogram swapped below. Read the other way round, a sampler
            // held up between the two (a GC, a starved machine) counted more failures than requests (over 100%).
            long failures = recorder.failures();
            long bytes = recorder.bytes();
            Histogram interval = recorder.responseTimes().getIntervalHistogram(state.recycledInterval);
            state.recycledInterval = interval;
            state.cumulative.add(interval);
            Histogram service = interval;
            if (recorder.serviceTimes() != null) {
                service = recorder.serviceTimes().getIntervalHistogram(state.recycledService);
                state.recycledService = service;
            }
            state.serviceCumulative.add(service);
            aggregatedServiceCumulative.add(service);
            long newFailures = failures - state.failures;
            long newBytes = bytes - state.bytes;
            state.failures = failures;
            state.bytes = bytes;
            intervalFailures += newFailures;
            intervalBytes += newBytes;
            aggregatedInterval.add(interval);
            samples.add(new RequestSample(recorder.key(), interval, newFailures, newBytes, state.cumulative,
                    state.serviceCumulative, failures, bytes, service));
        }
        samples.sort(Comparator.comparing(RequestSample::key));
        aggregatedCumulative.add(aggregatedInterval);
        aggregatedFailures += intervalFailures;
        aggregatedBytes += intervalBytes;
        RequestSample aggregated = new RequestSample(new RequestKey("", "Aggregated"), aggregatedInterval,
                intervalFailures, intervalBytes, aggregatedCumulative, aggregatedServiceCumulative,
                aggregatedFailures, aggregatedBytes);
        IntervalSnapshot snapshot = new IntervalSnapshot(lastSampleNanos, nowNanos, recording.runningUsers().get(),
                List.copyOf(samples), aggregated, recording.droppedIterations().sum(), recording.exceptions().total());
        lastSampleNanos = nowNanos;
        timeline.add(snapshot);
        for (RunListener listener : List.copyOf(listeners)) {
            call(listener, () -> listener.intervalEnded(snapshot));
        }
    }

    private void call(RunListener listener, Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException | Error e) {
            listeners.remove(listener);
            listenerProblems.add(listener.getClass().getSimpleName() + " failed and was stopped: " + e);
        }
    }

    /** Problems of listeners that failed, for the run's warnings. */
    public List<String> listenerProblems() {
        return List.copyOf(listenerProblems);
    }

    /** The run's figures per request name, complete once {@link #finish()} returned. */
    public Map<RequestKey, Totals> totals() {
        Map<RequestKey, Totals> totals = new HashMap<>();
        states.forEach((key, state) -> totals.put(key,
                new Totals(state.cumulative, state.serviceCumulative, state.failures, state.bytes)));
        return totals;
    }

    /** All requests together, complete once {@link #finish()} returned. */
    public Totals aggregatedTotals() {
        return new Totals(aggregatedCumulative, aggregatedServiceCumulative, aggregatedFailures, aggregatedBytes);
    }

    /** The intervals, complete once {@link #finish()} returned. */
    public Timeline timeline() {
        return timeline;
    }

    private static final class State {
        final Histogram cumulative = Histograms.newHistogram();
        final Histogram serviceCumulative = Histograms.newHistogram();
        Histogram recycledInterval;
        Histogram recycledService;
        long failures;
        long bytes;
    }

    /** A request name's figures over the whole run. */
    public record Totals(Histogram responseTimes, Histogram serviceTimes, long failures, long bytes) {
    }
}

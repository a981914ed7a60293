package dev.junitloadtest.internal.engine;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Recorder;

import dev.junitloadtest.internal.config.HostResolution;
import dev.junitloadtest.internal.config.LoadProfile;
import dev.junitloadtest.internal.config.LoadTestConfigurationException;
import dev.junitloadtest.internal.data.DataFeeds;
import dev.junitloadtest.internal.data.DataSet;
import dev.junitloadtest.internal.http.HttpTransport;
import dev.junitloadtest.internal.recording.Recording;
import dev.junitloadtest.internal.recording.RunClock;
import dev.junitloadtest.result.StopReason;

/**
 * What the parts of one run share: the profile, the recording, the HTTP client, the live users, and whether (and
 * why) the run is stopping. Thread-safe. Internal.
 */
final class RunContext {

    private final LoadProfile profile;
    private final Recording recording;
    private final HttpTransport transport;
    private final LiveUsers liveUsers = new LiveUsers();
    private final Recorder schedulingLag;
    private final AtomicReference<Abort> abort = new AtomicReference<>();
    private final Thread driverThread;
    private volatile boolean stopping;
    private volatile boolean loadEnded;
    private final java.util.SplittableRandom userRandoms;
    private final DataFeeds feeds;

    RunContext(LoadProfile profile, Recording recording, HttpTransport transport, Thread driverThread,
            Recorder schedulingLag) {
        this.profile = profile;
        this.schedulingLag = schedulingLag;
        this.userRandoms = new java.util.SplittableRandom(profile.seed());
        skipUserRandoms(profile.shard().index());
        this.feeds = new DataFeeds(profile.feeders(), profile.shard());
        this.recording = recording;
        this.transport = transport;
        this.driverThread = driverThread;
        // A load generator that can no longer send measures nothing of the target: fail the run and stop it at once.
        transport.failures().onFailure(message -> {
            failRun(message);
            abort(StopReason.of(StopReason.Kind.GENERATOR_FAILURE, "the load generator failed"), null);
        });
    }

    /**
     * A new user's random source: split from the run's seed, in the order users are created (by the driver thread
     * alone, so a seed repeats the same sources); for a shard, the source of the whole's user it runs. Seeds derived arithmetically from one another would not do:
     * {@code new SplittableRandom(seed + k * gamma)} for SplittableRandom's own gamma yields the same sequence
     * shifted by k, so every user would draw the same numbers.
     */
    java.util.SplittableRandom newUserRandom() {
        synchronized (userRandoms) {
            java.util.SplittableRandom random = userRandoms.split();
            skipUserRandoms(profile.shard().count() - 1);
            return random;
        }
    }

    /**
     * Skips {@code count} users' sources: shard I of N gives its users the sources the whole would give the users it
     * runs (I+1, I+1+N...), so shards of one seed draw distinct numbers, the very numbers of the unsharded run.
     */
    private void skipUserRandoms(int count) {
        for (int i = 0; i < count; i++) {
            userRandoms.split();
        }
    }

    /** The run's cursors in its {@code @Feeder} data sets. */
    DataFeeds feeds() {
        return feeds;
    }

    /**
     * A {@code UNIQUE} feeder with {@code whenExhausted = FAIL_RUN} ran out: the run stops at once and fails with a
     * message that says which, after how many rows. The first user to find it out wins; the others stop quietly.
     */
    void outOfData(DataSet dataSet) {
        String message = "@Feeder(name = \"" + dataSet.name() + "\") ran out of rows: " + feeds.uniqueRows(dataSet)
                + " were handed out (policy UNIQUE, whenExhausted FAIL_RUN), and "
                + "another user asked for one. Add rows to the file, or run fewer users or iterations.";
        abort(StopReason.of(StopReason.Kind.MISCONFIGURED, "misconfigured: @Feeder \"" + dataSet.name()
                + "\" ran out of rows"), new LoadTestConfigurationException(message));
    }

    LoadProfile profile() {
        return profile;
    }

    Recording recording() {
        return recording;
    }

    HttpTransport transport() {
        return transport;
    }

    LiveUsers liveUsers() {
        return liveUsers;
    }

    /**
     * Where users record how late they started work, in microseconds: a closed-model user waking after its wait, an
     * open-model iteration after its intended start.
     */
    Recorder schedulingLag() {
        return schedulingLag;
    }

    boolean isStopping() {
        return stopping;
    }

    /** Whether the load model's course was ended early, as planned, by {@link #endLoad()}. */
    boolean isLoadEnded() {
        return loadEnded;
    }

    /**
     * Ends the load model's course now, as if it had run to its end: the driver returns and users stop as at the
     * planned end, with no stop reason. Safe to call from any thread.
     */
    void endLoad() {
        loadEnded = true;
        LockSupport.unpark(driverThread);
    }

    /** Users start no new task from now on. */
    void beginStop() {
        stopping = true;
        transport.stopWaiting();
    }

    /**
     * Ends the run early: users stop at once, in-flight tasks are interrupted. The first reason wins. Safe to call
     * from any thread.
     */
    void abort(StopReason reason, RuntimeException failure) {
        if (abort.compareAndSet(null, new Abort(reason, failure))) {
            stopping = true;
            transport.stopWaiting();
            LockSupport.unpark(driverThread);
        }
    }

    /**
     * Fails the run without stopping it: the run goes on, and its result lists {@code message} among the reasons it
     * cannot be trusted (its node fails, whatever the thresholds say). Safe to call from any thread.
     */
    void failRun(String message) {
        recording.runFailures().record(message);
    }

    /** The abort, if the run was aborted. */
    Abort aborted() {
        return abort.get();
    }

    /**
     * Parks the driver thread until {@code offsetNanos} on {@code clock}, or less if woken (by an abort). Returns
     * false, with the run aborted and the interrupt flag kept, when the thread was interrupted: the caller returns.
     */
    boolean driverPause(RunClock clock, long offsetNanos) {
        long wait = offsetNanos - clock.offsetNanos();
        if (wait > 0) {
            LockSupport.parkNanos(this, wait);
        }
        if (Thread.interrupted()) {
            abort(LoadRun.INTERRUPTED, null);
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    void missingHost(String method, String path) {
        String message = "Request " + method + " " + path + " has a relative path, but " + profile.testName()
                + " has no host to send it to. Set one with " + HostResolution.waysToSetIt()
                + "; or use an absolute URL.";
        abort(StopReason.of(StopReason.Kind.MISCONFIGURED, "misconfigured: no host for relative paths"),
                new LoadTestConfigurationException(message));
    }

    /** Why a run was aborted, and the failure to report, if any. */
    record Abort(StopReason reason, RuntimeException failure) {
    }
}

package dev.junitloadtest.internal.engine;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.apiguardian.api.API;

import dev.junitloadtest.internal.config.DurationSyntax;
import dev.junitloadtest.internal.config.LoadModel;
import dev.junitloadtest.internal.config.ShardSplit;
import dev.junitloadtest.internal.health.GeneratorMonitor;
import dev.junitloadtest.internal.config.LoadProfile;
import dev.junitloadtest.internal.http.HttpTransport;
import dev.junitloadtest.internal.recording.LoadSteering;
import dev.junitloadtest.internal.recording.Recording;
import dev.junitloadtest.internal.recording.RunClock;
import dev.junitloadtest.internal.recording.RunControl;
import dev.junitloadtest.internal.recording.RunListener;
import dev.junitloadtest.internal.recording.Sampler;
import dev.junitloadtest.internal.recording.SecretMasker;
import dev.junitloadtest.result.GeneratorHealth;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.StopReason;
import dev.junitloadtest.result.Formats;

/**
 * Runs one load test from a validated profile: starts the HTTP client and the sampler, drives the users through the
 * load model on the calling thread, stops them (gracefully within the stop timeout, then by interruption), and
 * assembles the result. Knows nothing of JUnit. One instance per run. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class LoadRun {

    /** How long users get to end after being interrupted, before the run gives up on them. */
    private static final Duration INTERRUPT_GRACE = Duration.ofSeconds(5);

    /** How late a run may start after its common start ({@code loadtest.shard.start}) before it warns. */
    static final Duration LATE_START = Duration.ofSeconds(5);

    /**
     * How long a JVM shutdown (Ctrl-C, SIGTERM, an IDE's stop button) waits for the run to stop its users and write its
     * results: long enough for both rounds of interrupts and the reports.
     */
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(15);

    /** The stop reason of a run ended by a JVM shutdown. */
    public static final String SHUTDOWN_REASON = "interrupted: the JVM is shutting down (Ctrl-C/SIGINT, SIGTERM, an "
            + "IDE's stop button or System.exit)";

    /** The stop of a run whose thread was interrupted. */
    static final StopReason INTERRUPTED = StopReason.of(StopReason.Kind.INTERRUPTED, "interrupted");

    private final LoadProfile profile;
    private final List<RunListener> listeners;
    private final Duration sampleInterval;
    private volatile RunContext running;
    private volatile StopReason pendingAbort;
    private final java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
    private Duration timeLimit;

    /** A run of {@code profile}, reporting each {@code sampleInterval} to {@code listeners}. */
    public LoadRun(LoadProfile profile, List<RunListener> listeners, Duration sampleInterval) {
        this.profile = profile;
        this.listeners = List.copyOf(listeners);
        this.sampleInterval = sampleInterval;
    }

    /**
     * Runs the load test and returns its result. Returns early, with the users stopped and the result of what ran, when
     * the run is aborted or the calling thread is interrupted (whose interrupt flag is then set again).
     */
    public Outcome run() {
        return run(Function.identity());
    }

    /**
     * Runs the load test, then hands its outcome to {@code finish} (to judge it and write its outputs) and returns what
     * that returns. A JVM shutdown during either waits up to {@link #SHUTDOWN_GRACE} for both, so a stopped run still
     * writes everything it measured.
     */
    public <T> T run(Function<Outcome, T> finish) {
        // A JVM shutdown ends the run early but lets it stop its users and hand over what it measured.
        Thread shutdownHook = Thread.ofPlatform().name("loadtest-shutdown-" + profile.testName()).unstarted(() -> {
            abort(StopReason.of(StopReason.Kind.SHUTDOWN, SHUTDOWN_REASON));
            try {
                finished.await(SHUTDOWN_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        boolean hooked = addShutdownHook(shutdownHook);
        try {
            return finish.apply(execute());
        } finally {
            finished.countDown();
            if (hooked) {
                removeShutdownHook(shutdownHook);
            }
        }
    }

    /**
     * Ends the run after {@code limit} at the latest, as an abort whose reason names {@code source} (e.g. a class's
     * {@code @Timeout}). Call before {@link #run()}.
     */
    public LoadRun timeLimit(Duration limit, String source) {
        this.timeLimit = limit;
        this.timeLimitSource = source;
        return this;
    }

    private String timeLimitSource;
    private LoadSteering steering;

    /**
     * Lets {@code steering} decide the load of each step of the profile's capacity search while the run goes (a
     * search that narrows). Without it, a search runs its planned steps. Call before {@link #run()}.
     */
    public LoadRun steer(LoadSteering steering) {
        this.steering = steering;
        return this;
    }

    /** How the drivers learn each step's load: the steering given, else the search's planned steps, if any. */
    private Optional<LoadSteering> steering() {
        return profile.model().search().map(search -> steering != null ? steering
                : LoadSteering.planned(search.levels()));
    }

    private RunController controller;

    /**
     * Lets {@code controller} decide the users in place of the profile's load model, and hear the run's figures. Call
     * before {@link #run()}.
     */
    public LoadRun controlledBy(RunController controller) {
        this.controller = controller;
        return this;
    }

    private Outcome execute() {
        LoadModel model = profile.model();
        Recording recording = new Recording(profile.http().maxRequestNames(), model instanceof LoadModel.Open,
                new SecretMasker(profile.trust().secretNames()));
        List<String> warnings = new ArrayList<>();
        boolean interrupted = false;
        LoadTestResult result;
        RunContext run;
        HttpTransport transport = new HttpTransport(profile.http(), profile.trust(), profile.testName());
        GeneratorMonitor monitor = new GeneratorMonitor(profile.testName());
        try {
            run = new RunContext(profile, recording, transport, Thread.currentThread(), monitor.schedulingLag());
            running = run;
            if (pendingAbort != null) {
                run.abort(pendingAbort, null);
            }
            // The time limit bounds the wait for a common start too.
            Thread watchdog = timeLimit == null ? null : startWatchdog(run);
            profile.start().ifPresent(start -> awaitStart(run, start, warnings));
            RunClock clock = RunClock.startingNow();
            List<RunListener> heard = new ArrayList<>(listeners);
            if (controller != null) {
                heard.add(controller);
            }
            Sampler sampler = new Sampler(recording, clock, sampleInterval, heard, profile.testName());
            monitor.start();
            // Listeners stop the run through this handle (an abortOnFail threshold), not through the run object.
            RunContext stoppable = run;
            sampler.start(new RunControl() {
                @Override
                public void stop(StopReason reason) {
                    stoppable.abort(reason, null);
                }

                @Override
                public void endLoad() {
                    stoppable.endLoad();
                }
            });
            UserFactory users = new UserFactory(run);
            if (controller != null) {
                controller.drive(new ControlledUsers(run, users));
            } else {
                // A shard whose share is no user has nothing to drive; its load model's description says so.
                switch (model) {
                    case LoadModel.Closed closed when ShardSplit.runsNoLoad(closed) -> { }
                    case LoadModel.Closed closed ->
                            new ClosedModelDriver(closed, run, clock, users, steering()).drive();
                    case LoadModel.Open open -> new OpenModelDriver(open, run, clock, users, steering()).drive();
                    case LoadModel.Controlled controlled -> throw new IllegalStateException(
                            "A run whose users are " + controlled.describe() + " needs its RunController");
                }
            }
            interrupted = Thread.interrupted();
            if (interrupted) {
                run.abort(INTERRUPTED, null);
            }
            interrupted |= stopUsers(run, warnings);
            if (watchdog != null) {
                watchdog.interrupt();
                try {
                    watchdog.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            long endNanos = clock.offsetNanos();
            warnings.addAll(safetyNotes(transport));
            GeneratorHealth health = finish(monitor);
            warnings.addAll(health.problems());
            transport.close();
            interrupted |= finish(sampler);
            warnings.addAll(sampler.listenerProblems());
            result = new ResultAssembler(profile, recording, sampler, clock, Duration.ofNanos(endNanos), health)
                    .assemble(warnings, Optional.ofNullable(run.aborted()).map(RunContext.Abort::reason));
        } finally {
            // Closed before the last sample, so no connection outlives the users; closing again is harmless.
            transport.close();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        RunContext.Abort abort = run.aborted();
        return new Outcome(result, abort == null ? Optional.empty() : Optional.ofNullable(abort.failure()));
    }

    /**
     * Ends the run early, from any thread: users stop at once and in-flight tasks are interrupted. The result says
     * {@code reason}. A call before the run started makes it end as soon as it starts.
     */
    private void abort(StopReason reason) {
        RunContext run = running;
        if (run != null) {
            run.abort(reason, null);
        } else {
            pendingAbort = reason;
        }
    }

    /**
     * Holds the calling thread until {@code start}, the shards' common start, so shards started apart ramp together;
     * returns at once when it is past, warning when it is past by more than {@link #LATE_START}, and early when the
     * run is aborted or the thread interrupted (the run is then aborted and the interrupt flag kept).
     */
    private void awaitStart(RunContext run, Instant start, List<String> warnings) {
        Duration late = Duration.between(start, Instant.now());
        if (late.compareTo(LATE_START) > 0) {
            warnings.add(String.format(java.util.Locale.ROOT, "The load started %.1f s after %s (%s): shards that "
                    + "started on time ran without this one at first.", late.toMillis() / 1000.0,
                    dev.junitloadtest.LoadTestConstants.SHARD_START_PROPERTY_NAME, start));
            return;
        }
        while (!run.isStopping()) {
            long wait = Duration.between(Instant.now(), start).toNanos();
            if (wait <= 0) {
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(this, wait);
            if (Thread.interrupted()) {
                run.abort(INTERRUPTED, null);
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** What the run's safety rails did, for every output: the rate cap's effect, an opted-out TLS verification. */
    private List<String> safetyNotes(HttpTransport transport) {
        List<String> notes = new ArrayList<>();
        double cap = profile.trust().maxRequestsPerSecond();
        if (!Double.isInfinite(cap)) {
            long[] held = transport.rateCapHeld();
            notes.add(String.format(java.util.Locale.ROOT, "Request rate capped at %s/s: the cap held users back "
                    + "%,d time(s), %.1f s in all.", Formats.compact(cap), held[0],
                    held[1] / 1e9));
        }
        if (profile.trust().trustAllCertificates()) {
            notes.add("TLS certificates were NOT verified (-D"
                    + dev.junitloadtest.LoadTestConstants.TRUST_ALL_CERTIFICATES_PROPERTY_NAME + "=true): use it for "
                    + "a staging server's self-signed certificate only; prefer its CA in a trust store (-D"
                    + dev.junitloadtest.LoadTestConstants.TRUST_STORE_PROPERTY_NAME + ").");
        }
        return notes;
    }

    private Thread startWatchdog(RunContext run) {
        long deadline = System.nanoTime() + timeLimit.toNanos();
        return Thread.ofPlatform().daemon().name("loadtest-time-limit-" + profile.testName()).start(() -> {
            while (!run.isStopping()) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    run.abort(StopReason.of(StopReason.Kind.TIME_LIMIT, "stopped by " + timeLimitSource + " after "
                            + DurationSyntax.format(timeLimit)), null);
                    return;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(remaining);
                if (Thread.interrupted()) {
                    return;
                }
            }
        });
    }

    private static boolean addShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException alreadyShuttingDown) {
            return false;
        }
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run; nothing to remove.
        }
    }

    /** Stops every user; returns whether the calling thread was interrupted meanwhile. */
    private boolean stopUsers(RunContext run, List<String> warnings) {
        boolean interrupted = false;
        run.beginStop();
        LiveUsers live = run.liveUsers();
        live.snapshot().forEach(VirtualUserImpl::wake);
        long stopTimeout = run.aborted() == null ? profile.stopTimeout().toNanos() : 0;
        try {
            if (!live.awaitNone(System.nanoTime() + stopTimeout)) {
                live.snapshot().forEach(VirtualUserImpl::interrupt);
                if (!live.awaitNone(System.nanoTime() + INTERRUPT_GRACE.toNanos())) {
                    // A second interrupt reaches an @OnStop that started after the first one.
                    live.snapshot().forEach(VirtualUserImpl::interrupt);
                    live.awaitNone(System.nanoTime() + INTERRUPT_GRACE.toNanos());
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
            run.abort(INTERRUPTED, null);
            live.snapshot().forEach(VirtualUserImpl::interrupt);
            try {
                live.awaitNone(System.nanoTime() + INTERRUPT_GRACE.toNanos());
            } catch (InterruptedException again) {
                // Give up waiting; what remains is reported below.
            }
        }
        List<VirtualUserImpl> stuck = live.snapshot();
        if (!stuck.isEmpty()) {
            warnings.add(stuck.size() + " virtual user(s) did not stop within the stop timeout and "
                    + INTERRUPT_GRACE.toSeconds() * 2 + " s of interrupts, e.g. " + stuck.getFirst().thread().getName()
                    + ": their task code ignores interruption. Their requests after this point are not counted.");
        }
        return interrupted;
    }

    private static GeneratorHealth finish(GeneratorMonitor monitor) {
        try {
            return monitor.finish();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return GeneratorHealth.unknown();
        }
    }

    private static boolean finish(Sampler sampler) {
        try {
            sampler.finish();
            return false;
        } catch (InterruptedException e) {
            try {
                sampler.finish();
            } catch (InterruptedException again) {
                // The result is built from what the sampler has.
            }
            return true;
        }
    }

    /**
     * What a run produced: its result, and the failure that aborted it, if any (a misconfiguration found while
     * running, a user type that could not be created).
     */
    public record Outcome(LoadTestResult result, Optional<RuntimeException> failure) {
    }
}

package dev.junitloadtest.internal.engine;

import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;

import dev.junitloadtest.DataRow;
import dev.junitloadtest.Feeder;
import dev.junitloadtest.RecordedFailureException;
import dev.junitloadtest.VirtualUser;
import dev.junitloadtest.internal.config.TaskSpec;
import dev.junitloadtest.internal.config.UserTypeSpec;
import dev.junitloadtest.internal.config.WaitStrategy;
import dev.junitloadtest.internal.data.DataSet;
import dev.junitloadtest.internal.http.InterruptedRequestException;
import dev.junitloadtest.internal.http.RequestSink;
import dev.junitloadtest.internal.http.UserHttp;
import dev.junitloadtest.internal.recording.Recording;
import dev.junitloadtest.internal.recording.RequestRecorder;
import dev.junitloadtest.internal.recording.RunFailures;
import dev.junitloadtest.internal.recording.SecretMasker;
import dev.junitloadtest.result.StopReason;

/**
 * One virtual user: a fresh instance of its type, its HTTP client, its random source, and the loop that runs its
 * tasks on its own virtual thread. The handle methods belong to the user's thread. Internal.
 */
final class VirtualUserImpl implements VirtualUser, RequestSink {

    private static final long NO_ITERATION = Long.MIN_VALUE;

    private final int id;
    private final UserTypeSpec type;
    private final RunContext run;
    private final Object instance;
    private final UserHttp http;
    private final SplittableRandom random;
    private final SecretMasker.UserSecrets secrets;
    private final int[] cumulativeWeights;
    private final Object[][] taskArguments;
    private final Recording.TaskCounters[] taskCounters;
    private volatile boolean stopRequested;
    private volatile long assignedIntendedStart = NO_ITERATION;
    private long lagMicros;
    private long startedAt;
    private String lastMethod;
    private String lastName;
    private RequestRecorder lastRecorder;
    private Thread thread;

    VirtualUserImpl(int id, UserTypeSpec type, RunContext run) throws ReflectiveOperationException {
        this.id = id;
        this.type = type;
        this.run = run;
        this.instance = type.constructor().newInstance();
        this.secrets = run.recording().masker().newUserSecrets();
        this.http = new UserHttp(run.transport(), this);
        this.random = run.newUserRandom();
        List<TaskSpec> tasks = type.tasks();
        this.cumulativeWeights = new int[tasks.size()];
        this.taskArguments = new Object[tasks.size()][];
        this.taskCounters = new Recording.TaskCounters[tasks.size()];
        int sum = 0;
        for (int i = 0; i < tasks.size(); i++) {
            sum += tasks.get(i).weight();
            cumulativeWeights[i] = sum;
            taskArguments[i] = arguments(tasks.get(i));
            taskCounters[i] = run.recording().task(type.name(), tasks.get(i).name());
        }
    }

    /** Starts the user's virtual thread running {@code body}. */
    void start(Runnable body) {
        thread = Thread.ofVirtual().name("loadtest-" + type.name() + "-" + id).unstarted(body);
        run.liveUsers().add(this);
        startedAt = System.nanoTime();
        thread.start();
    }

    /** The closed model: task, wait, task... until asked to stop. */
    void runClosed() {
        recordStartLag();
        run.recording().runningUsers().incrementAndGet();
        try {
            if (!started()) {
                return;
            }
            // Without a wait there is nothing to time between tasks.
            boolean waits = !(type.waitStrategy() instanceof WaitStrategy.None);
            while (!isStopping()) {
                long start = waits ? System.nanoTime() : 0;
                if (!runOneTask()) {
                    return;
                }
                if (isStopping()) {
                    break;
                }
                if (waits) {
                    pause(type.waitStrategy().waitNanos(random, start, System.nanoTime()));
                }
            }
        } finally {
            end();
        }
    }

    /**
     * The open model: run the iteration handed over by the driver, then the next queued one or wait idle for the next
     * hand-over, until the run stops.
     */
    void runOpen(OpenModelDriver driver) {
        recordStartLag();
        run.recording().runningUsers().incrementAndGet();
        try {
            if (!started()) {
                if (assignedIntendedStart != NO_ITERATION) {
                    // The iteration it was given can never start: count it, or it would vanish from the figures.
                    assignedIntendedStart = NO_ITERATION;
                    run.recording().droppedIterations().increment();
                }
                return;
            }
            while (true) {
                long intended = assignedIntendedStart;
                if (intended == NO_ITERATION) {
                    if (isStopping()) {
                        break;
                    }
                    LockSupport.park(this);
                    continue;
                }
                assignedIntendedStart = NO_ITERATION;
                // An iteration handed over or taken from the queue always runs, even if the run is now stopping:
                // it is neither queued nor dropped any more, so skipping it would lose it from the counts.
                while (intended != OpenModelDriver.NONE) {
                    lagMicros = Math.max(0, (System.nanoTime() - intended) / 1000);
                    run.schedulingLag().recordValue(Math.min(lagMicros, 3_600_000_000L));
                    boolean carryOn = runOneTask();
                    lagMicros = 0;
                    if (!carryOn) {
                        return;
                    }
                    intended = isStopping() ? OpenModelDriver.NONE : driver.next(this);
                }
                if (isStopping()) {
                    break;
                }
            }
        } finally {
            end();
        }
    }

    /** Hands an iteration intended to start at {@code intendedStartNanos} to this idle user. */
    void assign(long intendedStartNanos) {
        assignedIntendedStart = intendedStartNanos;
        LockSupport.unpark(thread);
    }

    /** How long the new user's thread waited for a carrier: a saturated generator starts its users late. */
    private void recordStartLag() {
        run.schedulingLag().recordValue(Math.min((System.nanoTime() - startedAt) / 1000, 3_600_000_000L));
    }

    /**
     * Runs the {@code @OnStart} hooks; returns whether they all succeeded. A user whose start failed stops at once:
     * its tasks would run without what the hook set up (a login, a token), and their requests would be meaningless.
     */
    private boolean started() {
        for (TaskSpec hook : type.onStart()) {
            Outcome outcome = invoke(hook, arguments(hook));
            if (outcome != Outcome.RAN) {
                // OUT_OF_DATA: a user without its row (its account) must not run its tasks; it stops, as its policy says.
                if (outcome == Outcome.THREW) {
                    run.failRun(RunFailures.COUNT + " user(s) of " + type.name() + " could not start: @OnStart "
                            + hook.name() + "() threw, so they stopped before their first task (see the exceptions)");
                }
                return false;
            }
        }
        return true;
    }

    private void end() {
        Thread.interrupted();
        try {
            for (TaskSpec hook : type.onStop()) {
                if (invoke(hook, arguments(hook)) == Outcome.THREW) {
                    run.failRun("@OnStop " + type.name() + "." + hook.name() + "() threw in " + RunFailures.COUNT
                            + " user(s) (see the exceptions)");
                }
            }
        } finally {
            Thread.interrupted();
            run.recording().runningUsers().decrementAndGet();
            run.liveUsers().remove(this);
        }
    }

    /** Runs one task picked by weight; returns false when an {@link Error} ended the user. */
    private boolean runOneTask() {
        int index = pickTask();
        TaskSpec task = type.tasks().get(index);
        Outcome outcome = invoke(task, taskArguments[index]);
        taskCounters[index].record(outcome == Outcome.THREW || outcome == Outcome.ENDED_USER);
        return outcome != Outcome.ENDED_USER;
    }

    private int pickTask() {
        if (cumulativeWeights.length == 1) {
            return 0;
        }
        int ticket = random.nextInt(cumulativeWeights[cumulativeWeights.length - 1]);
        for (int i = 0; i < cumulativeWeights.length; i++) {
            if (ticket < cumulativeWeights[i]) {
                return i;
            }
        }
        throw new IllegalStateException("unreachable: ticket " + ticket);
    }

    /** How a call of a task or hook went. */
    private enum Outcome {
        /** It returned, or ended in a way that is not its fault (cut by the end of the run, a recorded failure). */
        RAN,
        /** It threw an exception, recorded as the task's. */
        THREW,
        /** It threw an {@link Error}, recorded as the task's: the user ends, and the run fails. */
        ENDED_USER,
        /** It asked a {@code UNIQUE} feeder that had run out for a row: the user is stopping, nothing is recorded. */
        OUT_OF_DATA
    }

    /** Runs a task or hook, recording what it threw. */
    private Outcome invoke(TaskSpec task, Object[] arguments) {
        try {
            task.method().invoke(instance, arguments);
            return Outcome.RAN;
        } catch (InvocationTargetException e) {
            Throwable thrown = e.getCause();
            String where = type.name() + "." + task.name();
            if (thrown instanceof Error error) {
                endedBy(error, where);
                return Outcome.ENDED_USER;
            }
            if (thrown instanceof RecordedFailureException) {
                return Outcome.RAN;
            }
            if (run.isStopping() && (thrown instanceof InterruptedRequestException
                    || thrown instanceof InterruptedException || Thread.currentThread().isInterrupted())) {
                // Cut by the end of the run: not the task's fault.
                return Outcome.RAN;
            }
            if (thrown instanceof MissingHostSignal) {
                return Outcome.RAN;
            }
            if (thrown instanceof OutOfDataSignal) {
                return Outcome.OUT_OF_DATA;
            }
            run.recording().exceptions().record(thrown, where, secrets);
            return Outcome.THREW;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot call " + task.method() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Accounts for an {@link Error} thrown by task or hook code: it is recorded like an exception, ends the user (the
     * code's state can no longer be trusted) and fails the run. An {@link OutOfMemoryError} stops the run at once: the
     * generator itself is short of heap, so nothing it measures from then on is the target's doing.
     */
    private void endedBy(Error error, String where) {
        boolean outOfMemory = error instanceof OutOfMemoryError;
        if (outOfMemory) {
            run.abort(StopReason.of(StopReason.Kind.GENERATOR_FAILURE,
                    "the load generator ran out of memory (OutOfMemoryError in " + where + ")"), null);
        }
        String message = RunFailures.COUNT + " user(s) of " + type.name() + " ended by " + error.getClass().getName()
                + " thrown from " + where + "()";
        try {
            run.recording().exceptions().record(error, where, secrets);
            run.failRun(outOfMemory ? message + ": the test JVM is out of heap (" + heapHint() + "); raise it "
                    + "(Surefire's argLine, e.g. -Xmx2g) or lower the users or the response bodies they keep"
                    : message + " (see the exceptions)");
        } catch (OutOfMemoryError again) {
            // Too short of memory even to record it: the abort above already says why the run stopped.
        }
    }

    private static String heapHint() {
        return "max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB";
    }

    /** Waits {@code nanos}, or less when the user is asked to stop. */
    private void pause(long nanos) {
        long deadline = System.nanoTime() + nanos;
        long remaining = nanos;
        while (remaining > 0 && !isStopping()) {
            LockSupport.parkNanos(this, remaining);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            remaining = deadline - System.nanoTime();
        }
        if (nanos > 0 && remaining <= 0) {
            // How late the user woke up: a busy generator shows here before it shows anywhere else.
            run.schedulingLag().recordValue(Math.min(-remaining / 1000, 3_600_000_000L));
        }
    }

    private Object[] arguments(TaskSpec task) {
        Object[] arguments = new Object[task.parameters().size()];
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = switch (task.parameters().get(i)) {
                case HTTP -> http;
                case VIRTUAL_USER -> this;
            };
        }
        return arguments;
    }

    /** Asks the user to stop after its current task, and wakes it if it is waiting. */
    void requestStop() {
        stopRequested = true;
        wake();
    }

    void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    void interrupt() {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    UserTypeSpec type() {
        return type;
    }

    Thread thread() {
        return thread;
    }

    // VirtualUser

    @Override
    public int id() {
        return id;
    }

    @Override
    public String userType() {
        return type.name();
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    @Override
    public DataRow data(String name) {
        DataRow row = run.feeds().next(name, random);
        if (row != null) {
            return row;
        }
        DataSet dataSet = run.feeds().dataSet(name);
        stopRequested = true;
        if (dataSet.whenExhausted() == Feeder.Exhausted.FAIL_RUN) {
            run.outOfData(dataSet);
        }
        throw new OutOfDataSignal(name);
    }

    @Override
    public void stop() {
        stopRequested = true;
    }

    @Override
    public boolean isStopping() {
        return stopRequested || run.isStopping();
    }

    @Override
    public <T> T time(String workType, String name, Callable<T> work) {
        long start = System.nanoTime();
        try {
            T value = work.call();
            record(workType, name, (System.nanoTime() - start) / 1000, 0, null);
            return value;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            long micros = (System.nanoTime() - start) / 1000;
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String message = e.getMessage();
            record(workType, name, micros, 0, e.getClass().getSimpleName() + (message == null ? "" : ": " + message));
            throw new RecordedFailureException(workType + " " + name + " failed: " + e, e);
        }
    }

    // RequestSink

    @Override
    public Optional<URI> host() {
        return run.profile().host();
    }

    @Override
    public void record(String method, String name, long serviceMicros, long bodyBytes, String error) {
        Recording recording = run.recording();
        RequestRecorder recorder = lastRecorder;
        // A user mostly sends the same request again: its recorder without the run's two map lookups.
        if (recorder == null || !method.equals(lastMethod) || !name.equals(lastName)) {
            recorder = recording.recorder(method, name, secrets);
            lastMethod = method;
            lastName = name;
            lastRecorder = recorder;
        }
        recorder.record(serviceMicros, lagMicros, bodyBytes,
                error == null ? null : recording.masker().mask(error, secrets));
    }

    @Override
    public void notSent(String reason) {
        run.recording().notSent(reason);
    }

    @Override
    public SecretMasker.UserSecrets secrets() {
        return secrets;
    }

    @Override
    public RuntimeException missingHost(String method, String path) {
        run.missingHost(method, path);
        return new MissingHostSignal();
    }

    /**
     * Ends the task or hook that asked a {@code UNIQUE} feeder for a row when none was left; the user is already
     * stopping (and the run too, with {@code FAIL_RUN}). Code that catches it only delays the stop.
     */
    private static final class OutOfDataSignal extends RuntimeException {

        private static final long serialVersionUID = 1L;

        OutOfDataSignal(String name) {
            super("@Feeder \"" + name + "\" has no row left for this user", null, false, false);
        }
    }

    /** Ends the task that found the run has no host; the run is already being aborted. */
    private static final class MissingHostSignal extends RuntimeException {

        private static final long serialVersionUID = 1L;

        MissingHostSignal() {
            super("the run has no host", null, false, false);
        }
    }
}

package dev.junitloadtest.internal.engine;

import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;

import dev.junitloadtest.RecordedFailureException;
import dev.junitloadtest.VirtualUser;
import dev.junitloadtest.internal.config.TaskSpec;
import dev.junitloadtest.internal.config.UserTypeSpec;
import dev.junitloadtest.internal.http.InterruptedRequestException;
import dev.junitloadtest.internal.http.RequestSink;
import dev.junitloadtest.internal.http.UserHttp;
import dev.junitloadtest.internal.recording.Recording;
import dev.junitloadtest.internal.recording.SecretMasker;

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
            hooks(type.onStart());
            while (!isStopping()) {
                long start = System.nanoTime();
                runOneTask();
                if (isStopping()) {
                    break;
                }
                pause(type.waitStrategy().waitNanos(random, start, System.nanoTime()));
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
            hooks(type.onStart());
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
                    runOneTask();
                    lagMicros = 0;
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

    private void end() {
        Thread.interrupted();
        try {
            hooks(type.onStop());
        } finally {
            Thread.interrupted();
            run.recording().runningUsers().decrementAndGet();
            run.liveUsers().remove(this);
        }
    }

    private void runOneTask() {
        int index = pickTask();
        TaskSpec task = type.tasks().get(index);
        boolean threw = invoke(task, taskArguments[index]);
        taskCounters[index].record(threw);
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

    private void hooks(List<TaskSpec> hooks) {
        for (TaskSpec hook : hooks) {
            invoke(hook, arguments(hook));
        }
    }

    /** Runs a task or hook; returns whether it threw an exception that counts as the task's. */
    private boolean invoke(TaskSpec task, Object[] arguments) {
        try {
            task.method().invoke(instance, arguments);
            return false;
        } catch (InvocationTargetException e) {
            Throwable thrown = e.getCause();
            if (thrown instanceof VirtualMachineError error) {
                throw error;
            }
            if (thrown instanceof RecordedFailureException) {
                return false;
            }
            if (run.isStopping() && (thrown instanceof InterruptedRequestException
                    || thrown instanceof InterruptedException || Thread.currentThread().isInterrupted())) {
                // Cut by the end of the run: not the task's fault.
                return false;
            }
            if (thrown instanceof MissingHostSignal) {
                return false;
            }
            run.recording().exceptions().record(thrown, type.name() + "." + task.name(), secrets);
            return true;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot call " + task.method() + ": " + e.getMessage(), e);
        }
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
        recording.recorder(method, name, secrets).record(serviceMicros, lagMicros, bodyBytes,
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

    /** Ends the task that found the run has no host; the run is already being aborted. */
    private static final class MissingHostSignal extends RuntimeException {

        private static final long serialVersionUID = 1L;

        MissingHostSignal() {
            super("the run has no host", null, false, false);
        }
    }
}

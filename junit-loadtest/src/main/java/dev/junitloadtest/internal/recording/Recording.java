package dev.junitloadtest.internal.recording;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.apiguardian.api.API;

/**
 * Everything one run records, from any thread: requests by method and name, failures, exceptions, task outcomes,
 * the number of running users and dropped iterations. One per run, never shared between runs. Thread-safe.
 * Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class Recording {

    /** Name under which requests beyond the cap of distinct names are recorded. */
    public static final String OTHER_NAMES = "(other names: more distinct request names than the report keeps)";

    private final int maxNames;
    private final boolean separateServiceTimes;
    private final SecretMasker masker;
    private final Map<String, Map<String, RequestRecorder>> recorders = new ConcurrentHashMap<>();
    private final Map<RequestKey, RequestRecorder> byKey = new ConcurrentHashMap<>();
    private final AtomicInteger nameCount = new AtomicInteger();
    private final AtomicBoolean namesOverflowed = new AtomicBoolean();
    private final FailureLog failures = new FailureLog(1000);
    private final ExceptionLog exceptions = new ExceptionLog(200, this::maskForExceptions);
    private final Map<String, TaskCounters> tasks = new ConcurrentHashMap<>();
    private final AtomicInteger runningUsers = new AtomicInteger();
    private final LongAdder droppedIterations = new LongAdder();
    private final Map<String, LongAdder> notSent = new ConcurrentHashMap<>();
    private final RunFailures runFailures = new RunFailures();

    /**
     * A recording keeping at most {@code maxNames} distinct request names, with separate service-time histograms
     * when latencies are corrected for the open model, masking secrets with {@code masker}.
     */
    public Recording(int maxNames, boolean separateServiceTimes, SecretMasker masker) {
        this.maxNames = maxNames;
        this.separateServiceTimes = separateServiceTimes;
        this.masker = masker;
    }

    /** Why the run failed on the generator's side, whatever its thresholds say. */
    public RunFailures runFailures() {
        return runFailures;
    }

    /** The run's secret masker. */
    public SecretMasker masker() {
        return masker;
    }

    /** The recorder of {@code method} and {@code name}, created on first use; see {@link #recorder(String, String, SecretMasker.UserSecrets)}. */
    public RequestRecorder recorder(String method, String name) {
        return recorder(method, name, null);
    }

    /**
     * The recorder of {@code method} and {@code name}, created on first use under the name with its secrets masked
     * (names that differ only by a secret share one recorder). Looking up an existing recorder does not allocate.
     */
    public RequestRecorder recorder(String method, String name, SecretMasker.UserSecrets secrets) {
        Map<String, RequestRecorder> byName = recorders.get(method);
        if (byName == null) {
            byName = recorders.computeIfAbsent(method, m -> new ConcurrentHashMap<>());
        }
        RequestRecorder recorder = byName.get(name);
        return recorder != null ? recorder : create(byName, method, name, secrets);
    }

    private RequestRecorder create(Map<String, RequestRecorder> byName, String method, String name,
            SecretMasker.UserSecrets secrets) {
        String masked = masker.mask(name, secrets);
        RequestKey key = new RequestKey(method, masked);
        if (!byKey.containsKey(key) && nameCount.get() >= maxNames) {
            namesOverflowed.set(true);
            key = new RequestKey(method, OTHER_NAMES);
        }
        RequestRecorder recorder = byKey.computeIfAbsent(key, k -> {
            nameCount.incrementAndGet();
            return new RequestRecorder(k, separateServiceTimes, failures);
        });
        // Names beyond the cap are not remembered one by one: that is what the cap is for.
        if (!recorder.key().name().equals(OTHER_NAMES) || byName.size() < maxNames) {
            byName.putIfAbsent(name, recorder);
        }
        return recorder;
    }

    /** Whether requests were recorded under {@link #OTHER_NAMES} because there were too many distinct names. */
    public boolean namesOverflowed() {
        return namesOverflowed.get();
    }

    /** The cap on distinct request names. */
    public int maxNames() {
        return maxNames;
    }

    /** Whether service times are kept apart from (corrected) response times. */
    public boolean separateServiceTimes() {
        return separateServiceTimes;
    }

    /** Every recorder created so far. */
    public List<RequestRecorder> recorders() {
        return new ArrayList<>(byKey.values());
    }

    /** The failure counts. */
    public FailureLog failures() {
        return failures;
    }

    /** The exceptions thrown by user code. */
    public ExceptionLog exceptions() {
        return exceptions;
    }

    /** The counters of task {@code task} of user type {@code userType}. */
    public TaskCounters task(String userType, String task) {
        String key = userType + "." + task;
        TaskCounters counters = tasks.get(key);
        return counters != null ? counters : tasks.computeIfAbsent(key, k -> new TaskCounters(userType, task));
    }

    /** The counters of every task that ran. */
    public List<TaskCounters> tasks() {
        return List.copyOf(tasks.values());
    }

    private String maskForExceptions(String text, SecretMasker.UserSecrets secrets) {
        return masker.mask(text, secrets);
    }

    /** Counts users between their start and their end. */
    public AtomicInteger runningUsers() {
        return runningUsers;
    }

    /** Counts open-model iterations that could not start because every user was busy at the cap. */
    public LongAdder droppedIterations() {
        return droppedIterations;
    }

    /** Counts a request the load generator did not send, for {@code reason}. */
    public void notSent(String reason) {
        LongAdder count = notSent.get(reason);
        (count != null ? count : notSent.computeIfAbsent(reason, r -> new LongAdder())).increment();
    }

    /** The requests the load generator did not send, by reason. */
    public Map<String, Long> notSent() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        notSent.forEach((reason, count) -> counts.put(reason, count.sum()));
        return counts;
    }

    /** How often a task ran, and how often it threw. Thread-safe. */
    public static final class TaskCounters {

        private final String userType;
        private final String task;
        private final LongAdder iterations = new LongAdder();
        private final LongAdder exceptions = new LongAdder();

        TaskCounters(String userType, String task) {
            this.userType = userType;
            this.task = task;
        }

        /** Counts one run of the task, and whether it threw. */
        public void record(boolean threw) {
            iterations.increment();
            if (threw) {
                exceptions.increment();
            }
        }

        /** The user type's simple name. */
        public String userType() {
            return userType;
        }

        /** The task method's name. */
        public String task() {
            return task;
        }

        /** How often the task ran. */
        public long iterations() {
            return iterations.sum();
        }

        /** How often it threw. */
        public long exceptions() {
            return exceptions.sum();
        }
    }
}

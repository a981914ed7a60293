package dev.junitloadtest.internal.locust;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.junitloadtest.internal.engine.RunController;
import dev.junitloadtest.internal.recording.ExceptionLog;
import dev.junitloadtest.internal.recording.FailureLog;
import dev.junitloadtest.internal.recording.IntervalSnapshot;

/**
 * What one worker tells its Locust master, every field present: its heartbeats, and its reports (the figures since
 * the previous report, then one exception message per exception thrown meanwhile). Holds what was already reported.
 * Thread-safe. Internal.
 */
final class WorkerMessages {

    /** How many exception messages one report sends at most; the rest are in the worker's own report. */
    private static final int MAX_EXCEPTIONS_PER_REPORT = 100;

    private final String nodeId = hostName() + "_" + UUID.randomUUID().toString().replace("-", "");
    private final LocustStats stats = new LocustStats();
    private final Map<String, Long> reportedExceptions = new HashMap<>();

    /** The node id the master knows the worker by: {@code <hostname>_<uuid hex>}, as Locust's workers name theirs. */
    String nodeId() {
        return nodeId;
    }

    /** A message of {@code type} from this worker. */
    LocustMessage message(String type, Object data) {
        return new LocustMessage(type, data, nodeId);
    }

    /** Adds one interval of the run, which ended at {@code endEpochMillis}, to the next report. */
    void add(IntervalSnapshot snapshot, long endEpochMillis) {
        stats.add(snapshot, endEpochMillis);
    }

    /** A heartbeat saying {@code state}, with the process's CPU (percent of one core, as Locust's) and memory. */
    LocustMessage heartbeat(String state) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("state", state);
        data.put("current_cpu_usage", cpuPercent());
        data.put("current_memory_usage", memoryBytes());
        return message("heartbeat", data);
    }

    /**
     * The report since the previous one, then the exceptions thrown meanwhile; {@code users} is the run's, or
     * {@code null} before it started, when {@code typeNames} all count 0 users.
     */
    synchronized List<LocustMessage> report(RunController.Users users, List<String> typeNames) {
        List<FailureLog.Count> failures = users == null ? List.of() : users.recording().failures().counts();
        Map<String, Object> data = stats.drain(failures);
        Map<String, Integer> running = new LinkedHashMap<>();
        if (users == null) {
            typeNames.forEach(name -> running.put(name, 0));
        } else {
            running.putAll(users.running());
        }
        data.put("user_classes_count", running);
        data.put("user_count", (long) running.values().stream().mapToInt(Integer::intValue).sum());
        List<LocustMessage> messages = new ArrayList<>();
        messages.add(message("stats", data));
        if (users != null) {
            addExceptions(users.recording().exceptions(), messages);
        }
        return messages;
    }

    private void addExceptions(ExceptionLog exceptions, List<LocustMessage> messages) {
        int sent = 0;
        for (ExceptionLog.Entry entry : exceptions.entries()) {
            long before = reportedExceptions.getOrDefault(entry.trace(), 0L);
            long send = Math.max(0, Math.min(entry.count() - before, MAX_EXCEPTIONS_PER_REPORT - sent));
            for (long i = 0; i < send; i++) {
                messages.add(exception(entry.message(), entry.trace()));
            }
            sent += (int) send;
            reportedExceptions.put(entry.trace(), before + send);
        }
    }

    /** An exception message: what Locust's master lists under Exceptions, by traceback. */
    LocustMessage exception(String message, String traceback) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("msg", message);
        data.put("traceback", traceback);
        return message("exception", data);
    }

    private static double cpuPercent() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            double load = os.getProcessCpuLoad();
            return load < 0 ? 0.0 : load * 100 * os.getAvailableProcessors();
        }
        return 0.0;
    }

    private static long memoryBytes() {
        var memory = ManagementFactory.getMemoryMXBean();
        return memory.getHeapMemoryUsage().getCommitted() + memory.getNonHeapMemoryUsage().getCommitted();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");
        }
    }
}

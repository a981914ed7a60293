package dev.junitloadtest.internal.locust;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.apiguardian.api.API;

import dev.junitloadtest.internal.recording.FailureLog;
import dev.junitloadtest.internal.recording.IntervalSnapshot;
import dev.junitloadtest.internal.recording.RequestKey;
import dev.junitloadtest.internal.recording.RequestSample;

/**
 * The figures a Locust worker reports to its master: what the run recorded since the previous report (Locust's
 * master adds reports up), per method and name and in all, with response times in Locust's rounded millisecond
 * buckets and requests per unix second. Filled from the sampler's intervals, drained every few seconds and once at
 * the end, so the reports add up to exactly what the run recorded. Thread-safe. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class LocustStats {

    private final Map<RequestKey, Entry> entries = new TreeMap<>();
    private Entry total = new Entry(null, "Aggregated", now());
    private final Map<FailureLog.Count, Long> reportedErrors = new HashMap<>();

    /**
     * Adds one interval of the run, which ended at {@code endEpochMillis} (wall clock): its requests are counted in
     * that interval's last unix second.
     */
    public synchronized void add(IntervalSnapshot snapshot, long endEpochMillis) {
        double end = endEpochMillis / 1000.0;
        long second = Math.floorDiv(endEpochMillis - 1, 1000);
        for (RequestSample sample : snapshot.requests()) {
            if (sample.interval().getTotalCount() == 0 && sample.intervalFailures() == 0) {
                continue;
            }
            entries.computeIfAbsent(sample.key(), key -> new Entry(key.method(), key.name(), now()))
                    .add(sample, end, second);
        }
        total.add(snapshot.aggregated(), end, second);
    }

    /**
     * The report since the previous one: {@code stats}, {@code stats_total} and {@code errors} (from {@code failures},
     * the run's failure counts so far), every field present. Starts the next report.
     */
    public synchronized Map<String, Object> drain(List<FailureLog.Count> failures) {
        double now = now();
        List<Object> stats = new ArrayList<>();
        for (Entry entry : entries.values()) {
            stats.add(entry.serialize());
        }
        entries.clear();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("stats", stats);
        data.put("stats_total", total.serialize());
        total = new Entry(null, "Aggregated", now);
        data.put("errors", errors(failures));
        return data;
    }

    private Map<String, Object> errors(List<FailureLog.Count> failures) {
        Map<String, Object> errors = new LinkedHashMap<>();
        for (FailureLog.Count count : failures) {
            FailureLog.Count key = new FailureLog.Count(count.key(), count.error(), 0);
            long before = reportedErrors.getOrDefault(key, 0L);
            long delta = count.occurrences() - before;
            if (delta <= 0) {
                continue;
            }
            reportedErrors.put(key, count.occurrences());
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("name", count.key().name());
            error.put("method", count.key().method());
            error.put("error", count.error());
            error.put("occurrences", delta);
            errors.put(errorKey(count), error);
        }
        return errors;
    }

    /** The key Locust gives an error: a SHA-256 of method, name and error, so the same error merges across workers. */
    private static String errorKey(FailureLog.Count count) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((count.key().method() + "."
                    + count.key().name() + ".'" + count.error() + "'").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    /**
     * The bucket Locust counts a response time of {@code millis} in: rounded to 1 ms below 100 ms, to 10 ms below
     * 1 s, to 100 ms below 10 s, to 1 s above; halves to even, as Python's {@code round}.
     */
    public static long bucket(double millis) {
        double unit = millis < 100 ? 1 : millis < 1000 ? 10 : millis < 10_000 ? 100 : 1000;
        return (long) (Math.rint(millis / unit) * unit);
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

    /** One request's (or all requests') figures since the previous report. */
    private static final class Entry {

        private final String method;
        private final String name;
        private final double startTime;
        private Double lastRequestTimestamp;
        private long requests;
        private long failures;
        private double totalMillis;
        private double maxMillis;
        private Double minMillis;
        private long contentLength;
        private final Map<Long, Long> responseTimes = new TreeMap<>();
        private final Map<Long, Long> requestsPerSecond = new TreeMap<>();
        private final Map<Long, Long> failuresPerSecond = new TreeMap<>();

        Entry(String method, String name, double startTime) {
            this.method = method;
            this.name = name;
            this.startTime = startTime;
        }

        void add(RequestSample sample, double end, long second) {
            Histogram times = sample.interval();
            long count = times.getTotalCount();
            if (count > 0) {
                for (HistogramIterationValue value : times.recordedValues()) {
                    double millis = times.medianEquivalentValue(value.getValueIteratedTo()) / 1000.0;
                    long n = value.getCountAtValueIteratedTo();
                    totalMillis += millis * n;
                    responseTimes.merge(bucket(millis), n, Long::sum);
                }
                double min = times.getMinValue() / 1000.0;
                minMillis = minMillis == null ? min : Math.min(minMillis, min);
                maxMillis = Math.max(maxMillis, times.getMaxValue() / 1000.0);
                requests += count;
                requestsPerSecond.merge(second, count, Long::sum);
                lastRequestTimestamp = end;
            }
            if (sample.intervalFailures() > 0) {
                failures += sample.intervalFailures();
                failuresPerSecond.merge(second, sample.intervalFailures(), Long::sum);
            }
            contentLength += sample.intervalBytes();
        }

        /** Every field of Locust's StatsEntry report, none left out: a missing one kills the master's receiver. */
        Map<String, Object> serialize() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("name", name);
            data.put("method", method);
            data.put("last_request_timestamp", lastRequestTimestamp);
            data.put("start_time", startTime);
            data.put("num_requests", requests);
            data.put("num_none_requests", 0L);
            data.put("num_failures", failures);
            data.put("total_response_time", totalMillis);
            data.put("max_response_time", maxMillis);
            data.put("min_response_time", minMillis);
            data.put("total_content_length", contentLength);
            data.put("response_times", new LinkedHashMap<>(responseTimes));
            data.put("num_reqs_per_sec", new LinkedHashMap<>(requestsPerSecond));
            data.put("num_fail_per_sec", new LinkedHashMap<>(failuresPerSecond));
            return data;
        }
    }
}

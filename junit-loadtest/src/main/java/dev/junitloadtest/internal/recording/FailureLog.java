package dev.junitloadtest.internal.recording;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.apiguardian.api.API;

/**
 * Counts failures by request and error message, as Locust's failures table. Distinct errors are capped so messages
 * full of ids cannot grow without bound; the excess is counted under one "other errors" row. Thread-safe. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class FailureLog {

    /** Error message under which failures beyond the cap of distinct errors are counted. */
    public static final String OTHER_ERRORS = "(other errors: more distinct messages than the report keeps)";

    private static final int MAX_MESSAGE_LENGTH = 500;

    private final int maxDistinct;
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*[\\r\\n]+\\s*");

    /** By request, by message: counting a failure seen before looks up two maps and allocates nothing. */
    private final Map<RequestKey, Map<String, LongAdder>> counts = new ConcurrentHashMap<>();
    private final AtomicInteger distinct = new AtomicInteger();
    private final AtomicBoolean overflowed = new AtomicBoolean();

    /** A log keeping at most {@code maxDistinct} distinct (request, error) pairs. */
    public FailureLog(int maxDistinct) {
        this.maxDistinct = maxDistinct;
    }

    void record(RequestKey key, String error) {
        Map<String, LongAdder> byError = counts.get(key);
        if (byError == null) {
            byError = counts.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
        }
        String line = oneLine(error);
        LongAdder count = byError.get(line);
        if (count == null) {
            if (distinct.get() >= maxDistinct) {
                overflowed.set(true);
                line = OTHER_ERRORS;
            }
            count = byError.computeIfAbsent(line, e -> {
                distinct.incrementAndGet();
                return new LongAdder();
            });
        }
        count.increment();
    }

    /** Whether some failures were counted under {@link #OTHER_ERRORS}. */
    public boolean overflowed() {
        return overflowed.get();
    }

    /** The counts, most frequent first. */
    public List<Count> counts() {
        return counts.entrySet().stream()
                .flatMap(byKey -> byKey.getValue().entrySet().stream()
                        .map(e -> new Count(byKey.getKey(), e.getKey(), e.getValue().sum())))
                .sorted(Comparator.comparingLong(Count::occurrences).reversed()
                        .thenComparing(Count::key).thenComparing(Count::error))
                .toList();
    }

    /** Failure messages are one line in every report. */
    static String oneLine(String error) {
        if (error.length() <= MAX_MESSAGE_LENGTH && error.indexOf('\n') < 0 && error.indexOf('\r') < 0
                && (error.isEmpty() || !Character.isWhitespace(error.charAt(0))
                        && !Character.isWhitespace(error.charAt(error.length() - 1)))) {
            return error;
        }
        String line = LINE_BREAKS.matcher(error).replaceAll(" ").strip();
        return line.length() <= MAX_MESSAGE_LENGTH ? line : line.substring(0, MAX_MESSAGE_LENGTH - 1) + "…";
    }

    /** How often {@code key} failed with {@code error}. */
    public record Count(RequestKey key, String error, long occurrences) {
    }
}

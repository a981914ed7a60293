package dev.junitloadtest.internal.recording;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts failures by request and error message, as Locust's failures table. Distinct errors are capped so messages
 * full of ids cannot grow without bound; the excess is counted under one "other errors" row. Thread-safe. Internal.
 */
public final class FailureLog {

    /** Error message under which failures beyond the cap of distinct errors are counted. */
    public static final String OTHER_ERRORS = "(other errors: more distinct messages than the report keeps)";

    private static final int MAX_MESSAGE_LENGTH = 500;

    private final int maxDistinct;
    private final Map<Entry, LongAdder> counts = new ConcurrentHashMap<>();
    private final AtomicBoolean overflowed = new AtomicBoolean();

    /** A log keeping at most {@code maxDistinct} distinct (request, error) pairs. */
    public FailureLog(int maxDistinct) {
        this.maxDistinct = maxDistinct;
    }

    void record(RequestKey key, String error) {
        Entry entry = new Entry(key, oneLine(error));
        LongAdder count = counts.get(entry);
        if (count == null) {
            if (counts.size() >= maxDistinct) {
                overflowed.set(true);
                entry = new Entry(key, OTHER_ERRORS);
            }
            count = counts.computeIfAbsent(entry, e -> new LongAdder());
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
                .map(e -> new Count(e.getKey().key(), e.getKey().error(), e.getValue().sum()))
                .sorted(Comparator.comparingLong(Count::occurrences).reversed()
                        .thenComparing(Count::key).thenComparing(Count::error))
                .toList();
    }

    /** Failure messages are one line in every report. */
    static String oneLine(String error) {
        String line = error.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
        return line.length() <= MAX_MESSAGE_LENGTH ? line : line.substring(0, MAX_MESSAGE_LENGTH - 1) + "…";
    }

    private record Entry(RequestKey key, String error) {
    }

    /** How often {@code key} failed with {@code error}. */
    public record Count(RequestKey key, String error, long occurrences) {
    }
}

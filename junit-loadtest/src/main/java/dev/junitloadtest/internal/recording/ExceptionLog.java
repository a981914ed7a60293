package dev.junitloadtest.internal.recording;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.apiguardian.api.API;

/**
 * Counts exceptions thrown by task and hook code, grouped by stack trace as Locust's exceptions table, with the
 * tasks that threw them. Distinct traces are capped. Thread-safe. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class ExceptionLog {

    private static final int MAX_TRACE_LINES = 40;

    private final int maxDistinct;
    private final java.util.function.BiFunction<String, SecretMasker.UserSecrets, String> mask;
    private final Map<String, Group> groups = new ConcurrentHashMap<>();
    private final LongAdder total = new LongAdder();
    private final AtomicBoolean overflowed = new AtomicBoolean();

    /** A log keeping at most {@code maxDistinct} distinct stack traces, masking secrets with {@code mask}. */
    public ExceptionLog(int maxDistinct, java.util.function.BiFunction<String, SecretMasker.UserSecrets, String> mask) {
        this.maxDistinct = maxDistinct;
        this.mask = mask;
    }

    /** Records {@code exception}, thrown by {@code where} (e.g. {@code "ApiUser.home"}). */
    public void record(Throwable exception, String where) {
        record(exception, where, null);
    }

    /** Records {@code exception}, thrown by {@code where}, with {@code secrets} (a user's) masked out of it. */
    public void record(Throwable exception, String where, SecretMasker.UserSecrets secrets) {
        total.increment();
        String trace = mask.apply(trace(exception), secrets);
        Group group = groups.get(trace);
        if (group == null) {
            if (groups.size() >= maxDistinct) {
                overflowed.set(true);
                trace = "(other exceptions: more distinct stack traces than the report keeps)";
            }
            String message = mask.apply(exception.getClass().getName()
                    + (exception.getMessage() == null ? "" : ": " + FailureLog.oneLine(exception.getMessage())), secrets);
            group = groups.computeIfAbsent(trace, t -> new Group(message, t));
        }
        group.count.increment();
        group.where.add(where);
    }

    /** Number of exceptions recorded. */
    public long total() {
        return total.sum();
    }

    /** Whether some exceptions were grouped under one "other" entry. */
    public boolean overflowed() {
        return overflowed.get();
    }

    /** The groups, most frequent first. */
    public List<Entry> entries() {
        return groups.values().stream()
                .map(g -> new Entry(g.message, g.trace, g.count.sum(), Set.copyOf(g.where)))
                .sorted(Comparator.comparingLong(Entry::count).reversed().thenComparing(Entry::message))
                .toList();
    }

    private static String trace(Throwable exception) {
        StringWriter text = new StringWriter();
        exception.printStackTrace(new PrintWriter(text));
        String[] lines = text.toString().split("\\R");
        StringBuilder kept = new StringBuilder();
        for (int i = 0; i < lines.length && i < MAX_TRACE_LINES; i++) {
            // Frames of the engine below the user's code are the same for every exception; dropping them keeps
            // traces short without merging different ones.
            if (lines[i].contains("dev.junitloadtest.internal.engine.") || lines[i].contains("java.base/jdk.internal.reflect.")
                    || lines[i].contains("java.base/java.lang.reflect.Method.invoke")) {
                continue;
            }
            kept.append(lines[i]).append('\n');
        }
        if (lines.length > MAX_TRACE_LINES) {
            kept.append("\t... ").append(lines.length - MAX_TRACE_LINES).append(" more lines\n");
        }
        return kept.toString();
    }

    private static final class Group {
        final String message;
        final String trace;
        final LongAdder count = new LongAdder();
        final Set<String> where = ConcurrentHashMap.newKeySet();

        Group(String message, String trace) {
            this.message = message;
            this.trace = trace;
        }
    }

    /** Exceptions with one stack trace: how many, and which tasks threw them. */
    public record Entry(String message, String trace, long count, Set<String> where) {
    }
}

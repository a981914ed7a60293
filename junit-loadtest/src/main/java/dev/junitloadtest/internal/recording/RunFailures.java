package dev.junitloadtest.internal.recording;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.apiguardian.api.API;

/**
 * Why a run cannot be trusted whatever its thresholds say: an {@link Error} that ended users, an {@code @OnStart}
 * that failed, a generator that could not send. Each distinct message is counted, so ten thousand users failing the
 * same way make one line, not ten thousand: a message written with {@code {n}} shows its count there ("{n} user(s)
 * could not start"), any other is followed by its count when it happened more than once. Bounded: past {@value #MAX_MESSAGES} distinct messages the rest are
 * counted together. Thread-safe; recording a message already seen does not allocate. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class RunFailures {

    static final int MAX_MESSAGES = 50;
    /** Where a message shows how often it happened. */
    public static final String COUNT = "{n}";
    static final String OTHER = "(other reasons: more distinct run failures than the report keeps)";

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final List<String> order = new ArrayList<>();

    /** Counts one occurrence of {@code message}. */
    public void record(String message) {
        LongAdder count = counts.get(message);
        if (count == null) {
            synchronized (order) {
                count = counts.get(message);
                if (count == null) {
                    String key = order.size() < MAX_MESSAGES ? message : OTHER;
                    count = counts.computeIfAbsent(key, k -> new LongAdder());
                    if (!order.contains(key)) {
                        order.add(key);
                    }
                }
            }
        }
        count.increment();
    }

    /** Whether anything was recorded. */
    public boolean isEmpty() {
        synchronized (order) {
            return order.isEmpty();
        }
    }

    /** Each message in the order first seen, with its count. */
    public List<String> messages() {
        List<String> messages = new ArrayList<>();
        synchronized (order) {
            for (String message : order) {
                long count = counts.get(message).sum();
                if (message.contains(COUNT)) {
                    messages.add(message.replace(COUNT, String.format(Locale.ROOT, "%,d", count)));
                } else {
                    messages.add(count == 1 ? message
                            : String.format(Locale.ROOT, "%s (%,d times)", message, count));
                }
            }
        }
        return messages;
    }
}

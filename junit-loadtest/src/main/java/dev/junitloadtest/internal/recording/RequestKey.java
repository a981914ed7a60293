package dev.junitloadtest.internal.recording;

/** What a request is recorded under: its method (or the type of timed work) and its name. Internal. */
public record RequestKey(String method, String name) implements Comparable<RequestKey> {

    /** {@code "GET /volatile"}, as thresholds and assertions refer to requests. */
    @Override
    public String toString() {
        return method + " " + name;
    }

    /** Ordered by name, then method, as Locust sorts its statistics. */
    @Override
    public int compareTo(RequestKey other) {
        int byName = name.compareTo(other.name);
        return byName != 0 ? byName : method.compareTo(other.method);
    }
}

package dev.junitloadtest.internal.recording;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** What a request is recorded under: its method (or the type of timed work) and its name. Internal. */
@API(status = INTERNAL, since = "0.1")
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

package dev.junitloadtest.http;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Map;
import java.util.Optional;

import org.apiguardian.api.API;

/**
 * {@code Cookies} is a view of one virtual user's cookie jar: the cookies its responses set, sent back with its later
 * requests as a browser would. Belongs to the user's thread.
 */
@API(status = STABLE, since = "0.1")
public interface Cookies {

    /** The value of the unexpired cookie named {@code name}, whatever its domain and path, if the jar holds one. */
    Optional<String> get(String name);

    /** The unexpired cookies, by name (the last one set wins when several domains or paths share a name). */
    Map<String, String> asMap();

    /** Adds a cookie for the run's host, path {@code /}, without expiry. */
    void put(String name, String value);

    /** Empties the jar. */
    void clear();
}

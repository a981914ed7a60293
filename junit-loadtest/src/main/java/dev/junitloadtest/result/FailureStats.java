package dev.junitloadtest.result;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * {@code FailureStats} counts the failures of one request with one error, as a row of Locust's failures table.
 *
 * @param method the request's method
 * @param name the request's name
 * @param error why it failed, e.g. {@code HTTP 500 Internal Server Error} or {@code ConnectException: Connection refused}
 * @param occurrences how many times
 */
@API(status = STABLE, since = "0.1")
public record FailureStats(String method, String name, String error, long occurrences) {

    /** {@code "GET /buggy"}. */
    public String key() {
        return method + " " + name;
    }
}

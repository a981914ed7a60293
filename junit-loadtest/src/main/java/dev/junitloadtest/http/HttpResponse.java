package dev.junitloadtest.http;

import static org.apiguardian.api.API.Status.STABLE;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.junitloadtest.json.JsonValue;

/**
 * {@code HttpResponse} is the outcome of one request: the response received, or the failure to receive one (then
 * {@link #status()} is 0 and {@link #failure()} says why). Immutable.
 */
@API(status = STABLE, since = "0.1")
public interface HttpResponse {

    /** The status code, or 0 when no response was received. */
    int status();

    /** The first value of header {@code name} (case-insensitive), if present. */
    Optional<String> header(String name);

    /** Every value of header {@code name} (case-insensitive), in order received; empty if absent. */
    List<String> headers(String name);

    /** All headers, by name as received, each with its values in order. */
    Map<String, List<String>> headers();

    /** The body as text, decoded with the charset of its content type (UTF-8 by default); empty when there is none. */
    String body();

    /** The body's bytes; empty when there is none. */
    byte[] bodyBytes();

    /**
     * The body parsed as JSON.
     *
     * @throws IllegalStateException if the body is not JSON, with where parsing failed
     */
    JsonValue json();

    /** The protocol of the response, {@code HTTP/1.1} or {@code HTTP/2}; empty when there was no response. */
    String protocol();

    /** The request's URI, after path variables and query parameters were applied (before any redirect). */
    URI uri();

    /** Time from sending the request to receiving the whole response (or the failure), redirects included. */
    Duration elapsed();

    /** Whether the request was recorded as a success. */
    boolean isSuccess();

    /** Why the request was recorded as a failure, as shown in the failure statistics; empty for a success. */
    Optional<String> failure();

    /**
     * Returns this response when it was a success; otherwise throws a {@link dev.junitloadtest.RecordedFailureException},
     * which ends the task without the failure being counted twice.
     */
    HttpResponse orThrow();
}

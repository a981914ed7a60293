package dev.junitloadtest.http;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import java.util.Map;
import java.util.function.IntPredicate;

import org.apiguardian.api.API;

/**
 * {@code HttpRequest} is a request being put together by {@link Http#request(String, String, Object...)}; nothing is
 * sent until {@link #send()}. Each method returns this builder. Not thread-safe.
 */
@API(status = STABLE, since = "0.1")
public interface HttpRequest {

    /** Adds a header; a header of the same name added earlier, or set by default, is kept as well. */
    HttpRequest header(String name, String value);

    /** Adds a query parameter; its name and value are URL-encoded. Query parameters never change the request's name. */
    HttpRequest query(String name, Object value);

    /** Adds each entry of {@code parameters} as a query parameter. */
    HttpRequest query(Map<String, ?> parameters);

    /** Sets the body. */
    HttpRequest body(RequestBody body);

    /** Sets a JSON body ({@code application/json}) from JSON text. */
    default HttpRequest json(String json) {
        return body(RequestBody.json(json));
    }

    /** Sets a JSON body written from maps, lists, strings, numbers, booleans and nulls; see {@link RequestBody#json(Object)}. */
    default HttpRequest json(Object value) {
        return body(RequestBody.json(value));
    }

    /** Sets a form body ({@code application/x-www-form-urlencoded}) from name, value pairs. */
    default HttpRequest form(Map<String, ?> fields) {
        return body(RequestBody.form(fields));
    }

    /**
     * Sets the name this request is recorded under, instead of its path template, as Locust's {@code name=}. The
     * method is kept: {@code request("GET", "/p/" + id).name("/p/[id]")} is recorded as {@code GET /p/[id]}.
     */
    HttpRequest name(String name);

    /** Sets how long to wait for the response, instead of the run's response timeout. */
    HttpRequest timeout(Duration timeout);

    /** Sets whether redirects are followed (they are by default). */
    HttpRequest followRedirects(boolean follow);

    /**
     * Counts the request as a success only with one of these statuses, instead of any status below 400: e.g.
     * {@code expect(404)} when a missing resource is the expected answer.
     */
    HttpRequest expect(int... statuses);

    /** Counts the request as a success only with a status that {@code success} accepts: {@code s -> true} takes all. */
    HttpRequest expectStatus(IntPredicate success);

    /**
     * Adds a check of the response, run after its status was found acceptable; a check that throws (an AssertJ
     * assertion, say) makes the request a failure, recorded with the exception's message, as Locust's
     * {@code catch_response}:
     * <pre>{@code
     * .check(r -> assertThat(r.body()).contains("csrf_token"))
     * }</pre>
     */
    HttpRequest check(ResponseCheck check);

    /** Sends the request, waits for the response, records it, and returns it. */
    HttpResponse send();
}

package dev.junitloadtest.http;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * {@code Http} is one virtual user's HTTP client, handed to task and hook methods that declare a parameter of this
 * type. Like a browser, or a Locust {@code HttpUser}'s session, it keeps its own cookies and its own kept-alive
 * connections, and it follows redirects.
 *
 * <p>Every request is measured and recorded under its method and a name. The name defaults to the path as written,
 * before its {@code {placeholders}} are filled in and without the query string, so requests for different ids land
 * under one name: {@code http.get("/api/v1/orders/{id}", 42)} requests {@code /api/v1/orders/42} and is recorded as
 * {@code GET /api/v1/orders/{id}}. {@link HttpRequest#name(String)} sets another name.
 *
 * <p>A request fails when it gets no response (connection refused or reset, timeout), when its status is 400 or
 * above, or when its {@link HttpRequest#check check} throws; the failure is recorded with its error message, and the
 * response is returned all the same (with status 0 when there was none), so a task goes on as a Locust task does.
 * Call {@link HttpResponse#orThrow()} to end the task instead.
 *
 * <p>Paths are relative to the run's host (see {@link dev.junitloadtest.LoadTest#host()}); absolute {@code http://} or
 * {@code https://} URLs are used as they are.
 *
 * <p>An {@code Http} belongs to its user's thread and is not thread-safe.
 */
@API(status = STABLE, since = "0.1")
public interface Http {

    /** Sends {@code GET path}, filling {@code {placeholders}} in {@code path} with {@code pathVariables} in order. */
    HttpResponse get(String path, Object... pathVariables);

    /** Sends {@code HEAD path}. */
    HttpResponse head(String path, Object... pathVariables);

    /** Sends {@code DELETE path}. */
    HttpResponse delete(String path, Object... pathVariables);

    /** Sends {@code POST path} with {@code body}. */
    HttpResponse post(String path, RequestBody body, Object... pathVariables);

    /** Sends {@code PUT path} with {@code body}. */
    HttpResponse put(String path, RequestBody body, Object... pathVariables);

    /** Sends {@code PATCH path} with {@code body}. */
    HttpResponse patch(String path, RequestBody body, Object... pathVariables);

    /**
     * Starts a request with any method, to add headers, query parameters, a body, a name, expected statuses or a
     * check before {@link HttpRequest#send() sending} it:
     * <pre>{@code
     * http.request("POST", "/api/v1/orders")
     *     .header("Authorization", "Bearer " + token)
     *     .json(Map.of("product", 7, "quantity", 2))
     *     .expect(201)
     *     .send();
     * }</pre>
     */
    HttpRequest request(String method, String path, Object... pathVariables);

    /**
     * Sends {@code name: value} with every later request of this user, replacing an earlier default of that name, as
     * Locust's {@code self.client.headers.update(...)}: an {@code Authorization} header after logging in, say.
     *
     * @return this client
     */
    Http defaultHeader(String name, String value);

    /** Stops sending a default header set by {@link #defaultHeader(String, String)}; returns this client. */
    Http removeDefaultHeader(String name);

    /** This user's cookie jar. */
    Cookies cookies();
}

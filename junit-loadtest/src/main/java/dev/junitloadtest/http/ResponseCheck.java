package dev.junitloadtest.http;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * {@code ResponseCheck} decides whether a response is a success beyond its status; see
 * {@link HttpRequest#check(ResponseCheck)}.
 */
@FunctionalInterface
@API(status = STABLE, since = "0.1")
public interface ResponseCheck {

    /** Returns normally when {@code response} is acceptable; throws, with a message saying why, when it is not. */
    void verify(HttpResponse response) throws Exception;
}

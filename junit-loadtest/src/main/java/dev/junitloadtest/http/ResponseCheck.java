package dev.junitloadtest.http;

/**
 * {@code ResponseCheck} decides whether a response is a success beyond its status; see
 * {@link HttpRequest#check(ResponseCheck)}.
 */
@FunctionalInterface
public interface ResponseCheck {

    /** Returns normally when {@code response} is acceptable; throws, with a message saying why, when it is not. */
    void verify(HttpResponse response) throws Exception;
}

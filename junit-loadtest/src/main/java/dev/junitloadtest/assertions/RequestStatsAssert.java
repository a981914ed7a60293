package dev.junitloadtest.assertions;

import dev.junitloadtest.result.RequestStats;

/**
 * Assertions on the figures of one request name of a load test result, or of all requests together; reached with
 * {@code assertThat(result).request("GET /")} or {@code assertThat(result).total()}. See
 * {@link AbstractRequestStatsAssert}.
 */
public class RequestStatsAssert extends AbstractRequestStatsAssert<RequestStatsAssert> {

    /** An assertion on {@code actual}. */
    public RequestStatsAssert(RequestStats actual) {
        super(actual, RequestStatsAssert.class);
    }
}

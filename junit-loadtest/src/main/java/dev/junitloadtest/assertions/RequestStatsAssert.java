package dev.junitloadtest.assertions;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

import dev.junitloadtest.result.RequestStats;

/**
 * Assertions on the figures of one request name of a load test result, or of all requests together; reached with
 * {@code assertThat(result).request("GET /")} or {@code assertThat(result).total()}. See
 * {@link AbstractRequestStatsAssert}.
 */
@API(status = STABLE, since = "0.1")
public class RequestStatsAssert extends AbstractRequestStatsAssert<RequestStatsAssert> {

    /** An assertion on {@code actual}. */
    public RequestStatsAssert(RequestStats actual) {
        super(actual, RequestStatsAssert.class);
    }
}

package dev.junitloadtest.assertions;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

import dev.junitloadtest.result.LoadTestResult;

/**
 * Assertions on a load test result, or on a window of it; reached with
 * {@link LoadTestAssertions#assertThat(LoadTestResult)}. See {@link AbstractLoadTestResultAssert}.
 */
@API(status = STABLE, since = "0.1")
public class LoadTestResultAssert extends AbstractLoadTestResultAssert<LoadTestResultAssert> {

    /** An assertion on {@code actual}. */
    public LoadTestResultAssert(LoadTestResult actual) {
        super(actual, LoadTestResultAssert.class);
    }
}

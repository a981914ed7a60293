/**
 * AssertJ assertions on load test results, for budgets in ordinary {@code @Test} methods: start with
 * {@link dev.junitloadtest.assertions.LoadTestAssertions#assertThat(dev.junitloadtest.result.LoadTestResult)}, or
 * with {@link dev.junitloadtest.assertions.LoadTestSoftAssertions} to report every breach together.
 */
package dev.junitloadtest.assertions;

package dev.junitloadtest;

import java.util.Map;

import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Events;

import dev.junitloadtest.result.LoadTestResult;

/**
 * One run of fixture classes through the engine ({@link EngineRuns#runLoad}): JUnit's events, and the
 * {@link LoadTestResult} of each load test class that ran.
 *
 * @param results the engine's events
 * @param loadTestResults the result of each load test class that produced one, by class
 */
public record FixtureRun(EngineExecutionResults results, Map<Class<?>, LoadTestResult> loadTestResults) {

    /** The run's test events. */
    public Events testEvents() {
        return results.testEvents();
    }

    /** The run's container events. */
    public Events containerEvents() {
        return results.containerEvents();
    }

    /** All the run's events. */
    public Events allEvents() {
        return results.allEvents();
    }

    /** The result of the run's one load test class; an {@link AssertionError} if it has none, or several. */
    public LoadTestResult result() {
        if (loadTestResults.size() != 1) {
            throw new AssertionError("Expected one load test result, but the run kept " + loadTestResults.size()
                    + " (" + loadTestResults.keySet() + "); events: " + results.allEvents().list());
        }
        return loadTestResults.values().iterator().next();
    }

    /** The result of {@code loadTestClass}; an {@link AssertionError} if it has none. */
    public LoadTestResult result(Class<?> loadTestClass) {
        LoadTestResult result = loadTestResults.get(loadTestClass);
        if (result == null) {
            throw new AssertionError(loadTestClass.getSimpleName() + " kept no load test result; events: "
                    + results.allEvents().list());
        }
        return result;
    }
}

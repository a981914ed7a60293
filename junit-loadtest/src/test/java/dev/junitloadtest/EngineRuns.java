package dev.junitloadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs fixture classes through the real Jupiter engine, as an IDE or Maven would. */
public final class EngineRuns {

    private EngineRuns() {
    }

    /** Runs {@code testClass} with no configuration parameters. */
    public static EngineExecutionResults run(Class<?> testClass) {
        return run(testClass, Map.of());
    }

    /** Runs {@code testClass} with {@code parameters} as JUnit configuration parameters. */
    public static EngineExecutionResults run(Class<?> testClass, Map<String, String> parameters) {
        return run(parameters, testClass);
    }

    /** Runs {@code testClass} as {@link #run(Class)} does, and keeps the {@code LoadTestResult} it produced. */
    public static FixtureRun runLoad(Class<?> testClass) {
        return runLoad(Map.of(), testClass);
    }

    /** Runs {@code testClass} as {@link #run(Class, Map)} does, and keeps the {@code LoadTestResult} it produced. */
    public static FixtureRun runLoad(Class<?> testClass, Map<String, String> parameters) {
        return runLoad(parameters, testClass);
    }

    /**
     * Runs {@code testClasses} in one engine run with {@code parameters}, and keeps the {@code LoadTestResult} of
     * each, also when the parameters run them in parallel.
     */
    public static FixtureRun runLoad(Map<String, String> parameters, Class<?>... testClasses) {
        try (ResultCapture capture = ResultCapture.open()) {
            return new FixtureRun(run(capture.parametersWith(parameters), testClasses), capture.results());
        }
    }

    private static EngineExecutionResults run(Map<String, String> parameters, Class<?>... testClasses) {
        // Quiet by default; a test that wants an output turns it back on through its parameters.
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter("loadtest.console.interval", "off")
                .configurationParameter("loadtest.console.summary", "false")
                .configurationParameter("loadtest.report-files", "false")
                .configurationParameters(parameters)
                .selectors(Arrays.stream(testClasses).map(DiscoverySelectors::selectClass)
                        .toArray(DiscoverySelector[]::new))
                .execute();
    }

    /** The values of {@code loadtest.http.transport} the HTTP behaviour tests run with: both transports. */
    public static final String[] TRANSPORTS = {"httpclient", "lean"};

    /** {@code parameters} with {@code loadtest.http.transport} set to {@code transport}. */
    public static Map<String, String> on(String transport, Map<String, String> parameters) {
        Map<String, String> all = new java.util.HashMap<>(parameters);
        all.put(LoadTestConstants.HTTP_TRANSPORT_PROPERTY_NAME, transport);
        return all;
    }

    /** The message of the configuration error that failed {@code testClass}'s container. */
    public static String configurationError(Class<?> testClass) {
        return configurationError(testClass, Map.of());
    }

    /** The message of the configuration error that failed {@code testClass}'s container, run with {@code parameters}. */
    public static String configurationError(Class<?> testClass, Map<String, String> parameters) {
        EngineExecutionResults results = run(testClass, parameters);
        Event failed = results.containerEvents().failed().stream()
                .filter(event -> event.getTestDescriptor().getSource()
                        .filter(source -> source instanceof ClassSource classSource
                                && classSource.getJavaClass() == testClass)
                        .isPresent())
                .findFirst()
                .orElseThrow(() -> new AssertionError(testClass.getSimpleName() + " did not fail; events: "
                        + results.allEvents().list()));
        Throwable thrown = failed.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
        assertThat(thrown).isInstanceOf(ExtensionConfigurationException.class);
        assertThat(results.testEvents().started().count()).as("no test may start after a configuration error")
                .isZero();
        return thrown.getMessage();
    }
}

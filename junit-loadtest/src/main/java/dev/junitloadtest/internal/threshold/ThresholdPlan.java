package dev.junitloadtest.internal.threshold;

import java.util.List;
import java.util.function.Consumer;

import dev.junitloadtest.internal.config.ConfigurationParameters;
import dev.junitloadtest.internal.recording.RunListener;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.ThresholdResult;

/**
 * The thresholds of one load test class: read and validated before the run (a malformed one is a configuration
 * error), watched while it goes (to abort early), and judged on its result. Internal.
 */
public final class ThresholdPlan {

    private ThresholdPlan() {
    }

    /**
     * Reads the thresholds declared on {@code testClass}.
     *
     * @throws dev.junitloadtest.internal.config.LoadTestConfigurationException if one is malformed
     */
    public static ThresholdPlan read(Class<?> testClass, ConfigurationParameters parameters) {
        return new ThresholdPlan();
    }

    /** Listeners that watch the run, calling {@code abort} with a reason when a threshold can no longer pass. */
    public List<RunListener> listeners(Consumer<String> abort) {
        return List.of();
    }

    /** The verdicts on {@code result}, in declaration order. */
    public List<ThresholdResult> evaluate(LoadTestResult result) {
        return List.of();
    }
}

package dev.junitloadtest.internal.threshold;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;

import org.apiguardian.api.API;

import dev.junitloadtest.internal.config.ConfigurationParameters;
import dev.junitloadtest.internal.config.LoadProfile;
import dev.junitloadtest.internal.recording.RunListener;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.ThresholdResult;

/**
 * The thresholds of one load test class: read and validated before the run (a malformed one is a configuration
 * error), watched while it goes (to abort early), and judged on its result. Immutable. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class ThresholdPlan {

    private final List<ThresholdSpec> specs;

    private ThresholdPlan(List<ThresholdSpec> specs) {
        this.specs = List.copyOf(specs);
    }

    /**
     * Reads the thresholds declared on {@code testClass}, checking their windows against {@code profile}, the run's
     * validated profile.
     *
     * @throws dev.junitloadtest.internal.config.LoadTestConfigurationException if one is malformed
     */
    public static ThresholdPlan read(Class<?> testClass, ConfigurationParameters parameters, LoadProfile profile) {
        return new ThresholdPlan(new ThresholdReader(testClass, profile).read());
    }

    /** The thresholds, in declaration order. */
    public List<ThresholdSpec> specs() {
        return specs;
    }

    /**
     * Listeners that watch the run, stopping it through the control they get when it starts, with a reason, when an
     * {@code abortOnFail} threshold fails for good.
     */
    public List<RunListener> listeners() {
        if (specs.stream().noneMatch(ThresholdSpec::abortOnFail)) {
            return List.of();
        }
        return List.of(new AbortWatch(specs));
    }

    /** The verdicts on {@code result}, in declaration order; a threshold judging each request gives one per request. */
    public List<ThresholdResult> evaluate(LoadTestResult result) {
        return specs.stream().flatMap(spec -> Judge.evaluate(spec, result).stream()).toList();
    }
}

package dev.junitloadtest.internal.threshold;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.apiguardian.api.API;

import dev.junitloadtest.internal.baseline.BaselineComparison;
import dev.junitloadtest.internal.config.ConfigurationParameters;
import dev.junitloadtest.internal.config.LoadProfile;
import dev.junitloadtest.internal.recording.RunListener;
import dev.junitloadtest.result.LoadTestResult;
import dev.junitloadtest.result.ThresholdResult;

/**
 * The thresholds of one load test class, and its comparison with a baseline if it has one: read and validated before
 * the run (a malformed threshold, a missing baseline file are configuration errors), watched while it goes (to abort
 * early), and judged on its result. Immutable. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class ThresholdPlan {

    private final List<ThresholdSpec> specs;
    private final Optional<BaselineComparison> baseline;

    private ThresholdPlan(List<ThresholdSpec> specs, Optional<BaselineComparison> baseline) {
        this.specs = List.copyOf(specs);
        this.baseline = baseline;
    }

    /**
     * Reads the thresholds declared on {@code testClass}, checking their windows against {@code profile}, the run's
     * validated profile, and the baseline it is compared with, if any.
     *
     * @throws dev.junitloadtest.internal.config.LoadTestConfigurationException if one is malformed, or the baseline
     *     cannot be used
     */
    public static ThresholdPlan read(Class<?> testClass, ConfigurationParameters parameters, LoadProfile profile) {
        List<ThresholdSpec> specs = new ThresholdReader(testClass, profile).read();
        return new ThresholdPlan(specs, BaselineComparison.read(testClass, parameters));
    }

    /** The baseline the run is compared with, if any. */
    public Optional<BaselineComparison> baseline() {
        return baseline;
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

    /**
     * The verdicts on {@code result}, in declaration order (a threshold judging each request gives one per request),
     * then those of the comparison with the baseline.
     */
    public List<ThresholdResult> evaluate(LoadTestResult result) {
        return Stream.concat(specs.stream().flatMap(spec -> Judge.evaluate(spec, result).stream()),
                baseline.stream().flatMap(comparison -> comparison.compare(result).stream())).toList();
    }
}

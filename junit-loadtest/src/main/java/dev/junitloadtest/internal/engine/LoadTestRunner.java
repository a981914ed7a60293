package dev.junitloadtest.internal.engine;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.junitloadtest.internal.capacity.CapacityPlan;
import dev.junitloadtest.internal.capacity.SearchCourse;
import dev.junitloadtest.internal.config.LoadProfile;
import dev.junitloadtest.internal.recording.RunListener;
import dev.junitloadtest.internal.report.ReportSettings;
import dev.junitloadtest.internal.report.Reporting;
import dev.junitloadtest.internal.threshold.ThresholdPlan;
import dev.junitloadtest.result.LoadTestResult;

import org.apiguardian.api.API;

/**
 * Runs one load test class from its validated parts and returns what a test framework shows of it: wires the outputs
 * ({@link Reporting}), the abort watch of its thresholds and the watch of its capacity search as listeners of a {@link LoadRun}, bounds the run by the
 * class's time limit, runs it, judges its thresholds and writes every output within the run's shutdown grace, so a
 * run stopped by Ctrl-C still leaves its report. Knows nothing of JUnit: the adapter reads annotations and
 * configuration into the values given here, then publishes what {@link #run} returns. One instance per run.
 * Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class LoadTestRunner {

    /** How often the run's figures are sampled, for the live outputs, the history and the abort watch. */
    private static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(1);

    private final Class<?> testClass;
    private final LoadProfile profile;
    private final ThresholdPlan thresholds;
    private final ReportSettings reports;
    private final Optional<TimeLimit> timeLimit;

    /**
     * A run of {@code testClass}.
     *
     * @param profile its validated profile, with the host it will use
     * @param thresholds its validated thresholds
     * @param reports where and how it reports
     * @param timeLimit when the run must end at the latest, if it is bounded
     */
    public LoadTestRunner(Class<?> testClass, LoadProfile profile, ThresholdPlan thresholds, ReportSettings reports,
            Optional<TimeLimit> timeLimit) {
        this.testClass = testClass;
        this.profile = profile;
        this.thresholds = thresholds;
        this.reports = reports;
        this.timeLimit = timeLimit;
    }

    /**
     * Runs the load test, printing its live and final console outputs to {@code out} and problems with its files to
     * {@code err}, and returns the judged result, what to attach to the test's report, and the failure that aborted
     * the run, if any. Returns early, with the users stopped, when the calling thread is interrupted (whose interrupt
     * flag is then set again).
     */
    public Finished run(PrintStream out, PrintStream err) {
        Reporting reporting = Reporting.create(testClass, profile, reports, out, err);
        List<RunListener> listeners = new ArrayList<>(reporting.listeners());
        listeners.addAll(thresholds.listeners());
        Optional<CapacityPlan> capacity = CapacityPlan.of(profile);
        Optional<SearchCourse> course = capacity.map(CapacityPlan::start);
        course.ifPresent(c -> listeners.add(c.watch()));
        LoadRun run = new LoadRun(profile, listeners, SAMPLE_INTERVAL);
        course.ifPresent(run::steer);
        timeLimit.ifPresent(limit -> run.timeLimit(limit.duration(), limit.source()));
        return run.run(outcome -> {
            // Within the run's shutdown grace: a stopped run still writes every output of what it measured.
            // The capacity first: thresholds may put a floor under it.
            LoadTestResult judgedCapacity = capacity.map(plan -> plan.judge(outcome.result(), course.orElseThrow()))
                    .orElse(outcome.result());
            // A baseline of another load profile is still compared, with a warning on every output.
            LoadTestResult searched = judgedCapacity.withWarnings(thresholds.baseline()
                    .map(comparison -> comparison.profileDifferences(judgedCapacity)).orElse(List.of()));
            LoadTestResult judged = searched.withThresholds(thresholds.evaluate(searched));
            return new Finished(judged, reporting.finish(judged, thresholds.baseline()), outcome.failure());
        });
    }

    /**
     * A bound on how long a run may last, e.g. a test class's {@code @Timeout}: the run is stopped when it is
     * reached, with a stop reason that names {@code source}.
     *
     * @param duration how long the run may last
     * @param source what set the bound, as stop reasons name it: {@code @Timeout(30 seconds)}
     */
    public record TimeLimit(Duration duration, String source) {
    }

    /**
     * What a run left for the test framework to show.
     *
     * @param result the result, thresholds judged
     * @param attachments the report entries and files to publish with the test's result
     * @param failure the failure that aborted the run, if any (a misconfiguration found while running, a user type
     *        that could not be created)
     */
    public record Finished(LoadTestResult result, Reporting.Attachments attachments,
            Optional<RuntimeException> failure) {
    }
}

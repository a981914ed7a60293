package dev.junitloadtest.internal.engine;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.junitloadtest.internal.capacity.CapacityPlan;
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
    private RunController controller;

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
     * Lets {@code controller} decide when the run starts and ends and how many users of each type run, in place of
     * the class's load model; it is closed after the run. Call before {@link #run}.
     */
    public LoadTestRunner controlledBy(RunController controller) {
        this.controller = controller;
        return this;
    }

    /**
     * Runs the load test, printing its live and final console outputs to {@code out} and problems with its files to
     * {@code err}, and returns the judged result, what to attach to the test's report, and the failure that aborted
     * the run, if any. Returns early, with the users stopped, when the calling thread is interrupted (whose interrupt
     * flag is then set again).
     */
    public Finished run(PrintStream out, PrintStream err) {
        if (controller == null) {
            return run(profile, out, err);
        }
        try {
            Reporting prepared = Reporting.create(testClass, profile, reports, out, err);
            LoadProfile started = controller.beforeRun(profile);
            return run(started, prepared, out, err);
        } finally {
            controller.close();
        }
    }

    private Finished run(LoadProfile profile, PrintStream out, PrintStream err) {
        return run(profile, Reporting.create(testClass, profile, reports, out, err), out, err);
    }

    private Finished run(LoadProfile profile, Reporting reporting, PrintStream out, PrintStream err) {
        List<RunListener> listeners = new ArrayList<>(reporting.listeners());
        listeners.addAll(thresholds.listeners());
        // A controller decides the users, so there are no capacity steps to judge.
        Optional<CapacityPlan> capacity = controller == null ? CapacityPlan.of(profile) : Optional.empty();
        capacity.ifPresent(plan -> listeners.add(plan.watch()));
        LoadRun run = new LoadRun(profile, listeners, SAMPLE_INTERVAL);
        if (controller != null) {
            run.controlledBy(controller);
        }
        timeLimit.ifPresent(limit -> run.timeLimit(limit.duration(), limit.source()));
        return run.run(outcome -> {
            // Within the run's shutdown grace: a stopped run still writes every output of what it measured.
            // The capacity first: thresholds may put a floor under it.
            LoadTestResult searched = capacity.map(plan -> plan.judge(outcome.result())).orElse(outcome.result());
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

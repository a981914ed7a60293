package dev.junitloadtest.internal.engine;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.junitloadtest.internal.capacity.CapacityPlan;
import dev.junitloadtest.internal.capacity.SearchCourse;
import dev.junitloadtest.internal.config.LoadProfile;
import dev.junitloadtest.internal.merge.HistoryReplay;
import dev.junitloadtest.internal.merge.MergeableResults;
import dev.junitloadtest.internal.merge.ShardMerge;
import dev.junitloadtest.internal.merge.ShardSources;
import dev.junitloadtest.internal.recording.SecretMasker;
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
 * run stopped by Ctrl-C still leaves its report, and writes its mergeable results last. A merge ({@link #merge}) takes
 * the place of the load with the shards' merged result, then judges and reports it the same way. Knows nothing of JUnit: the adapter reads annotations and
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
        Optional<SearchCourse> course = capacity.map(CapacityPlan::start);
        course.ifPresent(c -> listeners.add(c.watch()));
        LoadRun run = new LoadRun(profile, listeners, SAMPLE_INTERVAL);
        course.ifPresent(run::steer);
        if (controller != null) {
            run.controlledBy(controller);
        }
        timeLimit.ifPresent(limit -> run.timeLimit(limit.duration(), limit.source()));
        return run.run(outcome -> {
            // Within the run's shutdown grace: a stopped run still writes every output of what it measured.
            Finished finished = judgeAndReport(outcome.result(), course, reporting, outcome.failure());
            // Last, so that a shard whose results are there finished every other output too.
            reports.directory().ifPresent(dir -> {
                try {
                    MergeableResults.write(dir, testClass, profile.shard(), controller != null, outcome.result());
                } catch (IOException | RuntimeException e) {
                    err.println("[" + profile.testName() + "] Could not write " + dir.resolve(
                            MergeableResults.FILE_NAME).toAbsolutePath() + ": " + e);
                }
            });
            return finished;
        });
    }

    /**
     * Runs no load, but merges {@code shards} into the result of the whole, then judges and reports it exactly as
     * {@link #run} does a run in this JVM: the history files are written from the merged intervals, the rest from the
     * merged result.
     */
    public Finished merge(ShardSources shards, PrintStream out, PrintStream err) {
        LoadTestResult merged = ShardMerge.merge(shards,
                ResultAssembler.runProfile(profile, new SecretMasker(profile.trust().secretNames())));
        // No live line: the merge has no run to follow.
        ReportSettings quiet = new ReportSettings(Duration.ZERO, reports.consoleSummary(), reports.directory(),
                reports.fullHistory(), reports.jobSummary(), reports.baselineSave());
        Reporting reporting = Reporting.create(testClass, profile, quiet, out, err);
        HistoryReplay.replay(merged, reporting.listeners())
                .forEach(problem -> err.println("[" + profile.testName() + "] " + problem));
        return judgeAndReport(merged, Optional.empty(), reporting, Optional.empty());
    }

    /**
     * Judges {@code result} (the capacity its search {@code course} found first: thresholds may put a floor under it;
     * then the baseline's profile differences as warnings) and writes its outputs.
     */
    private Finished judgeAndReport(LoadTestResult result, Optional<SearchCourse> course, Reporting reporting,
            Optional<RuntimeException> failure) {
        LoadTestResult judgedCapacity = course
                .map(searched -> CapacityPlan.of(profile).orElseThrow().judge(result, searched)).orElse(result);
        // A baseline of another load profile is still compared, with a warning on every output.
        LoadTestResult warned = judgedCapacity.withWarnings(thresholds.baseline()
                .map(comparison -> comparison.profileDifferences(judgedCapacity)).orElse(List.of()));
        LoadTestResult judged = warned.withThresholds(thresholds.evaluate(warned));
        return new Finished(judged, reporting.finish(judged, thresholds.baseline()), failure);
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

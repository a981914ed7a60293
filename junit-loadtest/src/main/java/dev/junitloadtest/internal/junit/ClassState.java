package dev.junitloadtest.internal.junit;

import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import dev.junitloadtest.internal.config.LoadProfile;
import dev.junitloadtest.internal.config.ProfileReader;
import dev.junitloadtest.internal.merge.ShardSources;
import dev.junitloadtest.internal.engine.LoadRun;
import dev.junitloadtest.internal.engine.LoadTestRunner;
import dev.junitloadtest.internal.locust.LocustWorkerSettings;
import dev.junitloadtest.internal.report.ReportSettings;
import dev.junitloadtest.internal.threshold.ThresholdPlan;
import dev.junitloadtest.result.LoadTestResult;

/**
 * One load test class's state in the JUnit store: what its annotations and configuration say, read and validated once
 * before anything runs (the profile's reader, profile, thresholds, reports, time limit), and once run, its result or
 * the failure that stopped it. The run happens once, whichever test asks first. Thread-safe. Internal.
 */
final class ClassState {

    private final ProfileReader reader;
    private final LoadProfile profile;
    private final ThresholdPlan thresholds;
    private final ReportSettings reports;
    private final Optional<LoadTestRunner.TimeLimit> timeLimit;
    private final Optional<ShardSources> merge;
    private final Optional<LocustWorkerSettings> locust;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean ran;
    private LoadTestResult result;
    private RuntimeException failure;

    ClassState(ProfileReader reader, LoadProfile profile, ThresholdPlan thresholds, ReportSettings reports,
            Optional<LoadTestRunner.TimeLimit> timeLimit, Optional<ShardSources> merge,
            Optional<LocustWorkerSettings> locust) {
        this.merge = merge;
        this.reader = reader;
        this.locust = locust;
        this.profile = profile;
        this.thresholds = thresholds;
        this.reports = reports;
        this.timeLimit = timeLimit;
    }

    /** The profile as configured, before the host given in code is known: for names and checks before the run. */
    LoadProfile profile() {
        return profile;
    }

    /** The class's configuration, read once: the run's profile is read from it when the run starts. */
    ProfileReader reader() {
        return reader;
    }

    /** The Locust master the class runs as a worker of, if {@code loadtest.locust.master} is set. */
    Optional<LocustWorkerSettings> locust() {
        return locust;
    }

    ThresholdPlan thresholds() {
        return thresholds;
    }

    ReportSettings reports() {
        return reports;
    }

    /** The run's time limit: the class's {@code @Timeout}, if it has one. */
    Optional<LoadTestRunner.TimeLimit> timeLimit() {
        return timeLimit;
    }

    /** The shards to merge instead of running load, read and checked before anything ran; empty for a load run. */
    Optional<ShardSources> merge() {
        return merge;
    }

    /** Runs the load test with {@code run} the first time, and returns its result (or rethrows its failure). */
    LoadTestResult result(Supplier<LoadRun.Outcome> run) {
        lock.lock();
        try {
            if (!ran) {
                ran = true;
                try {
                    LoadRun.Outcome outcome = run.get();
                    result = outcome.result();
                    failure = outcome.failure().orElse(null);
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    /** The result, if the run happened and produced one. */
    Optional<LoadTestResult> resultIfRun() {
        lock.lock();
        try {
            return Optional.ofNullable(result);
        } finally {
            lock.unlock();
        }
    }

    /** Whether the run happened. */
    boolean ran() {
        lock.lock();
        try {
            return ran;
        } finally {
            lock.unlock();
        }
    }

}

package dev.junitloadtest.internal.merge;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.HdrHistogram.Histogram;

import dev.junitloadtest.internal.config.Shard;
import dev.junitloadtest.result.ExceptionStats;
import dev.junitloadtest.result.FailureStats;
import dev.junitloadtest.result.GeneratorHealth;
import dev.junitloadtest.result.ResultBuilder;
import dev.junitloadtest.result.StopReason;
import dev.junitloadtest.result.TaskStats;

/**
 * One shard's run as its {@linkplain MergeableResults mergeable results} hold it. Internal.
 *
 * @param file where it was read from
 * @param testClass the load test class's name
 * @param runId the run's id
 * @param shard the shard it ran ({@link Shard#whole()} for a Locust worker's run)
 * @param worker whether a Locust master decided its users: such runs merge in any number, without shard indexes
 * @param startedAt its wall-clock start
 * @param elapsed how long it measured
 * @param count its requests, failures included
 * @param failureCount its failed requests
 * @param requests its figures per request name over the run
 * @param intervals its recorded intervals, oldest first
 */
record ShardRun(Path file, String testClass, String runId, Shard shard, boolean worker, Instant startedAt, Duration elapsed,
        long count, long failureCount, List<Request> requests, List<Interval> intervals, List<FailureStats> failures,
        List<ExceptionStats> exceptions, List<TaskStats> tasks, long droppedIterations, Map<String, Long> notSent,
        List<String> warnings, List<String> runFailures, Optional<StopReason> stop, GeneratorHealth health) {

    /** What it ran, as messages name it: {@code shard 1/3}, or {@code Locust worker run 1a2b3c4d}. */
    String label() {
        return worker ? "Locust worker run " + runId.substring(0, Math.min(8, runId.length())) : "shard " + shard;
    }

    /** {@link #label()} at the start of a sentence. */
    String title() {
        String label = label();
        return Character.toUpperCase(label.charAt(0)) + label.substring(1);
    }

    /** The wall-clock end of its measured time. */
    Instant endedAt() {
        return startedAt.plus(elapsed);
    }

    /** One request name over the run, its histograms (µs) decoded. */
    record Request(String method, String name, long count, long failures, long bytes, Histogram responseTimes,
            Histogram serviceTimes) {
    }

    /** One recorded interval, its offsets from the shard's start. */
    record Interval(long startNanos, long endNanos, int users, List<ResultBuilder.IntervalRequest> requests) {
    }
}

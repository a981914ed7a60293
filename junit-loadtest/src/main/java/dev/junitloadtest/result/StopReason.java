package dev.junitloadtest.result;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import java.util.Optional;

import org.apiguardian.api.API;

/**
 * {@code StopReason} says why a run ended before its planned end: what stopped it, the text every output shows, and,
 * when a threshold stopped it, which one. Tools tell causes apart by {@link #kind()} and {@link #threshold()}, never
 * by the wording of {@link #description()}, which may change. Immutable.
 *
 * @param kind what stopped the run
 * @param description the reason as the console, the reports and {@link LoadTestResult#stopReason()} show it, e.g.
 *        {@code stopped by @Timeout(30 seconds) after 30s}
 * @param threshold for a run stopped by a threshold, the name its verdict is shown under, e.g.
 *        {@code p95 < 500ms [GET /volatile]} (as {@link ThresholdResult#displayName()}); empty for every other kind
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record StopReason(Kind kind, String description, Optional<String> threshold) {

    /**
     * Checks that no component is null, and that a threshold is named exactly when a threshold stopped the run.
     *
     * @throws IllegalArgumentException if {@code threshold} is present for a kind other than {@link Kind#THRESHOLD},
     *         or absent for that kind
     */
    public StopReason {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(threshold, "threshold");
        if (threshold.isPresent() != (kind == Kind.THRESHOLD)) {
            throw new IllegalArgumentException("A stop reason names a threshold if and only if its kind is THRESHOLD, "
                    + "but was " + kind + " with threshold " + threshold);
        }
    }

    /** A stop of {@code kind} other than {@link Kind#THRESHOLD}, reading {@code description}. */
    public static StopReason of(Kind kind, String description) {
        return new StopReason(kind, description, Optional.empty());
    }

    /** A stop by the threshold shown as {@code threshold} ({@code p95 < 500ms [GET /volatile]}). */
    public static StopReason byThreshold(String threshold, String description) {
        return new StopReason(Kind.THRESHOLD, description, Optional.of(threshold));
    }

    /** What can stop a run before its planned end. */
    @API(status = EXPERIMENTAL, since = "0.1")
    public enum Kind {

        /** The thread running the load test was interrupted. */
        INTERRUPTED,

        /** The run reached its time limit, a test class's {@code @Timeout}. */
        TIME_LIMIT,

        /** The JVM began shutting down: Ctrl-C, SIGTERM, an IDE's stop button, {@code System.exit}. */
        SHUTDOWN,

        /** A threshold with {@code abortOnFail} failed for good; {@link #threshold()} names it. */
        THRESHOLD,

        /** The load generator itself failed: it could no longer send, or ran out of memory. */
        GENERATOR_FAILURE,

        /** Code of the test failed so the run could not go on: a user type's constructor threw. */
        USER_CODE,

        /** The configuration turned out incomplete while running: a relative path without a host. */
        MISCONFIGURED
    }
}

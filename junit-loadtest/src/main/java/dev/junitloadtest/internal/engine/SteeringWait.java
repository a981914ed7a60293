package dev.junitloadtest.internal.engine;

import java.util.Optional;

import dev.junitloadtest.internal.recording.LoadSteering;
import dev.junitloadtest.internal.recording.RunClock;

/**
 * How a driver learns the load of a capacity search's step: at once when it is planned, else by waiting for the
 * search to decide it, which it does as soon as the step before was judged (a few milliseconds after that step's
 * end, when the sampler delivers its last interval). Internal.
 */
final class SteeringWait {

    /** A short poll: the decision comes within milliseconds, and the wait is part of the new step's warm-up. */
    private static final long POLL_NANOS = 2_000_000;

    private SteeringWait() {
    }

    /**
     * The load of step {@code index}; empty when the run stops, its load was ended (the search is over), or the
     * step was not decided by {@code endNanos}, its end.
     */
    static Optional<Double> level(LoadSteering steering, int index, RunContext run, RunClock clock, long endNanos) {
        while (!run.isStopping() && !run.isLoadEnded()) {
            Optional<Double> level = steering.level(index);
            if (level.isPresent()) {
                return level;
            }
            long now = clock.offsetNanos();
            if (now >= endNanos || !run.driverPause(clock, Math.min(endNanos, now + POLL_NANOS))) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}

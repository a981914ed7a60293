package dev.junitloadtest.internal.capacity;

import java.time.Duration;

import dev.junitloadtest.internal.config.CapacitySearchSpec;

/**
 * Where each step of a capacity search lies in the run, and the part of it that is judged: from its start plus the
 * warm-up to its end, as offsets from the run's start. A recorded interval belongs to the step whose judged part it
 * starts in, as in {@code LoadTestResult.between}. Internal.
 */
final class StepWindows {

    private final long stepNanos;
    private final long warmUpNanos;
    private final int steps;
    private final int narrow;

    StepWindows(CapacitySearchSpec spec) {
        this.stepNanos = spec.stepDuration().toNanos();
        this.warmUpNanos = spec.warmUpDuration().toNanos();
        this.steps = spec.mostSteps();
        this.narrow = spec.narrow();
    }

    /** How many steps the run may have, narrowing ones included. */
    int count() {
        return steps;
    }

    /** How many narrowing steps may follow the planned ones' breach. */
    int narrow() {
        return narrow;
    }

    /** Where step {@code index}'s judged part starts. */
    long judgedFromNanos(int index) {
        return index * stepNanos + warmUpNanos;
    }

    /** Where step {@code index} ends. */
    long endNanos(int index) {
        return (index + 1) * stepNanos;
    }

    Duration judgedFrom(int index) {
        return Duration.ofNanos(judgedFromNanos(index));
    }

    Duration end(int index) {
        return Duration.ofNanos(endNanos(index));
    }

    /** The step whose judged part {@code offsetNanos} lies in; -1 if it lies in a warm-up or after the last step. */
    int judging(long offsetNanos) {
        int index = (int) (offsetNanos / stepNanos);
        return index < steps && offsetNanos >= judgedFromNanos(index) ? index : -1;
    }
}

package dev.junitloadtest.internal.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.random.RandomGenerator;

import org.apiguardian.api.API;

/** What a closed-model user does between tasks. Internal. */
@API(status = INTERNAL, since = "0.1")
public sealed interface WaitStrategy {

    /** Nanoseconds to wait after a task that started at {@code taskStart} and ended at {@code now} (nanoTime). */
    long waitNanos(RandomGenerator random, long taskStart, long now);

    /** One line for reports. */
    String describe();

    /** Start the next task at once. */
    record None() implements WaitStrategy {
        @Override
        public long waitNanos(RandomGenerator random, long taskStart, long now) {
            return 0;
        }

        @Override
        public String describe() {
            return "no wait";
        }
    }

    /** Wait uniformly between {@code min} and {@code max} (exactly {@code min} when equal), as Locust's between. */
    record Between(Duration min, Duration max) implements WaitStrategy {
        @Override
        public long waitNanos(RandomGenerator random, long taskStart, long now) {
            long low = min.toNanos();
            long high = max.toNanos();
            return low == high ? low : random.nextLong(low, high + 1);
        }

        @Override
        public String describe() {
            return min.equals(max) ? "constant " + DurationSyntax.format(min)
                    : "between " + DurationSyntax.format(min) + " and " + DurationSyntax.format(max);
        }
    }

    /** Start a task every {@code interval}, as Locust's constant_pacing. */
    record Pacing(Duration interval) implements WaitStrategy {
        @Override
        public long waitNanos(RandomGenerator random, long taskStart, long now) {
            return Math.max(0, interval.toNanos() - (now - taskStart));
        }

        @Override
        public String describe() {
            return "pacing " + DurationSyntax.format(interval);
        }
    }
}

package dev.junitloadtest.internal.recording;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.time.Instant;

import org.apiguardian.api.API;

/** The run's time origin: offsets in nanoseconds from the moment the run started. Immutable. Internal. */
@API(status = INTERNAL, since = "0.1")
public final class RunClock {

    private final long startNanos;
    private final Instant startInstant;

    private RunClock(long startNanos, Instant startInstant) {
        this.startNanos = startNanos;
        this.startInstant = startInstant;
    }

    /** A clock starting now. */
    public static RunClock startingNow() {
        return new RunClock(System.nanoTime(), Instant.now());
    }

    /**
     * A clock whose wall-clock start was {@code startInstant}, for replaying a run that is over (a merge's history):
     * its offsets are the recorded ones, not measured from now.
     */
    public static RunClock startedAt(Instant startInstant) {
        return new RunClock(System.nanoTime(), startInstant);
    }

    /** The {@link System#nanoTime()} at the start. */
    public long startNanos() {
        return startNanos;
    }

    /** The wall-clock start. */
    public Instant startInstant() {
        return startInstant;
    }

    /** Nanoseconds since the start. */
    public long offsetNanos() {
        return System.nanoTime() - startNanos;
    }

    /** The wall-clock time at {@code offsetNanos}. */
    public Instant instantAt(long offsetNanos) {
        return startInstant.plus(Duration.ofNanos(offsetNanos));
    }
}

package dev.junitloadtest.internal.engine;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apiguardian.api.API;

import dev.junitloadtest.internal.config.LoadProfile;
import dev.junitloadtest.internal.recording.Recording;
import dev.junitloadtest.internal.recording.RunListener;

/**
 * Something outside the run that decides its users in place of the load model, such as a Locust master: how many
 * users of each type run, and when the run ends. The run still records, judges and reports as usual. As a
 * {@link RunListener} it receives the run's figures on the sampler thread. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public interface RunController extends RunListener {

    /**
     * Called on the test thread before the run starts, after the report directory was prepared: blocks until the
     * controller lets the run start, and returns the profile to run (the same, or with another host).
     *
     * @throws RuntimeException to fail the class without running, with a message saying why
     */
    LoadProfile beforeRun(LoadProfile profile);

    /**
     * Drives the users on the run's driver thread through {@code users}; the run ends when this returns. Returns
     * promptly once {@link Users#isStopping()} is true (the run was aborted: a time limit, a JVM shutdown).
     */
    void drive(Users users);

    /** Called once the run's outputs are written, or it failed to start: releases what the controller holds. */
    void close();

    /** The run's users, as a controller sees them. Used from the driver thread only, except where said. */
    interface Users {

        /** The names of the run's user types (their simple class names), in declaration order. */
        List<String> typeNames();

        /**
         * Starts and stops users until {@code counts} (by type name; a type left out counts 0) run: new users start at
         * once, surplus ones (the most recently started first) are asked to stop after their current task and are
         * interrupted after {@code stopTimeout}. Returns once the stopped users have ended.
         *
         * @throws IllegalArgumentException if a name is none of {@link #typeNames()}
         */
        void adjust(Map<String, Integer> counts, Duration stopTimeout);

        /** The users whose threads are running, by type name (every type listed). Safe from any thread. */
        Map<String, Integer> running();

        /** Whether the run is being aborted and the controller must return. Safe from any thread. */
        boolean isStopping();

        /** What the run records, to read its failures and exceptions as they accrue. Safe from any thread. */
        Recording recording();

        /** Fails the run without stopping it: its result lists {@code message}. Safe from any thread. */
        void failRun(String message);
    }
}

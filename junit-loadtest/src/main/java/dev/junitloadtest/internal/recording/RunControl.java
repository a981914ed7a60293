package dev.junitloadtest.internal.recording;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.junitloadtest.result.StopReason;

import org.apiguardian.api.API;

/**
 * What a {@link RunListener} may do to the run it listens to: stop it early. Handed to listeners when the run starts,
 * so a listener (the abort watch of {@code abortOnFail} thresholds) needs neither the run object nor a holder for it.
 * Thread-safe. Internal.
 */
@FunctionalInterface
@API(status = INTERNAL, since = "0.1")
public interface RunControl {

    /**
     * Ends the run early, from any thread: users stop at once and in-flight tasks are interrupted. The first stop of
     * a run wins; later ones are ignored. The result says {@code reason}.
     */
    void stop(StopReason reason);
}

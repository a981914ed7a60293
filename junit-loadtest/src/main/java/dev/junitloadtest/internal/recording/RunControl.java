package dev.junitloadtest.internal.recording;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.junitloadtest.result.StopReason;

import org.apiguardian.api.API;

/**
 * What a {@link RunListener} may do to the run it listens to: stop it early, or end its load as planned. Handed to
 * listeners when the run starts, so a listener (the abort watch of {@code abortOnFail} thresholds, the watch of a
 * capacity search) needs neither the run object nor a holder for it. Thread-safe. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public interface RunControl {

    /**
     * Ends the load now as if the load model had run its course, from any thread: users stop as at the planned end
     * (in-flight tasks may finish within the stop timeout) and the result has no stop reason. For a capacity search
     * that found its limit before its last step, which is how it is meant to end.
     */
    void endLoad();

    /**
     * Ends the run early, from any thread: users stop at once and in-flight tasks are interrupted. The first stop of
     * a run wins; later ones are ignored. The result says {@code reason}.
     */
    void stop(StopReason reason);

    /** A control that does nothing: for a sampler run without a run around it (a benchmark, a test of the sampler). */
    static RunControl none() {
        return new RunControl() {
            @Override
            public void endLoad() {
            }

            @Override
            public void stop(StopReason reason) {
            }
        };
    }
}

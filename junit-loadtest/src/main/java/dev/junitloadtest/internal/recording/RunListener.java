package dev.junitloadtest.internal.recording;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * Receives the run's figures as it goes: the live console, the history CSV, the HdrHistogram log. Called on the
 * sampler thread, one call at a time. A listener that throws is reported and not called again. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public interface RunListener {

    /** The run started; offsets are from {@code clock}. */
    default void runStarted(RunClock clock) {
    }

    /**
     * The run started; offsets are from {@code clock}, and {@code control} stops the run early. Calls
     * {@link #runStarted(RunClock)} unless overridden: only a listener that may stop the run needs this one.
     */
    default void runStarted(RunClock clock, RunControl control) {
        runStarted(clock);
    }

    /** One interval ended. */
    void intervalEnded(IntervalSnapshot snapshot);

    /** The last interval was delivered; the run is over. */
    default void runEnded() {
    }
}

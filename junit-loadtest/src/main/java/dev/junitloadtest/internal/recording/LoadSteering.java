package dev.junitloadtest.internal.recording;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Optional;

import org.apiguardian.api.API;

/**
 * The load of each step of a capacity search, as the load model's driver asks for it at the start of the step: users
 * or iterations per second. A search that narrows decides the load of a step only once the step before it was judged,
 * so the driver waits for it; a search that is over ends the load instead ({@link RunControl#endLoad()}).
 * Thread-safe: the driver asks from its thread, the search decides on the sampler's. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public interface LoadSteering {

    /** The load of step {@code index} (from 0); empty while it is not decided yet, or if there is no such step. */
    Optional<Double> level(int index);

    /** Whether step {@code index} narrows the capacity down after the search found its limit. */
    default boolean narrowing(int index) {
        return false;
    }

    /** The planned {@code levels}, one per step, decided from the start. */
    static LoadSteering planned(List<Double> levels) {
        List<Double> copy = List.copyOf(levels);
        return index -> index < copy.size() ? Optional.of(copy.get(index)) : Optional.empty();
    }
}

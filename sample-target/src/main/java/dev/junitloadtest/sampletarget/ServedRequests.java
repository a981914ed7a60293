package dev.junitloadtest.sampletarget;

import dev.junitloadtest.sampletarget.SampleTarget.Route;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many requests each route has handled since the target started.
 *
 * <p>Internal: not for users. Thread-safe; writers never block each other ({@link LongAdder}), so counting
 * adds no contention under load.
 */
final class ServedRequests {

    private final LongAdder[] byRoute = new LongAdder[Route.values().length];

    ServedRequests() {
        for (int i = 0; i < byRoute.length; i++) {
            byRoute[i] = new LongAdder();
        }
    }

    void increment(Route route) {
        byRoute[route.ordinal()].increment();
    }

    long count(Route route) {
        return byRoute[route.ordinal()].sum();
    }

    long total() {
        long total = 0;
        for (LongAdder adder : byRoute) {
            total += adder.sum();
        }
        return total;
    }
}

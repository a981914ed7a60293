package dev.junitloadtest.sampletarget;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A {@link Sleeper} that returns at once and remembers each delay asked for; thread-safe. */
final class RecordingSleeper implements Sleeper {

    private final ConcurrentLinkedQueue<Integer> delays = new ConcurrentLinkedQueue<>();

    @Override
    public void sleep(int seconds) {
        delays.add(seconds);
    }

    List<Integer> delays() {
        return List.copyOf(delays);
    }
}

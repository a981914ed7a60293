package dev.junitloadtest.sampletarget;

/**
 * How {@code /volatile} waits: the real one sleeps; tests substitute one that records the delay.
 *
 * <p>Internal: not for users.
 */
@FunctionalInterface
interface Sleeper {

    /** Sleeps on the calling thread, which is a virtual thread, for real. */
    Sleeper REAL = seconds -> Thread.sleep(seconds * 1000L);

    /**
     * Waits {@code seconds} seconds; only called with {@code seconds > 0}.
     *
     * @throws InterruptedException when the target closes while the handler waits
     */
    void sleep(int seconds) throws InterruptedException;
}

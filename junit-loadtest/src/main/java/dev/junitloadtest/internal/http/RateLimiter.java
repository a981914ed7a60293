package dev.junitloadtest.internal.http;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Caps a run's request rate: each request takes the next slot, one every 1/rate seconds, and waits for it when it is
 * early, so users block rather than exceed the cap. Counts how often and how long it held them back. Lock-free and
 * thread-safe. Internal.
 */
final class RateLimiter {

    private final long intervalNanos;
    private final AtomicLong nextSlot = new AtomicLong(Long.MIN_VALUE);
    private final LongAdder held = new LongAdder();
    private final LongAdder heldNanos = new LongAdder();

    RateLimiter(double requestsPerSecond) {
        this.intervalNanos = Math.max(1, Math.round(1e9 / requestsPerSecond));
    }

    /** Waits, if needed, for this request's slot. */
    void acquire() throws InterruptedException {
        long now = System.nanoTime();
        long slot = nextSlot.getAndAccumulate(now, (previous, current) -> Math.max(previous, current) + intervalNanos);
        slot = Math.max(slot, now);
        long wait = slot - now;
        if (wait <= 0) {
            return;
        }
        held.increment();
        heldNanos.add(wait);
        while (true) {
            long remaining = slot - System.nanoTime();
            if (remaining <= 0) {
                return;
            }
            LockSupport.parkNanos(this, remaining);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    long held() {
        return held.sum();
    }

    long heldNanos() {
        return heldNanos.sum();
    }
}

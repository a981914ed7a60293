package dev.junitloadtest.internal.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Caps a run's request rate: each request takes the next slot, one every 1/rate seconds, and waits for it when it is
 * early, so users block rather than exceed the cap, until the run stops. Counts how often and how long it held them back. Lock-free and
 * thread-safe. Internal.
 */
final class RateLimiter {

    private final long intervalNanos;
    private final AtomicLong nextSlot = new AtomicLong(Long.MIN_VALUE);
    private final LongAdder held = new LongAdder();
    private final LongAdder heldNanos = new LongAdder();
    private final Set<Thread> waiting = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    RateLimiter(double requestsPerSecond) {
        this.intervalNanos = Math.max(1, Math.round(1e9 / requestsPerSecond));
    }

    /**
     * Waits, if needed, for this request's slot. Returns false, at once, when the run stops while the request waits
     * (or before it starts waiting): the request must not be sent, or users queued for the cap would go on sending
     * for as long as their slots stretch past the end.
     */
    boolean acquire() throws InterruptedException {
        if (stopped) {
            return false;
        }
        long now = System.nanoTime();
        long slot = nextSlot.getAndAccumulate(now, (previous, current) -> Math.max(previous, current) + intervalNanos);
        slot = Math.max(slot, now);
        long wait = slot - now;
        if (wait <= 0) {
            return true;
        }
        held.increment();
        heldNanos.add(wait);
        Thread self = Thread.currentThread();
        waiting.add(self);
        try {
            while (!stopped) {
                long remaining = slot - System.nanoTime();
                if (remaining <= 0) {
                    return true;
                }
                LockSupport.parkNanos(this, remaining);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
            return false;
        } finally {
            waiting.remove(self);
        }
    }

    /** Refuses every request from now on, and wakes those waiting for a slot. */
    void stop() {
        stopped = true;
        waiting.forEach(LockSupport::unpark);
    }

    long held() {
        return held.sum();
    }

    long heldNanos() {
        return heldNanos.sum();
    }
}

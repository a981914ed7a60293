package dev.junitloadtest.internal.http;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Read buffers lent to the requests in flight, so that an idle user holds none: a fixed number of slots, each holding
 * a buffer or nothing, taken from and given back to with one compare-and-set and no allocation (a queue would allocate
 * a node per give and have every thread meet on its head). A thread starts at the slot its id names, so users keep
 * to their own slots while there are fewer of them than slots; when the slots it tries are empty a new buffer is made,
 * and one given back to full slots is left to the collector. At most {@value #SLOTS} buffers are kept. Thread-safe.
 * Internal.
 */
final class BufferPool {

    /** Slots, a power of two: buffers kept at most (2 MB of 8 KB buffers). */
    static final int SLOTS = 256;

    /** Slots a thread tries, from its own on, before it makes or drops a buffer. */
    private static final int TRIES = 4;

    private final AtomicReferenceArray<byte[]> slots = new AtomicReferenceArray<>(SLOTS);
    private final int size;

    /** A pool of buffers of {@code size} bytes. */
    BufferPool(int size) {
        this.size = size;
    }

    /** A buffer, pooled or new. */
    byte[] take() {
        int home = home();
        for (int i = 0; i < TRIES; i++) {
            int slot = (home + i) & (SLOTS - 1);
            byte[] buffer = slots.get(slot);
            if (buffer != null && slots.compareAndSet(slot, buffer, null)) {
                return buffer;
            }
        }
        return new byte[size];
    }

    /** Gives {@code buffer} back for another request. */
    void give(byte[] buffer) {
        int home = home();
        for (int i = 0; i < TRIES; i++) {
            int slot = (home + i) & (SLOTS - 1);
            if (slots.get(slot) == null && slots.compareAndSet(slot, null, buffer)) {
                return;
            }
        }
    }

    /** Lets go of every pooled buffer. */
    void clear() {
        for (int slot = 0; slot < SLOTS; slot++) {
            slots.set(slot, null);
        }
    }

    private static int home() {
        return (int) Thread.currentThread().threadId();
    }
}

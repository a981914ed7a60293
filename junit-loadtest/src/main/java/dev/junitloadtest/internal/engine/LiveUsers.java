package dev.junitloadtest.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** The users whose threads have not ended yet, and a way to wait until there are none. Thread-safe. Internal. */
final class LiveUsers {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition empty = lock.newCondition();
    private final Set<VirtualUserImpl> users = new LinkedHashSet<>();

    void add(VirtualUserImpl user) {
        lock.lock();
        try {
            users.add(user);
        } finally {
            lock.unlock();
        }
    }

    void remove(VirtualUserImpl user) {
        lock.lock();
        try {
            users.remove(user);
            if (users.isEmpty()) {
                empty.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    List<VirtualUserImpl> snapshot() {
        lock.lock();
        try {
            return new ArrayList<>(users);
        } finally {
            lock.unlock();
        }
    }

    /** Waits until no user is left or {@code deadlineNanos} (nanoTime) passes; returns whether none is left. */
    boolean awaitNone(long deadlineNanos) throws InterruptedException {
        lock.lock();
        try {
            while (!users.isEmpty()) {
                long remaining = deadlineNanos - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                empty.await(remaining, TimeUnit.NANOSECONDS);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}

package dev.junitloadtest.internal.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.apache.hc.core5.reactor.IOReactorShutdownException;
import org.apiguardian.api.API;

/**
 * Tells the load generator's own failures from the target's: an I/O thread of HttpClient that died (so requests can no
 * longer be sent), file descriptors run out (so connections can no longer be opened). Requests that fail that way
 * were never sent: they are counted apart, and the first such failure is reported once, with its cause and what to do,
 * to fail and stop the run. Thread-safe. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class GeneratorFailures {

    /** Why a request was not sent when HttpClient could no longer send anything. */
    static final String CLIENT_DOWN = "the HTTP client had stopped (see the run's failure)";

    /** Why a request was not sent when no connection could be opened for want of file descriptors. */
    static final String NO_FILE_DESCRIPTORS = "no file descriptor was left to open a connection";

    /** How long a user that finds the reactor shut down waits for the I/O thread to report why. */
    private static final long CAUSE_WAIT_NANOS = 2_000_000_000L;

    private final AtomicReference<String> first = new AtomicReference<>();
    private final LongAccumulator largestBody = new LongAccumulator(Math::max, 0);
    private volatile Consumer<String> listener = message -> { };
    private volatile Throwable ioThreadError;
    private volatile String ioThreadName;
    private volatile boolean closing;

    /** Calls {@code onFailure} with the message of the first generator failure (at once if there was one). */
    public void onFailure(Consumer<String> onFailure) {
        listener = onFailure;
        String failure = first.get();
        if (failure != null) {
            onFailure.accept(failure);
        }
    }

    /** Notes the size of a response body received whole, for the hint after an OutOfMemoryError. */
    void responseBody(long bytes) {
        largestBody.accumulate(bytes);
    }

    /** The client is being closed by the run: what fails from now on is not a failure of the generator. */
    void closing() {
        closing = true;
    }

    /** An I/O thread ended by an Error (or an exception that escaped HttpCore). */
    void ioThreadDied(Thread thread, Throwable error) {
        if (closing) {
            return;
        }
        ioThreadName = thread.getName();
        ioThreadError = error;
        report(diedMessage(thread.getName(), error));
    }

    /**
     * Classifies the failure of a request: the reason it was not sent when the generator failed (which is then
     * reported), or {@code null} when the failure is the target's (refused, reset, timed out, ...).
     */
    String notSentReason(Exception failure) {
        if (closing || failure == null) {
            return null;
        }
        if (causedBy(failure, "Too many open files")) {
            report(fileDescriptorMessage());
            return NO_FILE_DESCRIPTORS;
        }
        if (ioThreadError == null && !(rootCause(failure) instanceof IOReactorShutdownException)) {
            return null;
        }
        // The reactor may be shut down a moment before its thread's Error reaches the uncaught-exception handler.
        long deadline = System.nanoTime() + CAUSE_WAIT_NANOS;
        while (ioThreadError == null && deadline - System.nanoTime() > 0) {
            LockSupport.parkNanos(this, 10_000_000);
        }
        Throwable error = ioThreadError;
        report(error != null ? diedMessage(ioThreadName, error) : "The load generator failed: HttpClient's I/O "
                + "reactor shut down (" + DefaultHttpRequest.describe(failure, null) + "), so requests could no "
                + "longer be sent. The run was stopped at once.");
        return CLIENT_DOWN;
    }

    private void report(String message) {
        if (first.compareAndSet(null, message)) {
            listener.accept(message);
        }
    }

    private String diedMessage(String thread, Throwable error) {
        StringBuilder message = new StringBuilder("The load generator failed: HttpClient's I/O thread ").append(thread)
                .append(" died of ").append(error).append(", so requests could no longer be sent. The run was stopped "
                        + "at once.");
        if (error instanceof OutOfMemoryError) {
            long largest = largestBody.get();
            message.append(String.format(Locale.ROOT, " Every response is held in memory whole while it arrives, for "
                    + "all users at once, and the heap of this JVM is %,d MB", Runtime.getRuntime().maxMemory() >> 20));
            if (largest > 0) {
                message.append(String.format(Locale.ROOT, " (largest response body received: %,d bytes)", largest));
            }
            message.append(": give the test JVM more heap (-Xmx, e.g. in Surefire's argLine), run fewer users, or "
                    + "request smaller bodies.");
        }
        return message.toString();
    }

    private static String fileDescriptorMessage() {
        String limit = "";
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
            limit = String.format(Locale.ROOT, " this JVM may have %,d open at once (files, sockets, pipes), and ",
                    os.getMaxFileDescriptorCount());
        }
        return "The load generator ran out of file descriptors (Too many open files):" + (limit.isEmpty() ? " " : limit)
                + "every virtual user keeps its own connection. Raise the limit in the shell or service that starts "
                + "the build (ulimit -n 65536, below the hard limit shown by ulimit -Hn; the JVM raises its own limit "
                + "to the hard one unless run with -XX:-MaxFDLimit), or run fewer users per JVM. Requests that could "
                + "not be sent are counted apart; the run was stopped at once.";
    }

    private static boolean causedBy(Throwable failure, String text) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(text)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}

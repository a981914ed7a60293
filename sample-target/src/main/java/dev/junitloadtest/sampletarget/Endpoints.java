package dev.junitloadtest.sampletarget;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The three handlers of the Go target's {@code main.go} and the request counter they share.
 *
 * <p>Internal: not for users. Thread-safe.
 *
 * <p>The counter is an {@code int}, as Go's {@code int32}: it wraps at 2<sup>31</sup> the same way, and
 * {@code /} and {@code %} truncate toward zero in both languages, so even the wrapped values match.
 *
 * <p>One deliberate difference: Go reads the counter ({@code atomic.LoadInt32}) and then increments it
 * ({@code atomic.AddInt32}) in two steps, so two concurrent requests can see the same value (and, on
 * {@code /buggy}, both fail or neither). Here read-and-increment is one atomic {@code getAndIncrement}: every
 * request sees a distinct value, and when nothing else touches the counter exactly one {@code /buggy} request
 * in five fails under any concurrency. The reset of {@code /volatile} stays a plain store, as in Go.
 */
final class Endpoints {

    private final AtomicInteger counter = new AtomicInteger();
    private final Sleeper sleeper;
    private final RequestLog log;

    Endpoints(Sleeper sleeper, RequestLog log) {
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.log = Objects.requireNonNull(log, "log");
    }

    int counter() {
        return counter.get();
    }

    void setCounter(int value) {
        counter.set(value);
    }

    /** Go's {@code "/"}: does not touch the counter. */
    TextResponse home() {
        log.line("Served home request");
        return TextResponse.ok("Server OK");
    }

    /** Go's {@code "/volatile"}: one more second of delay every ten requests, up to five, then starts over. */
    TextResponse volatileDelay() throws InterruptedException {
        int current = counter.getAndIncrement();
        int delay = current / 10;
        if (delay > 5) {
            counter.set(0);
            delay = 5;
        }
        if (delay > 0) { // Go's time.Sleep returns at once for d <= 0 (a wrapped counter is negative)
            sleeper.sleep(delay);
        }
        // Go prints before the response leaves: Fprintf only fills the buffer, sent when the handler returns.
        log.line("Produced response after " + delay + " second/s ");
        return TextResponse.ok("Produced response after " + delay + " second/s");
    }

    /** Go's {@code "/buggy"}: fails every fifth request, starting with the first. */
    TextResponse buggy() {
        int current = counter.getAndIncrement();
        if (current % 5 == 0) {
            log.line("Returning error at " + current + " request ");
            return TextResponse.internalServerError();
        }
        return TextResponse.ok("Ok for request " + current);
    }
}

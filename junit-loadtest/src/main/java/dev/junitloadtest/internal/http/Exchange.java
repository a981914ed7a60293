package dev.junitloadtest.internal.http;

import java.io.IOException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EndpointDetails;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.RequestChannel;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.protocol.HttpCoreContext;

/**
 * One request in flight, seen from the virtual user that waits for it: it parks the user's thread until the I/O
 * thread completes the request or the response timeout has passed, and takes the end time on the I/O thread so time
 * spent waiting to be scheduled back is not counted as the target's. The {@link SendGate} tells it when the request
 * is written to its connection, which decides whether a request the user gives up on (cut by the end of the run,
 * timed out) reached the target, and must be counted, or never left, and must not: giving up and starting to write
 * are one atomic decision.
 *
 * <p>HttpClient completes a response before it hands the connection back to the pool, and frees the request last: the
 * user is woken once the request is freed, so its next request finds its connection back in the pool instead of
 * opening a second one. Internal.
 */
final class Exchange implements FutureCallback<SimpleHttpResponse> {

    /** Longest wait, after the response, for the connection to be back in the pool. */
    private static final long RELEASE_WAIT_NANOS = 20_000_000;

    /** Longest wait, for a request given up on while it is being written, for its head to reach the socket. */
    private static final long HEAD_WAIT_NANOS = 1_000_000_000;

    private static final int PENDING = 0;
    private static final int SENDING = 1;
    private static final int GIVEN_UP = 2;

    private final AsyncRequestProducer request;
    private final HttpCoreContext context;
    private final Thread waiter = Thread.currentThread();
    private final AtomicInteger state = new AtomicInteger(PENDING);
    private volatile EndpointDetails endpoint;
    private volatile long sentBytesBefore;
    private volatile boolean headHandedOver;
    private volatile boolean done;
    private volatile boolean released;
    private volatile boolean timedOut;
    private volatile long endNanos;
    private volatile SimpleHttpResponse response;
    private volatile Exception failure;

    /** An exchange of {@code request} in the user's {@code context}. */
    Exchange(AsyncRequestProducer request, HttpCoreContext context) {
        this.request = new TrackingProducer(request);
        this.context = context;
        context.setAttribute(SendGate.EXCHANGE, this);
    }

    /** The request to hand to the client: it wakes the user once HttpClient has freed it. */
    AsyncRequestProducer request() {
        return request;
    }

    /**
     * Waits for the outcome until {@code deadlineNanos} (on {@link System#nanoTime()}): returns when the request
     * completed, failed, or timed out ({@link #timedOut()}); on interruption gives the request up and rethrows.
     */
    void await(Future<SimpleHttpResponse> future, long deadlineNanos) throws InterruptedException {
        while (!done) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                // The whole response did not arrive in time, however much of it trickled in.
                giveUp(future);
                if (future.cancel(true)) {
                    timedOut = true;
                    endNanos = System.nanoTime();
                    return;
                }
                // It completed meanwhile; its callback is on its way.
                while (!done) {
                    LockSupport.parkNanos(this, 100_000);
                }
                break;
            }
            LockSupport.parkNanos(this, left);
            if (Thread.interrupted()) {
                if (!done) {
                    giveUp(future);
                    future.cancel(true);
                    throw new InterruptedException();
                }
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (response != null && !released) {
            // Woken before the connection went back (it should not happen: releaseResources() wakes the user): wait
            // a little for it, not for ever.
            long deadline = System.nanoTime() + RELEASE_WAIT_NANOS;
            long left;
            while (!released && (left = deadline - System.nanoTime()) > 0) {
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Gives the request up: if it has not started to be written, it never will be; if it has, waits (briefly) until
     * its head has reached the socket, so that cancelling it does not throw away a request counted as sent.
     */
    private void giveUp(Future<SimpleHttpResponse> future) {
        if (state.compareAndSet(PENDING, GIVEN_UP)) {
            return;
        }
        long deadline = System.nanoTime() + HEAD_WAIT_NANOS;
        while (!done && !headOnTheWire() && deadline - System.nanoTime() > 0) {
            LockSupport.parkNanos(this, 100_000);
        }
    }

    private boolean headOnTheWire() {
        if (!headHandedOver) {
            return false;
        }
        EndpointDetails details = endpoint;
        // HTTP/1.1 writes a request without a body at once, and buffers one with a body until the next write: the
        // connection's byte count says when it went out.
        return details == null || details.getSentBytesCount() > sentBytesBefore;
    }

    /**
     * Called by the {@link SendGate} on the I/O thread just before the request is written to its connection: returns
     * false, and the request is not written, if the user has given it up.
     */
    boolean beginSending(HttpContext exchangeContext) {
        EndpointDetails details = HttpCoreContext.cast(exchangeContext).getEndpointDetails();
        endpoint = details;
        sentBytesBefore = details == null ? 0 : details.getSentBytesCount();
        headHandedOver = false;
        return state.compareAndSet(PENDING, SENDING) || state.get() == SENDING;
    }

    /** Called by the {@link SendGate} once the connection has taken the request's head. */
    void headHandedOver() {
        headHandedOver = true;
    }

    /** Whether the request was written to a connection (so the target has it, or is getting it). */
    boolean wasSent() {
        return state.get() == SENDING;
    }

    /** Whether the response was not complete by the deadline (the request was cancelled). */
    boolean timedOut() {
        return timedOut;
    }

    long endNanos() {
        return endNanos;
    }

    SimpleHttpResponse response() {
        return timedOut ? null : response;
    }

    Exception failure() {
        return failure;
    }

    @Override
    public void completed(SimpleHttpResponse result) {
        endNanos = System.nanoTime();
        response = result;
        done = true;
        // The user is woken once, by whichever of this and releaseResources() comes second.
        if (released) {
            LockSupport.unpark(waiter);
        }
    }

    @Override
    public void failed(Exception exception) {
        endNanos = System.nanoTime();
        failure = exception;
        finish();
    }

    @Override
    public void cancelled() {
        endNanos = System.nanoTime();
        failure = new java.util.concurrent.CancellationException("request cancelled");
        finish();
    }

    private void finish() {
        done = true;
        LockSupport.unpark(waiter);
    }

    private final class TrackingProducer implements AsyncRequestProducer {

        private final AsyncRequestProducer delegate;

        TrackingProducer(AsyncRequestProducer delegate) {
            this.delegate = delegate;
        }

        @Override
        public void sendRequest(RequestChannel channel, HttpContext context) throws HttpException, IOException {
            // Called by HttpClient on the user's thread as execute() begins, not when the request is written: see
            // SendGate.
            delegate.sendRequest(channel, context);
        }

        @Override
        public boolean isRepeatable() {
            return delegate.isRepeatable();
        }

        @Override
        public void failed(Exception cause) {
            delegate.failed(cause);
        }

        @Override
        public int available() {
            return delegate.available();
        }

        @Override
        public void produce(DataStreamChannel channel) throws IOException {
            delegate.produce(channel);
        }

        @Override
        public void releaseResources() {
            delegate.releaseResources();
            // The context would keep the last request and response (headers and all) for as long as the user lives.
            context.setRequest(null);
            context.setResponse(null);
            context.setEndpointDetails(null);
            if (context.getAttribute(SendGate.EXCHANGE) == Exchange.this) {
                context.removeAttribute(SendGate.EXCHANGE);
            }
            released = true;
            if (done) {
                LockSupport.unpark(waiter);
            }
        }
    }
}

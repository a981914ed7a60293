package dev.junitloadtest.internal.http;

import java.io.IOException;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.RequestChannel;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.protocol.HttpCoreContext;

/**
 * One request in flight, seen from the virtual user that waits for it: it parks the user's thread until the I/O
 * thread completes the request, and takes the end time on the I/O thread so time spent waiting to be scheduled back
 * is not counted as the target's. It also notes whether the request was handed to a connection, which decides
 * whether a request cut by the end of the run reached the target (and must be counted) or not.
 *
 * <p>HttpClient completes a response before it hands the connection back to the pool, and frees the request last: the
 * user is woken once the request is freed, so its next request finds its connection back in the pool instead of
 * opening a second one. Internal.
 */
final class Exchange implements FutureCallback<SimpleHttpResponse> {

    /** Longest wait, after the response, for the connection to be back in the pool. */
    private static final long RELEASE_WAIT_NANOS = 20_000_000;

    private final AsyncRequestProducer request;
    private final HttpCoreContext context;
    private final Thread waiter = Thread.currentThread();
    private volatile boolean sent;
    private volatile boolean done;
    private volatile boolean released;
    private volatile long endNanos;
    private volatile SimpleHttpResponse response;
    private volatile Exception failure;

    /** An exchange of {@code request} in the user's {@code context}. */
    Exchange(AsyncRequestProducer request, HttpCoreContext context) {
        this.request = new TrackingProducer(request);
        this.context = context;
    }

    /** The request to hand to the client: it notes when it is handed to a connection. */
    AsyncRequestProducer request() {
        return request;
    }

    /** Waits for the outcome; on interruption cancels the request and rethrows. */
    void await(Future<SimpleHttpResponse> future) throws InterruptedException {
        while (!done) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                if (!done) {
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

    boolean wasSent() {
        return sent;
    }

    long endNanos() {
        return endNanos;
    }

    SimpleHttpResponse response() {
        return response;
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
            sent = true;
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
            released = true;
            if (done) {
                LockSupport.unpark(waiter);
            }
        }
    }
}

package dev.junitloadtest.internal.http;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.apache.hc.client5.http.cookie.BasicCookieStore;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.ProtocolVersion;

/**
 * The seam between a user's requests and the wire: what both transports (HttpClient 5, and the lean one on the user's
 * own thread) do for a request, and nothing else. The policy around it (allowed hosts, the rate cap, recording, not-sent
 * accounting, judging the response, secret masking) stays in {@link DefaultHttpRequest} and {@link HttpTransport}, once
 * for both. Internal.
 */
interface Transport extends AutoCloseable {

    /** A user's own channel: its own connections, with {@code cookies} as its cookie jar. */
    UserChannel open(BasicCookieStore cookies);

    /** Number of open connections, for tests and reports. */
    int openConnections();

    /** Closes every connection at once. */
    @Override
    void close();

    /** The port a request to {@code scheme} goes to: {@code port} itself, or the scheme's default when it is -1. */
    static int port(String scheme, int port) {
        return port >= 0 ? port : "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    /** One user's connections to the target. Used only by that user's thread. */
    interface UserChannel {

        /**
         * Sends {@code request} on the user's own connection, following redirects (unless the request says not to)
         * within the allowed hosts, sending and keeping cookies, and waits for the whole response until
         * {@code deadlineNanos} (on {@link System#nanoTime()}). Never throws: interruption, time-out and failure are
         * in the outcome.
         */
        Outcome exchange(Outgoing request, long deadlineNanos);
    }

    /** A request as the user built it: its headers are the user's defaults, then its own. */
    record Outgoing(String method, URI uri, List<String[]> headers, byte[] body, String contentType,
            Duration timeout, boolean followRedirects) {
    }

    /** A response received whole. */
    record Received(int status, Header[] headers, byte[] body, ContentType contentType, ProtocolVersion version) {
    }

    /**
     * How an exchange ended: with a response, a failure, a time-out, or interrupted (the run is stopping). {@code sent}
     * says whether the request was written to a connection (so the target has it, or is getting it).
     */
    record Outcome(Received response, Exception failure, boolean timedOut, boolean interrupted, boolean sent,
            long endNanos, String blockedRedirect) {

        static Outcome interrupted(boolean sent) {
            return new Outcome(null, null, false, true, sent, System.nanoTime(), null);
        }
    }
}

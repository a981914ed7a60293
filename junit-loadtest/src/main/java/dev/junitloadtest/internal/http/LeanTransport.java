package dev.junitloadtest.internal.http;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

import org.apache.hc.client5.http.cookie.BasicCookieStore;
import org.apache.hc.client5.http.cookie.CookieSpec;
import org.apache.hc.client5.http.cookie.StandardCookieSpec;
import org.apache.hc.client5.http.impl.CookieSpecSupport;
import org.apache.hc.client5.http.protocol.HttpClientContext;

import dev.junitloadtest.internal.config.HttpSettings;
import dev.junitloadtest.internal.config.TrustSettings;

/**
 * The lean transport (the default, {@code loadtest.http.transport=lean}): HTTP/1.1 on each user's own thread, over a
 * blocking socket per user kept alive (a {@link LeanChannel}), with the JDK's TLS for https:// ({@link LeanTls}); no
 * I/O threads, no selector, no hand-over between threads. Read buffers are pooled and taken only while a request is in
 * flight, so an idle user holds its socket and its cached request head. One watch thread keeps the
 * response timeouts (see {@link #watch}). Cookies follow HttpClient's relaxed cookie
 * rules, and redirects its redirect strategy, so switching transport changes neither. Thread-safe. Internal.
 */
final class LeanTransport implements Transport {

    /** Size of a read buffer: a typical response head and API body arrive in one read. */
    static final int BUFFER_SIZE = 8 * 1024;

    private final HttpSettings settings;
    private final GuardedRedirects redirects;
    private final CookieSpec cookieSpec;
    /** Shortest and longest time between two looks of the deadline watch. */
    private static final long MIN_TICK_NANOS = 1_000_000;
    private static final long MAX_TICK_NANOS = 50_000_000;

    private final LeanTls tls;
    private final BufferPool buffers = new BufferPool(BUFFER_SIZE);
    private final Set<LeanChannel> connected = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    /** The shortest response timeout the watch serves, and how often it looks (a 64th of that, within bounds). */
    private volatile long watchedTimeoutNanos = Long.MAX_VALUE;
    private volatile long tickNanos = MAX_TICK_NANOS;
    private volatile Thread watch;

    LeanTransport(HttpSettings settings, TrustSettings trust) {
        this.settings = settings;
        this.redirects = new GuardedRedirects(trust);
        this.tls = new LeanTls(trust);
        // The same cookie rules as HttpClient's (StandardCookieSpec.RELAXED, with the public suffix list).
        this.cookieSpec = CookieSpecSupport.createDefault().lookup(StandardCookieSpec.RELAXED)
                .create(HttpClientContext.create());
    }

    @Override
    public UserChannel open(BasicCookieStore cookies) {
        return new LeanChannel(this, cookies);
    }

    HttpSettings settings() {
        return settings;
    }

    /** TLS for https://: the run's trust, and one session cache for all its connections. */
    LeanTls tls() {
        return tls;
    }

    GuardedRedirects redirects() {
        return redirects;
    }

    CookieSpec cookieSpec() {
        return cookieSpec;
    }

    /** A read buffer for one request in flight; give it back with {@link #release}. */
    byte[] buffer() {
        return buffers.take();
    }

    void release(byte[] buffer) {
        buffers.give(buffer);
    }

    /**
     * An exchange with {@code timeout} (or null for the run's) begins: the deadline watch looks at every connection in flight
     * often enough for it. Response timeouts are kept by this one watch rather than a timed read per request: a timed
     * read arms and cancels a timer on the virtual-thread scheduler for every read that has to wait, which costs more
     * than the rest of a short request's work. The watch closes the connection of an exchange past its deadline, a
     * 64th of the shortest timeout (1 to 50 ms) late at most.
     */
    void watch(Duration timeout) {
        if (timeout != null && timeout.toNanos() < watchedTimeoutNanos) {
            watchShorter(timeout.toNanos());
        } else if (watch == null) {
            watchShorter(settings.responseTimeout().toNanos());
        }
    }

    private synchronized void watchShorter(long timeoutNanos) {
        if (closed || timeoutNanos >= watchedTimeoutNanos && watch != null) {
            return;
        }
        watchedTimeoutNanos = timeoutNanos;
        tickNanos = Math.max(MIN_TICK_NANOS, Math.min(MAX_TICK_NANOS, timeoutNanos / 64));
        if (watch == null) {
            watch = Thread.ofPlatform().daemon().name("loadtest-lean-deadlines").start(this::watchDeadlines);
        } else {
            LockSupport.unpark(watch);
        }
    }

    private void watchDeadlines() {
        while (!closed) {
            LockSupport.parkNanos(this, tickNanos);
            long now = System.nanoTime();
            for (LeanChannel channel : connected) {
                channel.expireIfLate(now);
            }
        }
    }

    /** A channel opened a socket; returns false (and the channel must close it) when the run's client is closed. */
    boolean connected(LeanChannel channel) {
        connected.add(channel);
        if (closed) {
            connected.remove(channel);
            return false;
        }
        return true;
    }

    void disconnected(LeanChannel channel) {
        connected.remove(channel);
    }

    @Override
    public int openConnections() {
        return connected.size();
    }

    @Override
    public void close() {
        closed = true;
        for (LeanChannel channel : connected) {
            channel.closeSocket();
        }
        Thread watching = watch;
        if (watching != null) {
            LockSupport.unpark(watching);
        }
        buffers.clear();
    }
}

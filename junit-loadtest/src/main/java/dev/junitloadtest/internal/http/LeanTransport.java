package dev.junitloadtest.internal.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

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
 * flight, so an idle user holds its socket and its cached request head. Cookies follow HttpClient's relaxed cookie
 * rules, and redirects its redirect strategy, so switching transport changes neither. Thread-safe. Internal.
 */
final class LeanTransport implements Transport {

    /** Size of a read buffer: a typical response head and API body arrive in one read. */
    static final int BUFFER_SIZE = 8 * 1024;

    private final HttpSettings settings;
    private final GuardedRedirects redirects;
    private final CookieSpec cookieSpec;
    private final LeanTls tls;
    private final ConcurrentLinkedQueue<byte[]> buffers = new ConcurrentLinkedQueue<>();
    private final Set<LeanChannel> connected = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

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
        byte[] buffer = buffers.poll();
        return buffer != null ? buffer : new byte[BUFFER_SIZE];
    }

    void release(byte[] buffer) {
        buffers.offer(buffer);
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
        buffers.clear();
    }
}

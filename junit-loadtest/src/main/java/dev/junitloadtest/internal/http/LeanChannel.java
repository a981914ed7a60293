package dev.junitloadtest.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLSocket;

import org.apache.hc.client5.http.CircularRedirectException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.RedirectException;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.cookie.BasicCookieStore;
import org.apache.hc.client5.http.cookie.Cookie;
import org.apache.hc.client5.http.cookie.CookieOrigin;
import org.apache.hc.client5.http.cookie.CookiePathComparator;
import org.apache.hc.client5.http.cookie.CookieSpec;
import org.apache.hc.client5.http.cookie.MalformedCookieException;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.message.BasicHttpResponse;

/**
 * One user's connection on the lean transport: a blocking socket kept alive between requests, written and read on the
 * user's own (virtual) thread. A request counts as sent once its head is written; a user interrupted before that
 * (the run is stopping) never writes it. Interrupting a virtual thread blocked on a socket closes the socket (the
 * JDK's behaviour for virtual threads), which is how the end of a run cuts a request in flight. The encoded head of a
 * request is kept and reused while method, URI, headers and cookies stay the same. Used only by its user's thread
 * (and closed by the transport at the end of the run). Internal.
 */
final class LeanChannel implements Transport.UserChannel {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final int MAX_REDIRECTS = RequestConfig.DEFAULT.getMaxRedirects();
    private static final long IDLE = Long.MIN_VALUE;
    private static final long EXPIRED = Long.MIN_VALUE + 1;
    private static final VarHandle DEADLINE;

    static {
        try {
            DEADLINE = MethodHandles.lookup().findVarHandle(LeanChannel.class, "deadline", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final LeanTransport transport;
    private final BasicCookieStore cookies;
    private final HttpClientContext redirectContext = HttpClientContext.create();
    private final Http1Codec codec = new Http1Codec();
    /**
     * The deadline of the exchange in flight (on {@link System#nanoTime()}), {@link #IDLE} between exchanges, or
     * {@link #EXPIRED} once the transport's watch found it past: it is what the watch and the user's thread agree on.
     */
    private volatile long deadline = IDLE;
    private volatile Socket socket;
    private InputStream in;
    private OutputStream out;
    private String connectedTo;
    /** The URI of the last request sent on the connection. */
    private URI keptFor;
    private boolean reused;

    private String headMethod;
    private URI headUri;
    private List<String[]> headHeaders;
    private String headCookies;
    private String headContentType;
    private byte[] head;
    /** {@link #head} with the blank line that ends it, for a request without a body. */
    private byte[] headEnded;

    LeanChannel(LeanTransport transport, BasicCookieStore cookies) {
        this.transport = transport;
        this.cookies = cookies;
    }

    @Override
    public Transport.Outcome exchange(Transport.Outgoing request, long deadlineNanos) {
        arm(request.timeout(), deadlineNanos);
        byte[] buffer = transport.buffer();
        try {
            return exchange(request, deadlineNanos, buffer);
        } finally {
            codec.end();
            transport.release(buffer);
            if (!disarm()) {
                // Past its deadline, the transport's watch closed (or is closing) the connection: wait for it to be
                // done, so that it cannot close the next request's.
                synchronized (this) {
                    closeSocket();
                }
            }
        }
    }

    private Transport.Outcome exchange(Transport.Outgoing request, long deadlineNanos, byte[] buffer) {
        boolean sent = false;
        String method = request.method();
        URI uri = request.uri();
        List<String[]> headers = request.headers();
        byte[] body = request.body();
        Set<URI> visited = null;
        try {
            for (int redirects = 0;; redirects++) {
                boolean responded = false;
                // A kept connection the server has closed meanwhile fails before a byte of response: once, on a new
                // connection (the target did not take the request).
                for (int attempt = 0; !responded; attempt++) {
                    // The connection kept for this very URI (a user mostly repeats its requests) needs no look at
                    // its target.
                    boolean onKept = uri == keptFor && socket != null || connect(uri, deadlineNanos);
                    keptFor = uri;
                    if (Thread.currentThread().isInterrupted()) {
                        return Transport.Outcome.interrupted(sent);
                    }
                    if (expired()) {
                        throw new SocketTimeoutException("the response deadline passed");
                    }
                    codec.begin(in, buffer);
                    try {
                        write(method, uri, headers, body, request.contentType());
                        sent = true;
                        // Let other users run before reading: on a busy generator the response is then mostly back,
                        // and the read returns at once instead of parking in the JDK's poller and being woken
                        // (measured in BENCHMARKS.md, "The lean transport, change by change").
                        Thread.yield();
                        codec.read(method);
                        responded = true;
                    } catch (IOException | HttpException e) {
                        closeSocket();
                        if (!(onKept && attempt == 0 && codec.received() == 0) || Thread.currentThread()
                                .isInterrupted() || e instanceof SocketTimeoutException || expired()) {
                            throw e;
                        }
                    }
                }
                Http1Codec response = codec;
                long end = System.nanoTime();
                if (!response.keepAlive) {
                    closeSocket();
                }
                if (response.setsCookies) {
                    keepCookies(uri, response.headers);
                }
                Transport.Received received = new Transport.Received(response.status, response.headers,
                        response.body, response.contentType, response.version);
                if (!request.followRedirects() || response.status < 300 || response.status >= 400) {
                    return new Transport.Outcome(received, null, false, false, true, end, null);
                }
                // Redirects as HttpClient follows them, by its (guarded) redirect strategy.
                BasicHttpRequest asked = new BasicHttpRequest(method, uri);
                BasicHttpResponse answer = new BasicHttpResponse(response.status);
                answer.setHeaders(response.headers);
                GuardedRedirects strategy = transport.redirects();
                if (!strategy.isRedirected(asked, answer, redirectContext)) {
                    return new Transport.Outcome(received, null, false, false, true, end, null);
                }
                if (redirects >= MAX_REDIRECTS) {
                    throw new RedirectException("Maximum redirects (" + MAX_REDIRECTS + ") exceeded");
                }
                URI next = strategy.getLocationURI(asked, answer, redirectContext);
                if (visited == null) {
                    visited = new HashSet<>();
                    visited.add(uri);
                }
                if (!visited.add(next)) {
                    throw new CircularRedirectException("Circular redirect to '" + next + "'");
                }
                redirectContext.removeAttribute(GuardedRedirects.BLOCKED_REDIRECT);
                if (!strategy.isRedirectAllowed(HttpHost.create(uri), HttpHost.create(next), asked,
                        redirectContext)) {
                    Object refused = redirectContext.getAttribute(GuardedRedirects.BLOCKED_REDIRECT);
                    return new Transport.Outcome(received, null, false, false, true, end,
                            refused == null ? null : refused.toString());
                }
                if (response.status == 303 && !"HEAD".equals(method)
                        || (response.status == 301 || response.status == 302) && "POST".equals(method)) {
                    method = "GET";
                    body = null;
                }
                if (!sameHost(uri, next)) {
                    headers = withoutAuthorization(headers);
                }
                uri = next;
            }
        } catch (IOException | HttpException | RuntimeException e) {
            closeSocket();
            long end = System.nanoTime();
            if (Thread.currentThread().isInterrupted()) {
                return Transport.Outcome.interrupted(sent);
            }
            if (expired() || e instanceof SocketTimeoutException && !(e instanceof ConnectTimeoutException)) {
                return new Transport.Outcome(null, null, true, false, sent, end, null);
            }
            return new Transport.Outcome(null, e, false, false, sent, end, null);
        }
    }

    private static boolean sameHost(URI a, URI b) {
        return a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort()
                && a.getScheme().equalsIgnoreCase(b.getScheme());
    }

    private static List<String[]> withoutAuthorization(List<String[]> headers) {
        List<String[]> kept = new ArrayList<>(headers.size());
        for (String[] header : headers) {
            if (!header[0].equalsIgnoreCase("Authorization")) {
                kept.add(header);
            }
        }
        return kept;
    }

    /**
     * Makes sure the user has a connection to {@code uri}'s host (over TLS for https://, the connect timeout covering
     * the TCP connect and the handshake); returns whether it is one kept from an earlier request.
     */
    private boolean connect(URI uri, long deadlineNanos) throws IOException {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = Transport.port(uri.getScheme(), uri.getPort());
        String target = (https ? "https://" : "") + uri.getHost() + ":" + port;
        if (socket != null && target.equals(connectedTo)) {
            return true;
        }
        closeSocket();
        HttpHost host = new HttpHost(uri.getScheme(), uri.getHost(), port);
        long startNanos = System.nanoTime();
        long connectMillis = transport.settings().connectTimeout().toMillis();
        long leftMillis = Math.max(1, (deadlineNanos - startNanos) / 1_000_000);
        boolean responseDeadlineFirst = leftMillis < connectMillis;
        InetAddress address = InetAddress.getByName(uri.getHost());
        Socket opened = new Socket();
        InputStream input;
        OutputStream output;
        try {
            opened.setTcpNoDelay(true);
            opened.connect(new InetSocketAddress(address, port),
                    (int) Math.min(Integer.MAX_VALUE, Math.min(connectMillis, leftMillis)));
            if (https) {
                long spentMillis = (System.nanoTime() - startNanos) / 1_000_000;
                long handshakeMillis = Math.max(1, Math.min(connectMillis, leftMillis) - spentMillis);
                SSLSocket tls = transport.tls().handshake(opened, uri.getHost(), port,
                        (int) Math.min(Integer.MAX_VALUE, handshakeMillis));
                input = tls.getInputStream();
                output = tls.getOutputStream();
            } else {
                input = opened.getInputStream();
                output = opened.getOutputStream();
            }
        } catch (SocketTimeoutException e) {
            opened.close();
            if (responseDeadlineFirst) {
                throw e;
            }
            // HttpClient's words, so a failure table reads the same on either transport.
            throw new ConnectTimeoutException("Connect to " + host + " [" + address + "] failed: " + e.getMessage(),
                    host);
        } catch (ConnectException e) {
            opened.close();
            throw new HttpHostConnectException("Connect to " + host + " [" + address + "] failed: " + e.getMessage(),
                    host);
        } catch (IOException e) {
            opened.close();
            throw e;
        }
        if (!transport.connected(this)) {
            opened.close();
            throw new IOException("the run's HTTP client is closed");
        }
        // The TCP socket: its timeout bounds reads of TLS records too, and closing it ends a connection at once (no
        // close_notify to wait on when the run ends).
        socket = opened;
        in = input;
        out = output;
        connectedTo = target;
        return false;
    }

    /**
     * An exchange begins that must be over by {@code deadlineNanos}, its own {@code timeout} (or null for the run's):
     * the transport's watch now looks at it.
     */
    private void arm(Duration timeout, long deadlineNanos) {
        transport.watch(timeout);
        deadline = deadlineNanos == IDLE || deadlineNanos == EXPIRED ? deadlineNanos + 2 : deadlineNanos;
    }

    /** The exchange is over: returns false if the watch had found it past its deadline first. */
    private boolean disarm() {
        long armed = deadline;
        if (armed != EXPIRED && DEADLINE.compareAndSet(this, armed, IDLE)) {
            return true;
        }
        deadline = IDLE;
        return false;
    }

    private boolean expired() {
        return deadline == EXPIRED;
    }

    /**
     * Called by the transport's watch, at {@code now}: if the exchange in flight is past its deadline, marks it so and
     * closes its connection, which ends the read or write it is blocked in.
     */
    void expireIfLate(long now) {
        long armed = deadline;
        if (armed != IDLE && armed != EXPIRED && now - armed >= 0) {
            // Marked and closed under the lock the user's thread takes once it finds its exchange marked.
            synchronized (this) {
                if (DEADLINE.compareAndSet(this, armed, EXPIRED)) {
                    closeSocket();
                }
            }
        }
    }

    /** Closes the user's connection (from its own thread, or from the transport at the end of the run). */
    void closeSocket() {
        Socket open = socket;
        if (open != null) {
            socket = null;
            connectedTo = null;
            transport.disconnected(this);
            try {
                open.close();
            } catch (IOException ignored) {
                // Closing anyway.
            }
        }
    }

    private void write(String method, URI uri, List<String[]> headers, byte[] body, String contentType)
            throws IOException {
        String cookieHeader = cookieHeader(uri);
        byte[] encoded = head;
        if (encoded == null || !method.equals(headMethod) || !uri.equals(headUri) || !sameHeaders(headers)
                || !equal(cookieHeader, headCookies) || !equal(contentType, headContentType)) {
            encoded = encodeHead(method, uri, headers, cookieHeader, body != null ? contentType : null);
            head = encoded;
            headMethod = method;
            headUri = uri;
            headHeaders = headers;
            headCookies = cookieHeader;
            headContentType = contentType;
            headEnded = null;
        }
        if (body == null) {
            // One write, so one TCP segment: a request written in two parts costs both ends a second segment.
            byte[] whole = headEnded;
            if (whole == null) {
                whole = Arrays.copyOf(encoded, encoded.length + CRLF.length);
                System.arraycopy(CRLF, 0, whole, encoded.length, CRLF.length);
                headEnded = whole;
            }
            out.write(whole);
        } else {
            byte[] length = ("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
            byte[] whole = new byte[encoded.length + length.length + body.length];
            System.arraycopy(encoded, 0, whole, 0, encoded.length);
            System.arraycopy(length, 0, whole, encoded.length, length.length);
            System.arraycopy(body, 0, whole, encoded.length + length.length, body.length);
            out.write(whole);
        }
    }

    private static boolean equal(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    private boolean sameHeaders(List<String[]> headers) {
        List<String[]> previous = headHeaders;
        if (previous == headers) {
            return true;
        }
        if (previous == null || previous.size() != headers.size()) {
            return false;
        }
        for (int i = 0; i < headers.size(); i++) {
            String[] a = previous.get(i);
            String[] b = headers.get(i);
            if (a != b && !(a[0].equals(b[0]) && a[1].equals(b[1]))) {
                return false;
            }
        }
        return true;
    }

    /** The request line and headers, without the blank line that ends them (and without Content-Length). */
    private static byte[] encodeHead(String method, URI uri, List<String[]> headers, String cookieHeader,
            String contentType) {
        StringBuilder text = new StringBuilder(256);
        String path = uri.getRawPath();
        text.append(method).append(' ').append(path == null || path.isEmpty() ? "/" : path);
        if (uri.getRawQuery() != null) {
            text.append('?').append(uri.getRawQuery());
        }
        text.append(" HTTP/1.1\r\n");
        boolean host = false;
        boolean userAgent = false;
        boolean type = false;
        for (String[] header : headers) {
            host |= header[0].equalsIgnoreCase("Host");
            userAgent |= header[0].equalsIgnoreCase("User-Agent");
            type |= header[0].equalsIgnoreCase("Content-Type");
        }
        if (!host) {
            text.append("Host: ").append(uri.getHost());
            if (uri.getPort() >= 0) {
                text.append(':').append(uri.getPort());
            }
            text.append("\r\n");
        }
        for (String[] header : headers) {
            text.append(header[0]).append(": ").append(header[1]).append("\r\n");
        }
        if (contentType != null && !type) {
            text.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (cookieHeader != null) {
            text.append("Cookie: ").append(cookieHeader).append("\r\n");
        }
        if (!userAgent) {
            text.append("User-Agent: ").append(HttpTransport.USER_AGENT).append("\r\n");
        }
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The Cookie header for {@code uri}, by HttpClient's cookie rules, or null without cookies. */
    private String cookieHeader(URI uri) {
        if (cookies instanceof UserCookieStore store && !store.everAdded()) {
            return null;
        }
        List<Cookie> all = cookies.getCookies();
        if (all.isEmpty()) {
            return null;
        }
        CookieSpec spec = transport.cookieSpec();
        CookieOrigin origin = origin(uri);
        Instant now = Instant.now();
        List<Cookie> matched = new ArrayList<>(all.size());
        for (Cookie cookie : all) {
            if (!cookie.isExpired(now) && spec.match(cookie, origin)) {
                matched.add(cookie);
            }
        }
        if (matched.isEmpty()) {
            return null;
        }
        matched.sort(CookiePathComparator.INSTANCE);
        StringBuilder value = new StringBuilder();
        for (Header header : spec.formatCookies(matched)) {
            if (value.length() > 0) {
                value.append("; ");
            }
            value.append(header.getValue());
        }
        return value.toString();
    }

    private void keepCookies(URI uri, Header[] headers) {
        CookieOrigin origin = null;
        for (Header header : headers) {
            if (!header.getName().equalsIgnoreCase("Set-Cookie")) {
                continue;
            }
            if (origin == null) {
                origin = origin(uri);
            }
            CookieSpec spec = transport.cookieSpec();
            try {
                for (Cookie cookie : spec.parse(header, origin)) {
                    try {
                        spec.validate(cookie, origin);
                        cookies.addCookie(cookie);
                    } catch (MalformedCookieException rejected) {
                        // Rejected by the cookie rules, as HttpClient does.
                    }
                }
            } catch (MalformedCookieException malformed) {
                // Ignored, as HttpClient does.
            }
        }
    }

    private static CookieOrigin origin(URI uri) {
        String path = uri.getRawPath();
        return new CookieOrigin(uri.getHost(), Transport.port(uri.getScheme(), uri.getPort()),
                path == null || path.isEmpty() ? "/" : path, "https".equalsIgnoreCase(uri.getScheme()));
    }
}

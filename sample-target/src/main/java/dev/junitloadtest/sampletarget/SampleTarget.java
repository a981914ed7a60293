package dev.junitloadtest.sampletarget;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running instance of the sample target: the Go API of the Locust-on-Heroku article ({@code /}, {@code /volatile},
 * {@code /buggy}) served by the JDK's HTTP server, one virtual thread per request.
 *
 * <pre>{@code
 * try (SampleTarget target = SampleTarget.start()) {     // 127.0.0.1, a free port, quiet
 *     URI buggy = target.baseUri().resolve("/buggy");
 *     ...
 *     assertThat(target.requestsServed(SampleTarget.Route.BUGGY)).isEqualTo(500);
 * }
 * }</pre>
 *
 * <p>The counter shared by {@code /volatile} and {@code /buggy} behaves as in Go, except that reading and
 * incrementing it is one atomic step: each request sees its own value, so exactly one {@code /buggy} request in
 * five fails under any concurrency (Go can hand the same value to two concurrent requests).
 *
 * <p>Thread-safe: every method may be called from any thread while requests are served. Each instance owns its
 * server, port, counter and threads, so many instances can run in one JVM at once.
 */
public final class SampleTarget implements AutoCloseable {

    /**
     * The routes of the Go target, as its {@code ServeMux} picks them.
     *
     * <p>{@code /volatile} and {@code /buggy} match exactly and case-sensitively (not {@code /volatile/}, not
     * {@code /buggy/x}); every other path, whatever the method, is {@link #HOME} (Go's {@code "/"} pattern
     * matches all paths). Paths are percent-decoded first ({@code /%62uggy} is {@code /buggy}), the query string
     * plays no part, and a {@code #} belongs to the path, as in Go.
     */
    public enum Route {
        /** Every path except the two below: 200 {@code Server OK}. */
        HOME,
        /** {@code /volatile}: delays its response by one more second every ten requests, up to five. */
        VOLATILE,
        /** {@code /buggy}: fails every fifth request with a 500, starting with the first. */
        BUGGY;

        /** The route for a decoded request path; {@code null} (no path) is {@link #HOME}. */
        static Route forPath(String path) {
            if ("/volatile".equals(path)) {
                return VOLATILE;
            }
            if ("/buggy".equals(path)) {
                return BUGGY;
            }
            return HOME;
        }
    }

    private final HttpServer server;
    private final ExecutorService handlers;
    private final Endpoints endpoints;
    private final ServedRequests served;
    private final InetSocketAddress address;
    private final URI baseUri;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SampleTarget(HttpServer server, ExecutorService handlers, Endpoints endpoints, ServedRequests served) {
        this.server = server;
        this.handlers = handlers;
        this.endpoints = endpoints;
        this.served = served;
        this.address = server.getAddress();
        this.baseUri = baseUriOf(address);
    }

    /**
     * Starts a target on {@code 127.0.0.1} with a free port, printing nothing: what tests want.
     *
     * @return the running target; close it
     * @throws UncheckedIOException if the server cannot listen
     */
    public static SampleTarget start() {
        return builder().start();
    }

    /** {@return a builder for a target with another address, port or printing} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return the URI to send requests to, {@code http://host:port} without a trailing slash} For a target
     * bound to all interfaces it names {@code 127.0.0.1}, which always reaches it.
     */
    public URI baseUri() {
        return baseUri;
    }

    /**
     * {@return the address and port the server listens on, as its socket reports them} That is the real port
     * when {@code 0} was asked for, and {@code ::} for a wildcard address (the JDK listens dual-stack).
     */
    public InetSocketAddress address() {
        return address;
    }

    /** {@return the port the server listens on} */
    public int port() {
        return address.getPort();
    }

    /** {@return the current value of the request counter shared by {@code /volatile} and {@code /buggy}} */
    public int counter() {
        return endpoints.counter();
    }

    /**
     * Sets the shared request counter, so a test can start at any point of the sequences: the next
     * {@code /buggy} or {@code /volatile} request sees {@code value}. Like Go's {@code int32}, it wraps from
     * {@link Integer#MAX_VALUE} to {@link Integer#MIN_VALUE}.
     *
     * @param value the value the next {@code /buggy} or {@code /volatile} request sees
     */
    public void setCounter(int value) {
        endpoints.setCounter(value);
    }

    /** Sets the shared request counter back to 0, as at start: the next {@code /buggy} request fails. */
    public void resetCounter() {
        endpoints.setCounter(0);
    }

    /**
     * {@return how many requests the target has handled since it started, on all routes} Exactly the requests
     * whose handler ran, counted as it starts (before any delay) whatever their outcome, including requests cut
     * by {@link #close()}. Requests the JDK server rejects before any handler runs (a malformed request line, for
     * instance) are not counted. Never reset: take differences to count a part of a test.
     */
    public long requestsServed() {
        return served.total();
    }

    /**
     * {@return how many requests {@code route} has handled since the target started} Counted as
     * {@link #requestsServed()}.
     *
     * @param route the route to count
     */
    public long requestsServed(Route route) {
        return served.count(Objects.requireNonNull(route, "route"));
    }

    /**
     * Stops the server at once and waits for its threads to end. Open connections are closed, and requests still
     * in progress are cut: a {@code /volatile} request sleeping its delay gets no response. Idempotent; returns
     * promptly, and when it returns no thread of this target is left running. (Until then, the server's
     * dispatcher thread, not a daemon, keeps the JVM alive, as any server does.)
     *
     * @throws IllegalStateException in the unexpected case that handlers are still running 10 s after the stop
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // Stop first: it closes every connection and joins the dispatcher, so no handler starts after this.
        server.stop(0);
        // Then wake the handlers sleeping in /volatile; the others fail fast on their closed connections.
        handlers.shutdownNow();
        boolean interrupted = false;
        boolean terminated = false;
        try {
            terminated = handlers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        } else if (!terminated) {
            throw new IllegalStateException("sample-target on " + baseUri + ": handlers still running 10 s after close()");
        }
    }

    @Override
    public String toString() {
        return "SampleTarget[" + baseUri + "]";
    }

    private static URI baseUriOf(InetSocketAddress address) {
        InetAddress host = address.getAddress();
        if (host.isAnyLocalAddress()) {
            // The JDK listens on a wildcard address dual-stack (it reports "::" even for 0.0.0.0).
            host = loopbackIpv4();
        }
        return URI.create("http://" + literal(host) + ":" + address.getPort());
    }

    private static InetAddress loopbackIpv4() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: four bytes are a valid IPv4 address
        }
    }

    /** The host part of a URL for {@code address}: IPv6 literals go in brackets. */
    static String literal(InetAddress address) {
        String text = address.getHostAddress();
        return address instanceof Inet6Address ? "[" + text + "]" : text;
    }

    /**
     * A builder of {@link SampleTarget}s. Defaults: bind to {@code 127.0.0.1}, a free port ({@code 0}), print
     * nothing.
     *
     * <p>Not thread-safe: configure it on one thread. {@link #start()} may be called more than once; each call
     * starts an independent target.
     */
    public static final class Builder {

        private InetAddress bindAddress = loopbackIpv4();
        private int port;
        private RequestLog requestLog = RequestLog.QUIET;
        private Sleeper sleeper = Sleeper.REAL;

        private Builder() {
        }

        /**
         * Sets the address to listen on; a wildcard address ({@code 0.0.0.0}) listens on all interfaces, as Go's
         * {@code :9000}.
         *
         * @param bindAddress the local address; default {@code 127.0.0.1}
         * @return this builder
         */
        public Builder bindAddress(InetAddress bindAddress) {
            this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
            return this;
        }

        /**
         * Sets the port to listen on.
         *
         * @param port from 0 to 65535; 0 (the default) picks a free port, see {@link SampleTarget#port()}
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * Sets whether to print Go's per-request lines ({@code Served home request}, ...) to {@code System.out}.
         * Off by default: a line per request through one stream serializes the handlers under load.
         *
         * @param printRequests {@code true} to print them as the Go program does
         * @return this builder
         */
        public Builder printRequests(boolean printRequests) {
            this.requestLog = printRequests ? RequestLog.to(System.out) : RequestLog.QUIET;
            return this;
        }

        /**
         * Prints Go's per-request lines to {@code out}, each ended by {@code \n}, instead of {@code System.out}.
         *
         * @param out where the lines go; it must be thread-safe, as {@link PrintStream}s are
         * @return this builder
         */
        public Builder printRequestsTo(PrintStream out) {
            this.requestLog = RequestLog.to(out);
            return this;
        }

        /** Replaces the real sleep of {@code /volatile}, so tests can follow the delay steps without waiting. */
        Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * Starts a target listening as configured; it serves until {@link SampleTarget#close()}.
         *
         * <p>The first start in a JVM raises the JDK HTTP server's connection limits (system properties that the
         * JDK reads once per JVM; see the module README), unless they are already set.
         *
         * @return the running target; close it
         * @throws IllegalArgumentException if the port is not from 0 to 65535
         * @throws UncheckedIOException if the server cannot listen (the port is taken, for instance)
         */
        public SampleTarget start() {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("`port` must be from 0 to 65535, but was " + port + ".");
            }
            ServerLimits.apply();
            InetSocketAddress requested = new InetSocketAddress(bindAddress, port);
            HttpServer server;
            try {
                server = HttpServer.create(requested, ServerLimits.BACKLOG);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "sample-target cannot listen on " + literal(bindAddress) + ":" + port + ": " + e.getMessage(), e);
            }
            // As Executors.newVirtualThreadPerTaskExecutor(), with names that tell whose threads they are.
            ExecutorService handlers = Executors.newThreadPerTaskExecutor(
                    Thread.ofVirtual().name("sample-target-" + server.getAddress().getPort() + "-", 0).factory());
            Endpoints endpoints = new Endpoints(sleeper, requestLog);
            ServedRequests served = new ServedRequests();
            server.createContext("/", new TargetHandler(endpoints, served));
            server.setExecutor(handlers);
            server.start();
            return new SampleTarget(server, handlers, endpoints, served);
        }
    }
}

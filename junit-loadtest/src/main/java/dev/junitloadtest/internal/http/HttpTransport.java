package dev.junitloadtest.internal.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.concurrent.Future;

import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.cookie.StandardCookieSpec;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.apiguardian.api.API;

import dev.junitloadtest.internal.config.HttpSettings;
import dev.junitloadtest.internal.config.TrustSettings;

/**
 * The run's HTTP client: one Apache HttpClient 5 async client shared by all virtual users, each keeping its own
 * connections through a per-user connection state, its own cookies through its own context. Closed, with every
 * connection, when the run ends. Thread-safe. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class HttpTransport implements AutoCloseable {

    /** User-Agent sent with every request. */
    public static final String USER_AGENT = "junit-loadtest/0.1";

    private final CloseableHttpAsyncClient client;
    private final PoolingAsyncClientConnectionManager connections;
    private final RequestConfig defaultRequestConfig;
    private final java.time.Duration responseTimeout;

    private final TrustSettings trust;
    private final RateLimiter rateLimiter;
    private final GeneratorFailures failures = new GeneratorFailures();

    /** Starts a client with {@code settings} and {@code trust}; {@code name} names its I/O threads. */
    public HttpTransport(HttpSettings settings, TrustSettings trust, String name) {
        this.trust = trust;
        this.rateLimiter = Double.isInfinite(trust.maxRequestsPerSecond()) ? null
                : new RateLimiter(trust.maxRequestsPerSecond());
        Timeout connectTimeout = Timeout.of(settings.connectTimeout());
        Timeout responseTimeout = Timeout.of(settings.responseTimeout());
        this.responseTimeout = settings.responseTimeout();
        // Each user keeps its own connections, in a pool made for that (see UserConnectionPool).
        this.connections = UserConnectionPool.manager(TlsTrust.strategy(trust),
                ConnectionConfig.custom()
                        .setConnectTimeout(connectTimeout)
                        .setSocketTimeout(responseTimeout)
                        .build());
        this.defaultRequestConfig = RequestConfig.custom()
                .setResponseTimeout(responseTimeout)
                .setRedirectsEnabled(true)
                .setCookieSpec(StandardCookieSpec.RELAXED)
                .build();
        this.client = HttpAsyncClients.custom()
                .setConnectionManager(connections)
                // HttpCore gives every connection three buffers (in, out, content) of 32 KB: 96 KB of heap per idle
                // user. At 4 KB a typical API response still arrives in one read, long lines and large bodies still
                // work (in more reads), and an idle user costs 12 KB of buffers (see BENCHMARKS.md).
                .setHttp1Config(Http1Config.custom().setBufferSize(4 * 1024).build())
                .setIOReactorConfig(IOReactorConfig.custom()
                        .setIoThreadCount(Math.max(1, Runtime.getRuntime().availableProcessors()))
                        .setSoTimeout(responseTimeout)
                        // Timeouts are checked once per select interval (1 s by default): a tenth of a second keeps a
                        // 300 ms timeout near 300 ms, for ten wake-ups a second per I/O thread.
                        .setSelectInterval(TimeValue.ofMilliseconds(100))
                        .setTcpNoDelay(true)
                        .build())
                // An Error thrown in an I/O thread (an OutOfMemoryError under large bodies) ends that thread and its
                // share of the connections: every later request would fail at once, unsent. Say so, with the cause.
                .setThreadFactory(Thread.ofPlatform().daemon().name("loadtest-http-" + name + "-", 1)
                        .uncaughtExceptionHandler((thread, error) -> failures.ioThreadDied(thread, error)).factory())
                // Knows when a request is written to its connection (see SendGate).
                .addExecInterceptorBefore(ChainElement.MAIN_TRANSPORT.name(), "loadtest-send-gate", new SendGate())
                // A retried request would reach the target twice but be counted once.
                .disableAutomaticRetries()
                .setUserAgent(USER_AGENT)
                .setDefaultRequestConfig(defaultRequestConfig)
                .setRedirectStrategy(new GuardedRedirects(trust))
                // The connection state is the user: a connection is only ever reused by the user that opened it.
                .setUserTokenHandler((route, context) -> HttpClientContext.castOrCreate(context).getUserToken())
                .build();
        client.start();
    }

    /** The request configuration every request starts from. */
    RequestConfig defaultRequestConfig() {
        return defaultRequestConfig;
    }

    /** The run's safety rails. */
    TrustSettings trust() {
        return trust;
    }

    /**
     * Waits for the request's slot under the run's rate cap, if it has one. Returns false when the run stopped
     * before the slot came: the request must not be sent.
     *
     * @throws InterruptedException if interrupted while waiting (the request was not sent)
     */
    boolean awaitRateSlot() throws InterruptedException {
        return rateLimiter == null || rateLimiter.acquire();
    }

    /** The run is stopping: requests still waiting for the rate cap are not sent, and no new one waits. */
    public void stopWaiting() {
        if (rateLimiter != null) {
            rateLimiter.stop();
        }
    }

    /** The generator-side failures of this client: its I/O threads, the process's file descriptors. */
    public GeneratorFailures failures() {
        return failures;
    }

    /** How many requests the rate cap held back, and for how long in all, in nanoseconds; zeros without a cap. */
    public long[] rateCapHeld() {
        return rateLimiter == null ? new long[2] : new long[] {rateLimiter.held(), rateLimiter.heldNanos()};
    }

    /** How long a request waits for its response unless it sets its own timeout. */
    java.time.Duration responseTimeout() {
        return responseTimeout;
    }

    /** Sends a request; {@code callback} is called on an I/O thread. */
    Future<SimpleHttpResponse> execute(AsyncRequestProducer request, HttpClientContext context,
            FutureCallback<SimpleHttpResponse> callback) {
        return client.execute(request, SimpleResponseConsumer.create(), null, context, callback);
    }

    /** Number of open connections, for tests and reports. */
    public int openConnections() {
        return connections.getTotalStats().getLeased() + connections.getTotalStats().getAvailable();
    }

    /** Closes every connection at once and waits (briefly) for the I/O threads to end. */
    @Override
    public void close() {
        failures.closing();
        client.close(CloseMode.IMMEDIATE);
        try {
            client.awaitShutdown(TimeValue.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

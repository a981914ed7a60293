package dev.junitloadtest.internal.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.hc.client5.http.cookie.BasicCookieStore;
import org.apiguardian.api.API;

import dev.junitloadtest.LoadTestConstants;
import dev.junitloadtest.internal.config.HttpSettings;
import dev.junitloadtest.internal.config.TrustSettings;

/**
 * The run's HTTP: its safety rails (allowed hosts, rate cap), its generator-side failures, and the transport that puts
 * requests on the wire: HttpClient 5, or, with {@code loadtest.http.transport=lean}, the lean transport for http://
 * (https:// then still goes through HttpClient 5, started only when first needed). Closed, with every connection, when
 * the run ends. Thread-safe. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class HttpTransport implements AutoCloseable {

    /** User-Agent sent with every request. */
    public static final String USER_AGENT = "junit-loadtest/0.1";

    private final HttpSettings settings;
    private final TrustSettings trust;
    private final String name;
    private final RateLimiter rateLimiter;
    private final GeneratorFailures failures = new GeneratorFailures();
    private final LeanTransport lean;
    private final AtomicBoolean httpsFellBack = new AtomicBoolean();
    private volatile HttpClientTransport httpClient;
    private boolean closed;

    /** Starts a client with {@code settings} and {@code trust}; {@code name} names its I/O threads. */
    public HttpTransport(HttpSettings settings, TrustSettings trust, String name) {
        this.settings = settings;
        this.trust = trust;
        this.name = name;
        this.rateLimiter = Double.isInfinite(trust.maxRequestsPerSecond()) ? null
                : new RateLimiter(trust.maxRequestsPerSecond());
        this.lean = settings.transport() == HttpSettings.Transport.LEAN ? new LeanTransport(settings, trust) : null;
        if (lean == null) {
            httpClient();
        }
    }

    private HttpClientTransport httpClient() {
        HttpClientTransport client = httpClient;
        if (client == null) {
            synchronized (this) {
                client = httpClient;
                if (client == null && !closed) {
                    client = new HttpClientTransport(settings, trust, name, failures);
                    httpClient = client;
                }
            }
        }
        if (client == null) {
            throw new IllegalStateException("the run's HTTP client is closed");
        }
        return client;
    }

    /** A user's channel, with {@code cookies} as its jar: by the URI's scheme, on the lean or HttpClient's path. */
    Transport.UserChannel open(BasicCookieStore cookies) {
        if (lean == null) {
            return httpClient().open(cookies);
        }
        Transport.UserChannel plain = lean.open(cookies);
        Transport.UserChannel[] secure = new Transport.UserChannel[1];
        return (request, deadlineNanos) -> {
            if (!"https".equalsIgnoreCase(request.uri().getScheme())) {
                return plain.exchange(request, deadlineNanos);
            }
            if (secure[0] == null) {
                httpsFellBack.set(true);
                secure[0] = httpClient().open(cookies);
            }
            return secure[0].exchange(request, deadlineNanos);
        };
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

    /** What the run's outputs should say about the transport: https:// sent through HttpClient 5 under lean. */
    public List<String> notes() {
        if (!httpsFellBack.get()) {
            return List.of();
        }
        return List.of("https:// requests went through HttpClient 5: -D" + LoadTestConstants.HTTP_TRANSPORT_PROPERTY_NAME
                + "=lean is experimental and covers http:// only so far.");
    }

    /** How long a request waits for its response unless it sets its own timeout. */
    Duration responseTimeout() {
        return settings.responseTimeout();
    }

    /** Number of open connections, for tests and reports. */
    public int openConnections() {
        HttpClientTransport client = httpClient;
        return (lean == null ? 0 : lean.openConnections()) + (client == null ? 0 : client.openConnections());
    }

    /** Closes every connection at once and waits (briefly) for the I/O threads to end. */
    @Override
    public void close() {
        failures.closing();
        HttpClientTransport client;
        synchronized (this) {
            closed = true;
            client = httpClient;
        }
        if (lean != null) {
            lean.close();
        }
        if (client != null) {
            client.close();
        }
    }
}

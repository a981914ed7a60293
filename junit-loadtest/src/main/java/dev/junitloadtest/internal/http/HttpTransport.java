package dev.junitloadtest.internal.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;

import org.apache.hc.client5.http.cookie.BasicCookieStore;
import org.apiguardian.api.API;

import dev.junitloadtest.internal.config.HttpSettings;
import dev.junitloadtest.internal.config.TrustSettings;

/**
 * The run's HTTP: its safety rails (allowed hosts, rate cap), its generator-side failures, and the transport that puts
 * requests on the wire: the lean transport (HTTP/1.1 on each user's thread, http:// and https://) unless
 * {@code loadtest.http.transport=httpclient} or {@code loadtest.http.protocol=h2} asks for HttpClient 5. Closed, with
 * every connection, when the run ends. Thread-safe. Internal.
 */
@API(status = INTERNAL, since = "0.1")
public final class HttpTransport implements AutoCloseable {

    /** User-Agent sent with every request. */
    public static final String USER_AGENT = "junit-loadtest/0.1";

    private final HttpSettings settings;
    private final TrustSettings trust;
    private final RateLimiter rateLimiter;
    private final GeneratorFailures failures = new GeneratorFailures();
    private final Transport transport;

    /** Starts a client with {@code settings} and {@code trust}; {@code name} names its I/O threads. */
    public HttpTransport(HttpSettings settings, TrustSettings trust, String name) {
        this.settings = settings;
        this.trust = trust;
        this.rateLimiter = Double.isInfinite(trust.maxRequestsPerSecond()) ? null
                : new RateLimiter(trust.maxRequestsPerSecond());
        this.transport = settings.transport() == HttpSettings.Transport.LEAN ? new LeanTransport(settings, trust)
                : new HttpClientTransport(settings, trust, name, failures);
    }

    /** A user's channel, with {@code cookies} as its jar. */
    Transport.UserChannel open(BasicCookieStore cookies) {
        return transport.open(cookies);
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

    /** How long opening a connection (and its TLS handshake) may take. */
    Duration connectTimeout() {
        return settings.connectTimeout();
    }

    /** How long a request waits for its response unless it sets its own timeout. */
    Duration responseTimeout() {
        return settings.responseTimeout();
    }

    /** Number of open connections, for tests and reports. */
    public int openConnections() {
        return transport.openConnections();
    }

    /** Closes every connection at once and waits (briefly) for the I/O threads to end. */
    @Override
    public void close() {
        failures.closing();
        transport.close();
    }
}

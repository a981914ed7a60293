package dev.junitloadtest.internal.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;

import org.apiguardian.api.API;

/**
 * HTTP client settings of a run, set by the {@code loadtest.http.*} parameters and {@code loadtest.max-request-names}.
 * Internal.
 */
@API(status = INTERNAL, since = "0.1")
public record HttpSettings(Duration connectTimeout, Duration responseTimeout, int maxRequestNames,
        Transport transport, Protocol protocol) {

    /**
     * The defaults: connect within 10 s, respond within 30 s (Heroku's router limit), 500 request names, HTTP/1.1 on
     * the lean transport, for http:// and https:// alike.
     */
    public static final HttpSettings DEFAULTS = new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(30), 500,
            Transport.LEAN, Protocol.HTTP1);

    /** What puts requests on the wire, set by {@code loadtest.http.transport}. */
    public enum Transport {
        /** Apache HttpClient 5 async, shared by all users: {@code httpclient}. */
        HTTPCLIENT,
        /** Blocking HTTP/1.1 (over TLS for https://) on each user's own thread and socket: {@code lean}. */
        LEAN
    }

    /** The HTTP version spoken, set by {@code loadtest.http.protocol}. */
    public enum Protocol {
        /** HTTP/1.1, on either transport: {@code http1}. */
        HTTP1,
        /**
         * HTTP/2 where an https:// server offers it (ALPN), else HTTP/1.1; through HttpClient 5 only: {@code h2}.
         */
        H2
    }
}

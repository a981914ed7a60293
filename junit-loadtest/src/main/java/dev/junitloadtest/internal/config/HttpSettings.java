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
        Transport transport) {

    /**
     * The defaults: connect within 10 s, respond within 30 s (Heroku's router limit), 500 request names, through
     * HttpClient 5.
     */
    public static final HttpSettings DEFAULTS = new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(30), 500,
            Transport.HTTPCLIENT);

    /** What puts requests on the wire, set by {@code loadtest.http.transport}. */
    public enum Transport {
        /** Apache HttpClient 5 async, shared by all users: {@code httpclient}. */
        HTTPCLIENT,
        /** Experimental: blocking HTTP/1.1 on each user's own thread and socket, for http:// only: {@code lean}. */
        LEAN
    }
}

package dev.junitloadtest.internal.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;

import org.apiguardian.api.API;

/**
 * HTTP client settings of a run, set by the {@code loadtest.http.*} parameters and {@code loadtest.max-request-names}.
 * Internal.
 */
@API(status = INTERNAL, since = "0.1")
public record HttpSettings(Duration connectTimeout, Duration responseTimeout, int maxRequestNames) {

    /** The defaults: connect within 10 s, respond within 30 s (Heroku's router limit), 500 request names. */
    public static final HttpSettings DEFAULTS = new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(30), 500);
}

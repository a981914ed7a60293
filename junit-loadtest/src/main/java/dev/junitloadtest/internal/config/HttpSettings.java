package dev.junitloadtest.internal.config;

import java.time.Duration;

/** HTTP client settings of a run. Internal. */
public record HttpSettings(Duration connectTimeout, Duration responseTimeout, int maxRequestNames) {

    /** Configuration parameter for {@link #connectTimeout()}: {@value}. */
    public static final String CONNECT_TIMEOUT_PROPERTY_NAME = "loadtest.http.connect-timeout";

    /** Configuration parameter for {@link #responseTimeout()}: {@value}. */
    public static final String RESPONSE_TIMEOUT_PROPERTY_NAME = "loadtest.http.response-timeout";

    /** Configuration parameter for {@link #maxRequestNames()}: {@value}. */
    public static final String MAX_REQUEST_NAMES_PROPERTY_NAME = "loadtest.max-request-names";

    /** The defaults: connect within 10 s, respond within 30 s (Heroku's router limit), 500 request names. */
    public static final HttpSettings DEFAULTS = new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(30), 500);
}

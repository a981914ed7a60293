package dev.junitloadtest.internal.config;

import java.time.Duration;

import dev.junitloadtest.LoadTestConstants;

/** Reads the HTTP client's settings, which only configuration parameters set. Internal. */
final class HttpSettingsReader {

    private static final Setting<Duration> CONNECT_TIMEOUT = Setting.of(
            LoadTestConstants.CONNECT_TIMEOUT_PROPERTY_NAME, Parser.POSITIVE_DURATION);
    private static final Setting<Duration> RESPONSE_TIMEOUT = Setting.of(
            LoadTestConstants.RESPONSE_TIMEOUT_PROPERTY_NAME, Parser.POSITIVE_DURATION);
    private static final Setting<Integer> MAX_REQUEST_NAMES = Setting.of(
            LoadTestConstants.MAX_REQUEST_NAMES_PROPERTY_NAME, Parser.wholeNumber(1));

    private static final Setting<HttpSettings.Transport> TRANSPORT = Setting.of(
            LoadTestConstants.HTTP_TRANSPORT_PROPERTY_NAME, Parser.of("httpclient or lean", text -> switch (text) {
                case "httpclient" -> java.util.Optional.of(HttpSettings.Transport.HTTPCLIENT);
                case "lean" -> java.util.Optional.of(HttpSettings.Transport.LEAN);
                default -> java.util.Optional.empty();
            }));

    private HttpSettingsReader() {
    }

    static HttpSettings read(ConfigurationParameters parameters) {
        HttpSettings defaults = HttpSettings.DEFAULTS;
        return new HttpSettings(CONNECT_TIMEOUT.orDefault(parameters, defaults.connectTimeout()),
                RESPONSE_TIMEOUT.orDefault(parameters, defaults.responseTimeout()),
                MAX_REQUEST_NAMES.orDefault(parameters, defaults.maxRequestNames()),
                TRANSPORT.orDefault(parameters, defaults.transport()));
    }
}

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

    private static final Setting<HttpSettings.Protocol> PROTOCOL = Setting.of(
            LoadTestConstants.HTTP_PROTOCOL_PROPERTY_NAME, Parser.of("http1 or h2", text -> switch (text) {
                case "http1" -> java.util.Optional.of(HttpSettings.Protocol.HTTP1);
                case "h2" -> java.util.Optional.of(HttpSettings.Protocol.H2);
                default -> java.util.Optional.empty();
            }));

    private HttpSettingsReader() {
    }

    /**
     * Reads the settings. HTTP/2 is HttpClient's: {@code h2} alone selects HttpClient 5, and {@code h2} with the lean
     * transport asked for by name is a configuration error.
     */
    static HttpSettings read(ConfigurationParameters parameters) {
        HttpSettings defaults = HttpSettings.DEFAULTS;
        HttpSettings.Protocol protocol = PROTOCOL.orDefault(parameters, defaults.protocol());
        HttpSettings.Transport transport = TRANSPORT.orDefault(parameters,
                protocol == HttpSettings.Protocol.H2 ? HttpSettings.Transport.HTTPCLIENT : defaults.transport());
        if (protocol == HttpSettings.Protocol.H2 && transport == HttpSettings.Transport.LEAN) {
            throw new LoadTestConfigurationException(PROTOCOL.where() + " = 'h2' requires HttpClient 5 (`"
                    + TRANSPORT.key() + "` = 'httpclient', or unset), but `" + TRANSPORT.key() + "` was 'lean': "
                    + "the lean transport speaks HTTP/1.1 only.");
        }
        return new HttpSettings(CONNECT_TIMEOUT.orDefault(parameters, defaults.connectTimeout()),
                RESPONSE_TIMEOUT.orDefault(parameters, defaults.responseTimeout()),
                MAX_REQUEST_NAMES.orDefault(parameters, defaults.maxRequestNames()), transport, protocol);
    }
}

package dev.junitloadtest.internal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import dev.junitloadtest.LoadTest;
import dev.junitloadtest.LoadTestConstants;

/** Where a run's requests go: the host from the first of its sources that sets one. Internal. */
public final class HostResolution {

    /**
     * The host of a run, if any, and where it came from, as reports show it.
     *
     * @param uri the host, empty when no source set one
     * @param source where it came from; {@code none} for no host
     */
    public record Host(Optional<URI> uri, String source) {

        /** No host: requests need absolute URLs. */
        public static final Host NONE = new Host(Optional.empty(), "none");

        static Host of(URI uri, String source) {
            return new Host(Optional.of(uri), source);
        }
    }

    private HostResolution() {
    }

    /** The host set by the configuration parameter, {@code @LoadTest(host)} or the environment, in that order. */
    static Host configured(LoadTest loadTest, ConfigurationParameters parameters,
            Function<String, String> environment) {
        Optional<String> fromParameter = parameters.get(LoadTestConstants.HOST_PROPERTY_NAME);
        if (fromParameter.isPresent()) {
            return Host.of(parse(fromParameter.get(),
                    "Configuration parameter `" + LoadTestConstants.HOST_PROPERTY_NAME + "`"),
                    "configuration parameter " + LoadTestConstants.HOST_PROPERTY_NAME);
        }
        if (!loadTest.host().isBlank()) {
            return Host.of(parse(loadTest.host(), "@LoadTest `host`"), "@LoadTest(host)");
        }
        String fromEnvironment = environment.apply(LoadTestConstants.HOST_ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Host.of(parse(fromEnvironment.trim(),
                    "Environment variable `" + LoadTestConstants.HOST_ENVIRONMENT_VARIABLE + "`"),
                    "environment variable " + LoadTestConstants.HOST_ENVIRONMENT_VARIABLE);
        }
        return Host.NONE;
    }

    /**
     * Parses a host, as written by a user in {@code where}.
     *
     * @throws LoadTestConfigurationException if it is not an absolute http(s) URI
     */
    public static URI parse(String text, String where) {
        String rule = " requires an absolute http or https URI such as http://127.0.0.1:9000, but was '" + text + "'.";
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                throw new LoadTestConfigurationException(where + rule);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new LoadTestConfigurationException(where + rule, e);
        }
    }
}
